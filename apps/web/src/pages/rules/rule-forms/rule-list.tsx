import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { recheckRuleFields } from './rule-field';

interface RuleListProps {
  /** The list's key in the body: `tiers`, `levels`, `limits`, `tenurePoints`. */
  name: 'tiers' | 'levels' | 'limits' | 'tenurePoints';
  /** The row's fields; each takes a column. */
  row: (index: number) => ReactNode[];
  /** A new row appended at the end. */
  newRow: (rows: number) => unknown;
}

/**
 * An ordered list of bands (thresholds best first). Rows are plain indexes into the body list, so
 * each field keeps the absolute name the validator's paths point at (`tiers[1].minAverageFen`).
 * Per-row issues show under each field; list-level ones (`empty`) in the editor's summary.
 */
export function RuleList({ name, row, newRow }: RuleListProps) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const rows = (Form.useWatch(['body', name], { form, preserve: true }) as unknown[] | undefined) ?? [];
  const setRows = (next: unknown[]) => {
    form.setFieldValue(['body', name], next);
    recheckRuleFields(form);
  };
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Text strong>{t(`rules.fields.${name}`)}</Typography.Text>
      {rows.map((_, index) => (
        <Row key={index} gutter={12} align="top" data-testid={`rule-row-${name}-${index}`}>
          {row(index).map((cell, i) => (
            <Col key={i} flex="1 1 160px">
              {cell}
            </Col>
          ))}
          <Col flex="none" style={{ paddingTop: 30 }}>
            <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('rules.removeRow')} onClick={() => setRows(rows.filter((__, i) => i !== index))} />
          </Col>
        </Row>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => setRows([...rows, newRow(rows.length)])} data-testid={`rule-add-${name}`}>
        {t('rules.addRow')}
      </Button>
    </div>
  );
}
