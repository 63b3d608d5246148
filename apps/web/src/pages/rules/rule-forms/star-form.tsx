import { Col, Row } from 'antd';
import { RuleNumber } from './rule-field';
import { RuleList } from './rule-list';

const STAR_FIELDS = [
  ['minTenureMonths', 'months'],
  ['averageMonths', 'months'],
  ['contractBonus', 'count'],
  ['arrearsPenaltyPerSuspension', 'count'],
  ['arrearsLookbackMonths', 'months'],
] as const;

/** Star level 1★–5★: eligibility, contract bonus, arrears penalty, and each level's spend and tenure bars. */
export function StarForm() {
  return (
    <>
      <Row gutter={12}>
        {STAR_FIELDS.map(([key, unit]) => (
          <Col key={key} flex="1 1 180px">
            <RuleNumber path={[key]} unit={unit} />
          </Col>
        ))}
      </Row>
      <RuleList
        name="levels"
        newRow={(rows) => ({ star: 5 - rows, minAverageFen: 0, minTenureMonths: 0 })}
        row={(i) => [
          <RuleNumber key="star" path={['levels', i, 'star']} unit="count" />,
          <RuleNumber key="spend" path={['levels', i, 'minAverageFen']} unit="yuan" />,
          <RuleNumber key="tenure" path={['levels', i, 'minTenureMonths']} unit="months" />,
        ]}
      />
    </>
  );
}
