import ExcelJS from 'exceljs';
import type { ComplaintRollupRowValue, MeasureDimension, RevisitRollupRowValue, SurveyRollupRowValue } from '@patron/contracts';
import { KA_SATISFACTION_QUESTIONNAIRE } from '@patron/domain';
import { escapeFormula } from './csv-text';

/**
 * A measure roll-up as an XLSX workbook: the table by the chosen dimension with its total row, and
 * the monthly trend. Rates are stored as fractions formatted as percents, so the file still sums and
 * charts. The tables name org units and staff, never customers: nothing in them needs masking.
 */

export type ExportLanguage = 'zh-CN' | 'en';
type Text = { readonly zh: string; readonly en: string };
type Cell = string | number | null;

interface ExportColumn<R> {
  readonly header: Text;
  readonly value: (row: R) => Cell;
  readonly percent?: boolean;
}

const DIMENSION_HEADERS: { readonly [D in MeasureDimension]: Text } = {
  manager: { zh: '客户经理', en: 'Account manager' },
  team: { zh: '班组', en: 'Team' },
  district: { zh: '县区', en: 'District' },
  city: { zh: '地市', en: 'City' },
  month: { zh: '月份', en: 'Month' },
};
const TOTAL: Text = { zh: '合计', en: 'Total' };
const UNASSIGNED: Text = { zh: '（未分配）', en: '(unassigned)' };
const TREND: Text = { zh: '月度趋势', en: 'Monthly trend' };

export const COMPLAINT_EXPORT_COLUMNS: readonly ExportColumn<ComplaintRollupRowValue>[] = [
  { header: { zh: '投诉量', en: 'Complaints' }, value: (r) => r.total },
  { header: { zh: '在网线路', en: 'Lines' }, value: (r) => r.lines },
  { header: { zh: '万线投诉率', en: 'Per 10,000 lines' }, value: (r) => r.perTenThousandLines },
  { header: { zh: '重复投诉', en: 'Repeat' }, value: (r) => r.repeat },
  { header: { zh: '重复投诉率', en: 'Repeat rate' }, value: (r) => r.repeatRate, percent: true },
  { header: { zh: '热点投诉', en: 'Hot' }, value: (r) => r.hot },
  { header: { zh: '升级', en: 'Escalated' }, value: (r) => r.escalated },
  { header: { zh: '重开', en: 'Reopened' }, value: (r) => r.reopened },
  { header: { zh: '已解决', en: 'Resolved' }, value: (r) => r.resolved },
  { header: { zh: '首次解决', en: 'First-contact resolved' }, value: (r) => r.firstContactResolved },
  { header: { zh: '首次解决率', en: 'First-contact resolution' }, value: (r) => r.firstContactRate, percent: true },
  ...[1, 2, 3].flatMap((level): ExportColumn<ComplaintRollupRowValue>[] => [
    { header: { zh: `L${level} 办结或升级`, en: `L${level} left` }, value: (r) => r.levels[level - 1]?.exits ?? 0 },
    { header: { zh: `L${level} 及时率`, en: `L${level} on-time rate` }, value: (r) => r.levels[level - 1]?.onTimeRate ?? null, percent: true },
  ]),
  { header: { zh: '根因：价值', en: 'Root cause: value' }, value: (r) => r.rootCauses.value },
  { header: { zh: '根因：系统', en: 'Root cause: system' }, value: (r) => r.rootCauses.system },
  { header: { zh: '根因：人员', en: 'Root cause: people' }, value: (r) => r.rootCauses.people },
];

export const REVISIT_EXPORT_COLUMNS: readonly ExportColumn<RevisitRollupRowValue>[] = [
  { header: { zh: '应回访', en: 'Due' }, value: (r) => r.due },
  { header: { zh: '已回访', en: 'Done' }, value: (r) => r.done },
  { header: { zh: '回访率', en: 'Revisit rate' }, value: (r) => r.rate, percent: true },
  { header: { zh: '按时回访', en: 'On time' }, value: (r) => r.onTime },
  { header: { zh: '及时率', en: 'Timeliness' }, value: (r) => r.timeliness, percent: true },
  { header: { zh: '满意', en: 'Satisfied' }, value: (r) => r.satisfied },
  { header: { zh: '不满意', en: 'Unsatisfied' }, value: (r) => r.unsatisfied },
  { header: { zh: '回访满意率', en: 'Revisit satisfaction' }, value: (r) => r.satisfaction, percent: true },
  { header: { zh: '平均评分', en: 'Mean score' }, value: (r) => r.meanScore },
  { header: { zh: '未联系上', en: 'Unreachable' }, value: (r) => r.unreachable },
  { header: { zh: '待回访', en: 'Pending' }, value: (r) => r.pending },
];

export const SURVEY_EXPORT_COLUMNS: readonly ExportColumn<SurveyRollupRowValue>[] = [
  { header: { zh: 'VIP 调查数', en: 'VIP surveyed' }, value: (r) => r.vip.surveyed },
  { header: { zh: 'VIP 认可数', en: 'VIP approving' }, value: (r) => r.vip.approving },
  { header: { zh: 'VIP 认可率', en: 'VIP approval rate' }, value: (r) => r.vip.rate, percent: true },
  { header: { zh: '贵宾调查数', en: '贵宾 surveyed' }, value: (r) => r.guest.surveyed },
  { header: { zh: '贵宾认可数', en: '贵宾 approving' }, value: (r) => r.guest.approving },
  { header: { zh: '贵宾认可率', en: '贵宾 approval rate' }, value: (r) => r.guest.rate, percent: true },
  { header: { zh: '满意度答卷', en: 'Satisfaction answers' }, value: (r) => r.answers },
  { header: { zh: '满意度指数', en: 'Satisfaction index' }, value: (r) => r.index },
  ...KA_SATISFACTION_QUESTIONNAIRE.dimensions.map(
    (dimension): ExportColumn<SurveyRollupRowValue> => ({ header: dimension.label, value: (r) => r.dimensions[dimension.code] ?? null }),
  ),
];

interface GroupedRow {
  key: string | null;
  label: string | null;
}

const textOf = (text: Text, lang: ExportLanguage) => (lang === 'zh-CN' ? text.zh : text.en);

function addTable<R extends GroupedRow>(
  workbook: ExcelJS.Workbook,
  name: string,
  groupHeader: Text,
  columns: readonly ExportColumn<R>[],
  rows: readonly R[],
  total: R | null,
  lang: ExportLanguage,
): void {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow([textOf(groupHeader, lang), ...columns.map((column) => textOf(column.header, lang))]).font = { bold: true };
  const line = (group: string, row: R) => [group, ...columns.map((column) => column.value(row))];
  for (const row of rows) {
    const group = row.key === null ? textOf(UNASSIGNED, lang) : row.label && row.label !== row.key ? `${row.label} (${row.key})` : row.key;
    sheet.addRow(line(group, row).map((cell) => (typeof cell === 'string' ? escapeFormula(cell) : cell)));
  }
  if (total) sheet.addRow(line(textOf(TOTAL, lang), total)).font = { bold: true };
  columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 2);
    sheetColumn.width = 14;
    if (column.percent) sheetColumn.numFmt = '0.0%';
  });
  sheet.getColumn(1).width = 24;
}

/** The workbook's bytes: one sheet by the dimension (with the total), one with the monthly trend. */
export async function measureWorkbook<R extends GroupedRow>(
  sheetName: Text,
  columns: readonly ExportColumn<R>[],
  rollup: { by: MeasureDimension; rows: readonly R[]; trend: readonly R[]; total: R },
  lang: ExportLanguage,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  addTable(workbook, textOf(sheetName, lang), DIMENSION_HEADERS[rollup.by], columns, rollup.rows, rollup.total, lang);
  if (rollup.by !== 'month') addTable(workbook, textOf(TREND, lang), DIMENSION_HEADERS.month, columns, rollup.trend, null, lang);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
