import { Col, Form, Row, Select } from 'antd';
import { DEFAULT_GRADING_RULES, GROWTH_VALUE_GRADING_RULES } from '@patron/domain/rules/default-rules.data';
import { GRADING_SCHEMES, GROUP_ROLES, KEY_ACCOUNT_GRADES, type GradingScheme } from '@patron/domain/rules/rule-set.types';
import { useTranslation } from 'react-i18next';
import { fieldTestId, recheckRuleFields, RuleItem, RuleNumber } from './rule-field';
import { RuleList } from './rule-list';

const SCHEME_DEFAULTS = { average_spend: DEFAULT_GRADING_RULES, growth_value: GROWTH_VALUE_GRADING_RULES } as const;

/** Grading: the scheme, eligibility (tenure, arrears look-back), group roles, and the tiers best first. */
export function GradingForm() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const scheme = Form.useWatch(['body', 'scheme'], { form, preserve: true }) as GradingScheme | undefined;
  const gradeOptions = KEY_ACCOUNT_GRADES.map((grade) => ({ value: grade, label: t(`rules.grades.${grade}`) }));
  // Switching scheme changes the body's shape: start from that scheme's sample, keeping eligibility.
  const switchScheme = (next: GradingScheme) => {
    const current = form.getFieldValue('body') as Record<string, unknown>;
    const { minTenureMonths, arrearsFreeMonths, groupRoleGrades } = current;
    form.setFieldValue('body', { ...SCHEME_DEFAULTS[next], minTenureMonths, arrearsFreeMonths, groupRoleGrades });
    recheckRuleFields(form);
  };
  return (
    <>
      <Row gutter={12}>
        <Col flex="1 1 200px">
          <Form.Item label={t('rules.fields.scheme')}>
            <Select
              data-testid={fieldTestId(['scheme'])}
              value={scheme}
              onChange={switchScheme}
              options={GRADING_SCHEMES.map((value) => ({ value, label: t(`rules.schemes.${value}`) }))}
            />
          </Form.Item>
        </Col>
        {scheme === 'average_spend' ? (
          <Col flex="1 1 160px">
            <RuleNumber path={['averageMonths']} unit="months" />
          </Col>
        ) : null}
        <Col flex="1 1 160px">
          <RuleNumber path={['minTenureMonths']} unit="months" />
        </Col>
        <Col flex="1 1 160px">
          <RuleNumber path={['arrearsFreeMonths']} unit="months" />
        </Col>
      </Row>
      <Row gutter={12}>
        {GROUP_ROLES.map((role) => (
          <Col key={role} flex="1 1 200px">
            <RuleItem path={['groupRoleGrades', role]}>
              <Select data-testid={fieldTestId(['groupRoleGrades', role])} allowClear options={gradeOptions} placeholder={t('rules.noGroupRoleGrade')} />
            </RuleItem>
          </Col>
        ))}
      </Row>
      <RuleList
        name="tiers"
        newRow={(rows) => ({ grade: KEY_ACCOUNT_GRADES[rows] ?? 'guest', ...(scheme === 'growth_value' ? { minPoints: 0 } : { minAverageFen: 0 }) })}
        row={(i) => [
          <RuleItem key="grade" path={['tiers', i, 'grade']}>
            <Select data-testid={fieldTestId(['tiers', i, 'grade'])} options={gradeOptions} />
          </RuleItem>,
          scheme === 'growth_value' ? (
            <RuleNumber key="min" path={['tiers', i, 'minPoints']} unit="points" />
          ) : (
            <RuleNumber key="min" path={['tiers', i, 'minAverageFen']} unit="yuan" />
          ),
        ]}
      />
      {scheme === 'growth_value' ? (
        <RuleList
          name="tenurePoints"
          newRow={() => ({ minYears: 0, points: 0 })}
          row={(i) => [<RuleNumber key="years" path={['tenurePoints', i, 'minYears']} unit="years" />, <RuleNumber key="points" path={['tenurePoints', i, 'points']} unit="points" />]}
        />
      ) : null}
    </>
  );
}
