import { Rate, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, Grade } from '../../api/types';
import { formatDate } from '../../lib/format';
import { gradeColors } from '../../styles/theme';
import type { zhCN } from '../../i18n/zh-CN';

type Labels = {
  grade: (code: string) => string;
  customerKind: (code: string) => string;
};

/** An empty value, shown as the locale's dash rather than nothing. */
export function Blank() {
  const { t } = useTranslation();
  return <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>;
}

export function GradeTag({ grade, label }: { grade: Grade; label: string }) {
  return (
    <Tag color={grade === 'none' ? 'default' : gradeColors[grade]} data-testid={`grade-${grade}`}>
      {label}
    </Tag>
  );
}

export function Stars({ value }: { value: number | null }) {
  return value === null ? <Blank /> : <Rate disabled count={5} value={value} style={{ fontSize: 12 }} />;
}

// Masked values (138****1234) keep their width in a monospace face, so columns line up.
export function MaskedText({ value }: { value: string | null }) {
  return value ? <span className="patron-mono">{value}</span> : <Blank />;
}

type ColumnKey = keyof typeof zhCN.customers.columns;

export interface CustomerField {
  key: ColumnKey;
  render: (customer: Customer, labels: Labels) => ReactNode;
}

// One description of each customer field serves the list columns and the detail sections, so the
// archive work adds a field in one place.
export const customerFields: Record<ColumnKey, CustomerField> = {
  customerNo: { key: 'customerNo', render: (c) => <span className="patron-mono">{c.customerNo}</span> },
  name: { key: 'name', render: (c) => c.name },
  kind: { key: 'kind', render: (c, labels) => labels.customerKind(c.kind) },
  grade: { key: 'grade', render: (c, labels) => <GradeTag grade={c.grade} label={labels.grade(c.grade)} /> },
  star: { key: 'star', render: (c) => <Stars value={c.star} /> },
  phone: { key: 'phone', render: (c) => <MaskedText value={c.phone} /> },
  idNumber: { key: 'idNumber', render: (c) => <MaskedText value={c.idNumber ?? null} /> },
  address: { key: 'address', render: (c) => c.address ?? <Blank /> },
  activatedOn: { key: 'activatedOn', render: (c) => formatDate(c.activatedOn) },
  orgUnit: { key: 'orgUnit', render: (c) => c.orgUnitName },
  accountManager: { key: 'accountManager', render: (c) => c.accountManagerName ?? <Blank /> },
};

type SectionKey = Extract<keyof typeof zhCN.customers.detail, `section${string}`>;

export interface CustomerSection {
  titleKey: SectionKey;
  fields: ColumnKey[];
}

export const customerDetailSections: CustomerSection[] = [
  { titleKey: 'sectionBasic', fields: ['customerNo', 'name', 'kind', 'grade', 'star', 'phone', 'idNumber', 'address'] },
  { titleKey: 'sectionService', fields: ['orgUnit', 'accountManager', 'activatedOn'] },
];
