import type { CreditRules, LoadLimitRules, GrowthValueGrading, AverageSpendGrading, PointsRules, PotentialRules, StarRules } from './rule-set.types';

/**
 * The rule sets a new installation starts with. Samples to tune, not law (DOMAIN §0): the spend
 * thresholds are the informal China Mobile figures [W8] [Ex] with our ¥150 贵宾 guess (§8 #1).
 */
export const DEFAULT_GRADING_RULES: AverageSpendGrading = {
  scheme: 'average_spend',
  averageMonths: 6,
  tiers: [
    { grade: 'diamond', minAverageFen: 170_000 },
    { grade: 'gold', minAverageFen: 70_000 },
    { grade: 'silver', minAverageFen: 30_000 },
    { grade: 'guest', minAverageFen: 15_000 },
  ],
  minTenureMonths: 6,
  arrearsFreeMonths: 3,
  groupRoleGrades: { key_person: 'gold', important_member: 'silver' },
};

/** The 全球通 growth-value scheme [W8] [Ex]: diamond is quoted at more than 4,000 points; the lower bars are samples. */
export const GROWTH_VALUE_GRADING_RULES: GrowthValueGrading = {
  scheme: 'growth_value',
  tenurePoints: [
    { minYears: 1, points: 100 },
    { minYears: 3, points: 200 },
    { minYears: 10, points: 300 },
  ],
  tiers: [
    { grade: 'diamond', minPoints: 4_001 },
    { grade: 'gold', minPoints: 2_000 },
    { grade: 'silver', minPoints: 1_000 },
    { grade: 'guest', minPoints: 500 },
  ],
  minTenureMonths: 12,
  arrearsFreeMonths: 3,
  groupRoleGrades: { key_person: 'gold', important_member: 'silver' },
};

export const DEFAULT_STAR_RULES: StarRules = {
  minTenureMonths: 6,
  averageMonths: 6,
  levels: [
    { star: 5, minAverageFen: 170_000, minTenureMonths: 36 },
    { star: 4, minAverageFen: 70_000, minTenureMonths: 24 },
    { star: 3, minAverageFen: 30_000, minTenureMonths: 12 },
    { star: 2, minAverageFen: 15_000, minTenureMonths: 6 },
    { star: 1, minAverageFen: 5_000, minTenureMonths: 6 },
  ],
  contractBonus: 1,
  arrearsPenaltyPerSuspension: 1,
  arrearsLookbackMonths: 12,
};

export const DEFAULT_CREDIT_RULES: CreditRules = {
  baseScore: 20,
  tenureWeight: 30,
  tenureFullMonths: 60,
  punctualityWeight: 50,
  suspensionPenalty: 10,
  suspensionLookbackMonths: 6,
  arrearsDayPenalty: 1,
  maxArrearsPenalty: 30,
  limits: [
    { minScore: 90, limitFen: 200_000 },
    { minScore: 75, limitFen: 100_000 },
    { minScore: 60, limitFen: 50_000 },
    { minScore: 40, limitFen: 20_000 },
    { minScore: 0, limitFen: 10_000 },
  ],
  maxTemporaryCreditDays: 7,
};

/** China Mobile multipliers [W7] [Op]; 100 points = ¥1 and end-of-next-year expiry are §8 #12. */
export const DEFAULT_POINTS_RULES: PointsRules = {
  multiplierPercent: { star1: 100, star2: 150, star3: 200, star4: 250, star5: 300, star5Premium: 500 },
  rounding: 'up',
  expiryYearsAfter: 1,
  expiryNoticeDays: 30,
  pointsPerYuan: 100,
};

export const DEFAULT_POTENTIAL_RULES: PotentialRules = {
  averageMonths: 3,
  shareOfLowestTierPercent: 80,
  groupKeyPerson: true,
  competitorMinMonthlyFen: 30_000,
};

/** The 2007 deck's observed maxima (DOMAIN §3.6 [S1] [Ex]): 50 VIPs and 300 贵宾 per account manager. */
export const DEFAULT_LOAD_LIMIT_RULES: LoadLimitRules = { vip: 50, guest: 300 };
