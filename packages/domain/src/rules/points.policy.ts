import type { BusinessDate } from '../calendar/business-date';
import { assertNever } from '../errors';
import type { StarScore } from './star.policy';
import type { Grade, PointsRules } from './rule-set.types';

/** Percent of a point per yuan for a star level; 5★ gold and diamond earn the premium rate. */
export function pointsMultiplierPercent(rules: PointsRules, star: StarScore, grade: Grade): number {
  const m = rules.multiplierPercent;
  switch (star) {
    case 0:
      return 0;
    case 1:
      return m.star1;
    case 2:
      return m.star2;
    case 3:
      return m.star3;
    case 4:
      return m.star4;
    case 5:
      return grade === 'gold' || grade === 'diamond' ? m.star5Premium : m.star5;
    default:
      return assertNever(star, 'star');
  }
}

/** Points for one month's bill: (billed − gifted) yuan × multiplier, rounded to a whole point. */
export function accruedPoints(rules: PointsRules, billedFen: number, giftedFen: number, star: StarScore, grade: Grade): number {
  const payableFen = Math.max(0, billedFen - giftedFen);
  const numerator = payableFen * pointsMultiplierPercent(rules, star, grade);
  const denominator = 100 * 100; // fen → yuan, percent → ratio
  return rules.rounding === 'up' ? Math.ceil(numerator / denominator) : Math.floor(numerator / denominator);
}

/** Points earned on any day of `earnedOn`'s year expire on 31 December `expiryYearsAfter` years later. */
export function pointsExpiryDate(rules: PointsRules, earnedOn: BusinessDate): BusinessDate {
  return `${String(Number(earnedOn.slice(0, 4)) + rules.expiryYearsAfter).padStart(4, '0')}-12-31`;
}

/** Yuan value in fen of `points` at the redemption rate (100 points = ¥1 = 100 fen by default). */
export function pointsValueFen(rules: PointsRules, points: number): number {
  return Math.floor((points * 100) / rules.pointsPerYuan);
}
