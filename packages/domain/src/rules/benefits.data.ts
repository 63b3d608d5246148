import type { KeyAccountGrade } from './rule-set.types';

/**
 * What a key account is entitled to by grade (DOMAIN §2.3 VIP club, §3.1 "silver benefits already
 * include…"). The entitlements live in the `grade_benefits` table (migration 0050 seeds these samples);
 * a re-grade grants and revokes them with the grade.
 */
export const BENEFITS = [
  'account_manager',
  'vip_counter',
  'vip_hotline',
  'vip_club',
  'free_sim_replacement',
  'delayed_suspension',
  'airport_lounge',
] as const;
export type Benefit = (typeof BENEFITS)[number];

export interface GradeBenefit {
  readonly grade: KeyAccountGrade;
  readonly benefit: Benefit;
  /** Uses per grade year (1 Feb – 31 Jan); null is unlimited. */
  readonly yearlyQuota: number | null;
}

const vip = (grade: KeyAccountGrade, loungeVisits: number | null): GradeBenefit[] => [
  { grade, benefit: 'account_manager', yearlyQuota: null },
  { grade, benefit: 'vip_counter', yearlyQuota: null },
  { grade, benefit: 'vip_hotline', yearlyQuota: null },
  { grade, benefit: 'vip_club', yearlyQuota: null },
  { grade, benefit: 'free_sim_replacement', yearlyQuota: null },
  { grade, benefit: 'delayed_suspension', yearlyQuota: null },
  ...(loungeVisits === null ? [] : [{ grade, benefit: 'airport_lounge' as const, yearlyQuota: loungeVisits }]),
];

/** Samples, not law: the silver package of §3.1, lounge visits for gold and diamond, 贵宾 served by an AM with the VIP line. */
export const DEFAULT_GRADE_BENEFITS: readonly GradeBenefit[] = [
  ...vip('diamond', 8),
  ...vip('gold', 4),
  ...vip('silver', null),
  { grade: 'guest', benefit: 'account_manager', yearlyQuota: null },
  { grade: 'guest', benefit: 'vip_hotline', yearlyQuota: null },
];
