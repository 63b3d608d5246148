import { z } from 'zod';
import { PageQuery, Timestamp } from './common';

// ---------------------------------------------------------------------------------------------
// Service measure roll-ups (DOMAIN §5.1, §5.3, §5.4, §5.9): one row per manager, team, district,
// city or month over a range of business months, plus the monthly trend and the range's total.
// ---------------------------------------------------------------------------------------------

export const MEASURE_DIMENSIONS = ['manager', 'team', 'district', 'city', 'month'] as const;
export type MeasureDimension = (typeof MEASURE_DIMENSIONS)[number];

export const BusinessMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

/** At most two years in one request: a dashboard, not a warehouse query. */
export const MAX_MEASURE_MONTHS = 24;

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** A business-month range; without one, the twelve months up to the current one. */
export function refineMonthRange(range: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if ((range.from === undefined) !== (range.to === undefined)) {
    ctx.addIssue({ code: 'custom', path: [range.from === undefined ? 'from' : 'to'], message: 'give both from and to, or neither' });
    return;
  }
  if (range.from === undefined || range.to === undefined) return;
  const span = monthIndex(range.to) - monthIndex(range.from) + 1;
  if (span < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to is before from' });
  else if (span > MAX_MEASURE_MONTHS) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_MEASURE_MONTHS} months` });
}

const MeasureFields = { by: z.enum(MEASURE_DIMENSIONS).default('district'), from: BusinessMonth.optional(), to: BusinessMonth.optional() };
export const MeasureQuery = z.object(MeasureFields).superRefine(refineMonthRange);
export type MeasureQueryValue = z.output<typeof MeasureQuery>;

export const MeasureExportQuery = z.object({ ...MeasureFields, lang: z.enum(['zh-CN', 'en']).default('zh-CN') }).superRefine(refineMonthRange);

const Count = z.number().int();
/** part ÷ whole as a fraction (0–1); null when the whole is 0. */
const Rate = z.number().nullable();

/** The group a row stands for: a username, org unit code or YYYY-MM (null: no account manager / no team). */
const Group = { key: z.string().nullable(), label: z.string().nullable() };

export const ComplaintRollupRow = z.object({
  ...Group,
  total: Count,
  lines: Count,
  /** Complaints per 10,000 lines in service, one decimal. */
  perTenThousandLines: z.number().nullable(),
  repeat: Count,
  repeatRate: Rate,
  hot: Count,
  escalated: Count,
  reopened: Count,
  resolved: Count,
  firstContactResolved: Count,
  /** First-contact resolutions ÷ resolved complaints. */
  firstContactRate: Rate,
  /** Complaints that left level 1, 2, 3 (escalated or resolved), and those that always left it before its limit. */
  levels: z.array(z.object({ level: Count, exits: Count, onTime: Count, onTimeRate: Rate })),
  rootCauses: z.object({ value: Count, system: Count, people: Count }),
});
export type ComplaintRollupRowValue = z.output<typeof ComplaintRollupRow>;

export const RevisitRollupRow = z.object({
  ...Group,
  due: Count,
  done: Count,
  unreachable: Count,
  pending: Count,
  onTime: Count,
  satisfied: Count,
  unsatisfied: Count,
  /** Revisited ÷ due (target 100%). */
  rate: Rate,
  /** Revisited by the due time ÷ revisited. */
  timeliness: Rate,
  /** Satisfied ÷ revisited. */
  satisfaction: Rate,
  /** Mean of the 1–5 scores given. */
  meanScore: z.number().nullable(),
});
export type RevisitRollupRowValue = z.output<typeof RevisitRollupRow>;

const Approval = z.object({ surveyed: Count, approving: Count, rate: Rate });
export const SurveyRollupRow = z.object({
  ...Group,
  /** Approval rate (§5.1), VIP and 贵宾 apart. */
  vip: Approval,
  guest: Approval,
  /** Satisfaction answers, the mean index (0–100) and the mean score per dimension. */
  answers: Count,
  index: z.number().nullable(),
  dimensions: z.record(z.string(), z.number().nullable()),
});
export type SurveyRollupRowValue = z.output<typeof SurveyRollupRow>;

const rollup = <T extends z.ZodType>(row: T) =>
  z.object({ by: z.enum(MEASURE_DIMENSIONS), from: BusinessMonth, to: BusinessMonth, rows: z.array(row), trend: z.array(row), total: row });

export const ComplaintRollup = rollup(ComplaintRollupRow);
export const RevisitRollup = rollup(RevisitRollupRow);
export const SurveyRollup = rollup(SurveyRollupRow);

// ---------------------------------------------------------------------------------------------
// Drill-down filters shared by the lists behind the numbers
// ---------------------------------------------------------------------------------------------

const flag = z.enum(['true', 'false']).transform((value) => value === 'true').optional();

/** The group of a roll-up row: an account manager (username, or `none`), an AM team or an org subtree. */
export const DrillDownFields = {
  manager: z.string().max(40).optional(),
  team: z.string().max(40).optional(),
  orgUnit: z.string().max(40).optional(),
  from: BusinessMonth.optional(),
  to: BusinessMonth.optional(),
};

export const SurveyResponseListQuery = PageQuery.extend({
  ...DrillDownFields,
  kind: z.enum(['approval', 'satisfaction']).optional(),
  customerClass: z.enum(['vip', 'guest', 'other']).optional(),
  approves: flag,
}).superRefine(refineMonthRange);

export const SurveyResponseSchema = z.object({
  id: z.number().int(),
  answeredAt: Timestamp,
  questionnaire: z.string(),
  version: z.number().int(),
  kind: z.enum(['approval', 'satisfaction']),
  customerNo: z.string(),
  customerName: z.string(),
  customerClass: z.enum(['vip', 'guest', 'other']),
  accountManager: z.string().nullable(),
  accountManagerName: z.string().nullable(),
  orgUnit: z.string(),
  orgUnitName: z.string(),
  index: z.number(),
  approves: z.boolean().nullable(),
  dimensions: z.record(z.string(), z.number()),
});
