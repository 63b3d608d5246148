import { Alert, Col, Row } from 'antd';
import { LOAD_TIERS } from '@patron/domain/rules/rule-set.types';
import { useTranslation } from 'react-i18next';
import { RuleNumber } from './rule-field';

/** Customers per account manager and tier; below HQ a set may only lower them. */
export function LoadLimitsForm() {
  const { t } = useTranslation();
  return (
    <>
      <Alert type="info" showIcon title={t('rules.loadLimitsHint')} style={{ marginBottom: 16 }} />
      <Row gutter={12}>
        {LOAD_TIERS.map((tier) => (
          <Col key={tier} flex="1 1 200px">
            <RuleNumber path={[tier]} unit="count" />
          </Col>
        ))}
      </Row>
    </>
  );
}
