import { DomainError } from '../errors';

export const SLA_ERROR_CODES = [
  'sla.invalid_budget',
  'sla.invalid_clock_events',
  'sla.unknown_service',
  'sla.unknown_tier',
  'sla.invalid_fee',
  'sla.invalid_dates',
  'sla.unknown_service_item',
  'sla.invalid_star',
  'sla.scope_required',
  'sla.unknown_scope',
] as const;
export type SlaErrorCode = (typeof SLA_ERROR_CODES)[number];

export function slaError(code: SlaErrorCode, message: string, path?: string): DomainError<SlaErrorCode> {
  return new DomainError<SlaErrorCode>(code, message, path === undefined ? {} : { path });
}
