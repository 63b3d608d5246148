import { Col, Row, Switch } from 'antd';
import { fieldTestId, RuleItem, RuleNumber } from './rule-field';

/** Potential key accounts: share of the lowest tier over a few months, group key persons, competitor spend. */
export function PotentialForm() {
  return (
    <Row gutter={12}>
      <Col flex="1 1 160px">
        <RuleNumber path={['averageMonths']} unit="months" />
      </Col>
      <Col flex="1 1 160px">
        <RuleNumber path={['shareOfLowestTierPercent']} unit="percent" />
      </Col>
      <Col flex="1 1 160px">
        <RuleItem path={['groupKeyPerson']} valuePropName="checked">
          <Switch data-testid={fieldTestId(['groupKeyPerson'])} />
        </RuleItem>
      </Col>
      <Col flex="1 1 160px">
        <RuleNumber path={['competitorMinMonthlyFen']} unit="yuan" />
      </Col>
    </Row>
  );
}
