import { describe, expect, it } from 'vitest';
import { RegradeMovementSchema, RuleKindSchema } from '@patron/contracts';
import { GRADES, RULE_ISSUE_CODES, RULE_KINDS } from '@patron/domain';
import { rulesZhCN } from '../i18n/rules.zh-CN';
import { grades, movements, ruleKinds } from './rules';

// The web bundle keeps its own copies of these rule code lists; these keep them in step with the domain.
describe('rule code lists match the domain', () => {
  it('rule kinds', () => {
    expect([...ruleKinds]).toEqual([...RULE_KINDS]);
    expect([...ruleKinds]).toEqual(RuleKindSchema.options);
  });
  it('grades', () => expect([...grades]).toEqual([...GRADES]));
  it('every rule kind and validation issue has a message', () => {
    expect(Object.keys(rulesZhCN.rules.kinds)).toEqual([...RULE_KINDS]);
    expect(Object.keys(rulesZhCN.rules.issues)).toEqual([...RULE_ISSUE_CODES]);
  });
  it('re-grade movements', () => expect([...movements]).toEqual(RegradeMovementSchema.options));
});
