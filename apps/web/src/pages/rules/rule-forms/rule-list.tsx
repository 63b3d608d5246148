import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface RuleListProps {
  /** The list's key in the body: `tiers`, `levels`, `limits`, `tenurePoints`. */
  name: string;
  /** The row's fields; each takes a column. */
  row: (index: number) => ReactNode[];
  /** A new row appended at the end (undefined: rows are fixed). */
  newRow?: (rows: number) => unknown;
}

/**
 * An ordered list of bands (thresholds best first). Per-row issues show under each field; list-level
 * ones (`empty`) in the editor's summary.
 */
export function RuleList({ name, row, newRow }: RuleListProps) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Text strong>{t(`rules.fields.${name as 'tiers'}`)}</Typography.Text>
      <Form.List name={['body', name]}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Row key={field.key} gutter={12} align="top" data-testid={`rule-row-${name}-${index}`}>
                {row(index).map((cell, i) => (
                  <Col key={i} flex="1 1 160px">
                    {cell}
                  </Col>
                ))}
                {newRow ? (
                  <Col flex="none" style={{ paddingTop: 30 }}>
                    <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('rules.removeRow')} onClick={() => remove(index)} />
                  </Col>
                ) : null}
              </Row>
            ))}
            {newRow ? (
              <Button size="small" icon={<PlusOutlined />} onClick={() => add(newRow(fields.length))} data-testid={`rule-add-${name}`} style={{ marginBottom: 16 }}>
                {t('rules.addRow')}
              </Button>
            ) : null}
          </>
        )}
      </Form.List>
    </>
  );
}
