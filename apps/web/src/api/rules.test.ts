import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { RegradeMovementSchema, RuleKindSchema, type RuleSetSchema, type SimulationReply } from '@patron/contracts';
import { GRADES, RULE_ISSUE_CODES, RULE_KINDS } from '@patron/domain';
import { rulesZhCN } from '../i18n/rules.zh-CN';
import { grades, movements, ruleKinds, type RuleSet, type Simulation } from './rules';

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

type Unknown<Web, Contract> = Exclude<keyof Web, keyof Contract>;

describe('rule wire types only read fields the contracts define', () => {
  it('holds at the type level', () => {
    expectTypeOf<Unknown<RuleSet, z.infer<typeof RuleSetSchema>>>().toEqualTypeOf<never>();
    expectTypeOf<Unknown<Simulation, z.infer<typeof SimulationReply>>>().toEqualTypeOf<never>();
  });
});
