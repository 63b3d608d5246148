import { Col, Row } from 'antd';
import { RuleNumber } from './rule-field';
import { RuleList } from './rule-list';

const CREDIT_FIELDS = [
  ['baseScore', 'points'],
  ['tenureWeight', 'points'],
  ['tenureFullMonths', 'months'],
  ['punctualityWeight', 'points'],
  ['suspensionPenalty', 'points'],
  ['suspensionLookbackMonths', 'months'],
  ['arrearsDayPenalty', 'points'],
  ['maxArrearsPenalty', 'points'],
  ['maxTemporaryCreditDays', 'days'],
] as const;

/** Credit rating 0–100: factor weights, score → credit limit bands, temporary credit at most 7 days. */
export function CreditForm() {
  return (
    <>
      <Row gutter={12}>
        {CREDIT_FIELDS.map(([key, unit]) => (
          <Col key={key} flex="1 1 180px">
            <RuleNumber path={[key]} unit={unit} />
          </Col>
        ))}
      </Row>
      <RuleList
        name="limits"
        newRow={() => ({ minScore: 0, limitFen: 0 })}
        row={(i) => [<RuleNumber key="score" path={['limits', i, 'minScore']} unit="points" />, <RuleNumber key="limit" path={['limits', i, 'limitFen']} unit="yuan" />]}
      />
    </>
  );
}
