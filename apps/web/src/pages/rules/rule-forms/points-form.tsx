import { Col, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { fieldTestId, RuleItem, RuleNumber } from './rule-field';

const MULTIPLIERS = ['star1', 'star2', 'star3', 'star4', 'star5', 'star5Premium'] as const;

/** Points: multiplier per star, rounding, expiry and its notice, the redemption rate (100 points = ¥1). */
export function PointsForm() {
  const { t } = useTranslation();
  return (
    <>
      <Row gutter={12}>
        {MULTIPLIERS.map((star) => (
          <Col key={star} flex="1 1 140px">
            <RuleNumber path={['multiplierPercent', star]} unit="times" />
          </Col>
        ))}
      </Row>
      <Row gutter={12}>
        <Col flex="1 1 160px">
          <RuleItem path={['rounding']}>
            <Select data-testid={fieldTestId(['rounding'])} options={(['up', 'down'] as const).map((value) => ({ value, label: t(`rules.rounding.${value}`) }))} />
          </RuleItem>
        </Col>
        <Col flex="1 1 160px">
          <RuleNumber path={['expiryYearsAfter']} unit="years" />
        </Col>
        <Col flex="1 1 160px">
          <RuleNumber path={['expiryNoticeDays']} unit="days" />
        </Col>
        <Col flex="1 1 160px">
          <RuleNumber path={['pointsPerYuan']} unit="points" />
        </Col>
      </Row>
    </>
  );
}
