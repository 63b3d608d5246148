import type { entitlementsZhCN } from './entitlements.zh-CN';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const entitlementsEn: Widen<typeof entitlementsZhCN> = {
  entitlements: {
    title: 'Credit and benefits',
    validity: 'Grade valid',
    validityRange: '{{from}} to {{to}}',
    creditScore: 'Credit score',
    creditLimit: 'Credit limit',
    temporaryCredit: 'Temporary credit',
    temporaryUntil: '{{amount}}, until {{until}}',
    nonCreditControl: 'Not credit-controlled',
    evaluatedOn: 'Evaluated on',
    ruleSet: 'Rule version',
    benefit: 'Benefit',
    quota: 'Uses a year',
    unlimited: 'Unlimited',
    perYear: '{{count}} a year',
    grantedBy: 'Granted with',
    grantedAt: 'Granted',
    revokedAt: 'Revoked',
    status: 'Status',
    open: 'Active',
    revoked: 'Revoked',
    applied: '; {{credit}} credit profiles re-rated, {{granted}} benefits granted and {{revoked}} revoked',
    none: 'No benefits',
    benefits: {
      account_manager: 'One-to-one account manager',
      vip_counter: 'VIP counter in shops',
      vip_hotline: '10086 VIP line',
      vip_club: 'VIP club',
      free_sim_replacement: 'Free SIM replacement in the province',
      delayed_suspension: 'Delayed suspension on high credit',
      airport_lounge: 'Airport lounge',
    },
  },
};
