/** Intake channels (DOMAIN §3.11): every way a complaint reaches the operator, the regulator's appeal included. */
export const COMPLAINT_CHANNELS = ['hotline', 'business_hall', 'online', 'account_manager', 'letter', 'regulator_appeal'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/** Categories, following the MIIT appeal classes split where the front line needs it. */
export const COMPLAINT_CATEGORIES = [
  'network_quality',
  'billing',
  'service_attitude',
  'provisioning',
  'fault_repair',
  'marketing',
  'information_security',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];

export const COMPENSATION_KINDS = ['credit', 'points', 'gift'] as const;
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];
