/**
 * Service rules as data (DOMAIN §3.1–§3.6): each rule set has one kind and a JSON body of that kind's
 * shape. Money is integer fen, multipliers integer percent (150 = 1.5×), so the batch SQL and these
 * evaluators compute exactly the same numbers.
 */
export const RULE_KINDS = ['grading', 'star', 'credit', 'points', 'potential', 'load_limits'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const GRADES = ['diamond', 'gold', 'silver', 'guest', 'none'] as const;
export type Grade = (typeof GRADES)[number];
/** The grades a tier can award, best first. */
export const KEY_ACCOUNT_GRADES = ['diamond', 'gold', 'silver', 'guest'] as const;
export type KeyAccountGrade = (typeof KEY_ACCOUNT_GRADES)[number];

/** An individual's role in the group customer they belong to (customers.group_role). */
export const GROUP_ROLES = ['key_person', 'important_member'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

export const GRADING_SCHEMES = ['average_spend', 'growth_value'] as const;
export type GradingScheme = (typeof GRADING_SCHEMES)[number];

interface GradingCommon {
  /** Eligible only with at least this many whole months since activation. */
  readonly minTenureMonths: number;
  /** Not eligible with an arrears suspension on or after the as-of date minus this many months (0: ignored). */
  readonly arrearsFreeMonths: number;
  /** A group's key person or important member takes the higher of their own grade and this one. */
  readonly groupRoleGrades: Readonly<Partial<Record<GroupRole, KeyAccountGrade>>>;
}

/** Grade by the average monthly billed amount over the last `averageMonths` billed months. */
export interface AverageSpendGrading extends GradingCommon {
  readonly scheme: 'average_spend';
  readonly averageMonths: number;
  /** Best first; a customer gets the first tier whose minimum the average reaches. */
  readonly tiers: readonly { readonly grade: KeyAccountGrade; readonly minAverageFen: number }[];
}

/** 全球通 growth value: last 12 months' spend at 1 point per yuan plus tenure points. */
export interface GrowthValueGrading extends GradingCommon {
  readonly scheme: 'growth_value';
  /** Ascending by years; the last band the tenure reaches applies. */
  readonly tenurePoints: readonly { readonly minYears: number; readonly points: number }[];
  readonly tiers: readonly { readonly grade: KeyAccountGrade; readonly minPoints: number }[];
}

export type GradingRules = AverageSpendGrading | GrowthValueGrading;

/** Star level 1★–5★ (China Telecom 1A–5A) from tenure, spend, contract and arrears suspensions. */
export interface StarRules {
  readonly minTenureMonths: number;
  readonly averageMonths: number;
  /** Best first; the first level whose spend and tenure minimums are both reached. */
  readonly levels: readonly { readonly star: 1 | 2 | 3 | 4 | 5; readonly minAverageFen: number; readonly minTenureMonths: number }[];
  /** Levels added for a customer under a service contract on the as-of date (never above 5★). */
  readonly contractBonus: number;
  /** Levels taken off per arrears suspension within the lookback (never below unrated). */
  readonly arrearsPenaltyPerSuspension: number;
  readonly arrearsLookbackMonths: number;
}

/** Credit rating 0–100 mapped to a credit limit (DOMAIN §3.3, §8 #2). */
export interface CreditRules {
  readonly baseScore: number;
  readonly tenureWeight: number;
  /** Tenure at or past this many months earns the full tenure weight. */
  readonly tenureFullMonths: number;
  /** Earned in proportion to the bills paid on time over the lookback. */
  readonly punctualityWeight: number;
  readonly suspensionPenalty: number;
  readonly suspensionLookbackMonths: number;
  /** Points off per day the oldest unpaid bill is overdue, up to the cap. */
  readonly arrearsDayPenalty: number;
  readonly maxArrearsPenalty: number;
  /** Best first; the first band whose minimum score is reached. */
  readonly limits: readonly { readonly minScore: number; readonly limitFen: number }[];
  /** Temporary credit (临时信用度) lasts at most this many days; 7 is the operator ceiling. */
  readonly maxTemporaryCreditDays: number;
}

/** Consumption points (DOMAIN §3.4, §8 #12). */
export interface PointsRules {
  /** Percent of a point per yuan billed, by star; `star5Premium` is 5★ gold or diamond. */
  readonly multiplierPercent: {
    readonly star1: number;
    readonly star2: number;
    readonly star3: number;
    readonly star4: number;
    readonly star5: number;
    readonly star5Premium: number;
  };
  readonly rounding: 'up' | 'down';
  /** Points expire at the end of the year this many years after the year they were earned. */
  readonly expiryYearsAfter: number;
  readonly expiryNoticeDays: number;
  readonly pointsPerYuan: number;
}

/** Potential key accounts (潜在大客户, DOMAIN §3.5). */
export interface PotentialRules {
  readonly averageMonths: number;
  /** Percent of the lowest key-account tier's minimum average the customer must reach. */
  readonly shareOfLowestTierPercent: number;
  readonly groupKeyPerson: boolean;
  /** A recorded competitor spend at or above this per month qualifies (0: not used). */
  readonly competitorMinMonthlyFen: number;
}

/** The tiers an account manager's load is counted in: VIP (diamond, gold, silver cards) and 贵宾 (guest). */
export const LOAD_TIERS = ['vip', 'guest'] as const;
export type LoadTier = (typeof LOAD_TIERS)[number];

/**
 * Account-manager load limits (DOMAIN §3.6): at most this many in-network customers of each tier per
 * manager. HQ publishes them; a province or city may only tighten them (checked when saved, and the
 * tightest set in force wins when resolved, see `tightestLoadLimits`).
 */
export type LoadLimitRules = Readonly<Record<LoadTier, number>>;

export interface RuleBodies {
  grading: GradingRules;
  star: StarRules;
  credit: CreditRules;
  points: PointsRules;
  potential: PotentialRules;
  load_limits: LoadLimitRules;
}

export type RuleBody = RuleBodies[RuleKind];

/** The tier a grade loads an account manager in; 'none' loads nobody. */
export function loadTierOf(grade: Grade): LoadTier | null {
  switch (grade) {
    case 'diamond':
    case 'gold':
    case 'silver':
      return 'vip';
    case 'guest':
      return 'guest';
    case 'none':
      return null;
  }
}

/** The limits in force under several sets (an org's chain up to HQ): the lowest per tier. */
export function tightestLoadLimits(sets: readonly LoadLimitRules[], fallback: LoadLimitRules): LoadLimitRules {
  if (sets.length === 0) return fallback;
  return { vip: Math.min(...sets.map((set) => set.vip)), guest: Math.min(...sets.map((set) => set.guest)) };
}

export function gradeRank(grade: Grade): number {
  return GRADES.length - 1 - GRADES.indexOf(grade);
}

export function higherGrade(a: Grade, b: Grade): Grade {
  return gradeRank(a) >= gradeRank(b) ? a : b;
}
