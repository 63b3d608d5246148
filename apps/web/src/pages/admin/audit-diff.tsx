import { Empty, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { diffAuditValues, formatAuditValue, type DiffRow } from '../../lib/audit-diff';

function Value({ value, changed }: { value: unknown; changed: boolean }) {
  const text = formatAuditValue(value);
  return (
    <Typography.Text className="patron-mono" style={{ fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} strong={changed}>
      {text}
    </Typography.Text>
  );
}

export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const rows = diffAuditValues(before, after);
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.diff.noChanges')} />;
  return (
    <Table<DiffRow>
      data-testid="audit-diff"
      size="small"
      rowKey={(row) => row.field || '·'}
      pagination={false}
      dataSource={rows}
      rowClassName={(row) => (row.changed ? 'patron-diff-changed' : '')}
      columns={[
        { key: 'field', title: t('audit.diff.field'), width: 200, render: (_, row) => <span className="patron-mono">{row.field || t('common.empty')}</span> },
        { key: 'before', title: t('audit.diff.before'), render: (_, row) => <Value value={row.before} changed={row.changed} /> },
        { key: 'after', title: t('audit.diff.after'), render: (_, row) => <Value value={row.after} changed={row.changed} /> },
      ]}
    />
  );
}
