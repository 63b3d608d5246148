// Service measure roll-ups and the survey answers behind them. Wire types mirror packages/contracts/src/measures.ts.
import type { AppLocale } from '../i18n/locale';
import { buildApiUrl, http, type QueryParams } from './http-client';
import type { Page } from './types';

export const measureDimensions = ['manager', 'team', 'district', 'city', 'month'] as const;
export type MeasureDimension = (typeof measureDimensions)[number];
export type MeasureKind = 'complaints' | 'revisits' | 'surveys';

export interface MeasureRange {
  by: MeasureDimension;
  from: string;
  to: string;
}

interface GroupRow {
  /** Username, org unit code or YYYY-MM; null for "no account manager" / "no team". */
  key: string | null;
  label: string | null;
}

export interface ComplaintRollupRow extends GroupRow {
  total: number;
  lines: number;
  perTenThousandLines: number | null;
  repeat: number;
  repeatRate: number | null;
  hot: number;
  escalated: number;
  reopened: number;
  resolved: number;
  firstContactResolved: number;
  firstContactRate: number | null;
  levels: { level: number; exits: number; onTime: number; onTimeRate: number | null }[];
  rootCauses: { value: number; system: number; people: number };
}

export interface RevisitRollupRow extends GroupRow {
  due: number;
  done: number;
  unreachable: number;
  pending: number;
  onTime: number;
  satisfied: number;
  unsatisfied: number;
  rate: number | null;
  timeliness: number | null;
  satisfaction: number | null;
  meanScore: number | null;
}

interface Approval {
  surveyed: number;
  approving: number;
  rate: number | null;
}

export interface SurveyRollupRow extends GroupRow {
  vip: Approval;
  guest: Approval;
  answers: number;
  index: number | null;
  dimensions: Record<string, number | null>;
}

export interface Rollup<R> extends MeasureRange {
  rows: R[];
  trend: R[];
  total: R;
}

export interface SurveyResponse {
  id: number;
  answeredAt: string;
  questionnaire: string;
  version: number;
  kind: 'approval' | 'satisfaction';
  customerNo: string;
  customerName: string;
  customerClass: 'vip' | 'guest' | 'other';
  accountManager: string | null;
  accountManagerName: string | null;
  orgUnit: string;
  orgUnitName: string;
  index: number;
  approves: boolean | null;
  dimensions: Record<string, number>;
}

/** The five satisfaction dimensions, in questionnaire order (packages/domain questionnaire.data.ts). */
export const satisfactionDimensions = ['product_quality', 'pre_sales', 'in_sales', 'after_sales', 'am_service'] as const;

export const measureKeys = {
  all: ['measures'] as const,
  rollup: (kind: MeasureKind, range: MeasureRange) => ['measures', kind, range] as const,
  surveyResponses: (query: QueryParams) => ['measures', 'survey-responses', query] as const,
};

const rangeQuery = (range: MeasureRange): QueryParams => ({ by: range.by, from: range.from, to: range.to });

export const measuresApi = {
  complaints: (range: MeasureRange, signal?: AbortSignal) => http.get<Rollup<ComplaintRollupRow>>('/measures/complaints', rangeQuery(range), signal),
  revisits: (range: MeasureRange, signal?: AbortSignal) => http.get<Rollup<RevisitRollupRow>>('/measures/revisits', rangeQuery(range), signal),
  surveys: (range: MeasureRange, signal?: AbortSignal) => http.get<Rollup<SurveyRollupRow>>('/measures/surveys', rangeQuery(range), signal),
  surveyResponses: (query: QueryParams, signal?: AbortSignal) => http.get<Page<SurveyResponse>>('/survey-responses', query, signal),
  /** The XLSX is a file download, so the page links to it rather than fetching it. */
  exportUrl: (kind: MeasureKind, range: MeasureRange, lang: AppLocale) => buildApiUrl(`/measures/${kind}/export`, { ...rangeQuery(range), lang }),
};
