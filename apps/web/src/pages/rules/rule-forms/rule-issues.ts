import { validateRuleBody, type RuleIssue } from '@patron/domain/rules/rule-set.validation';
import type { RuleBodies, RuleKind } from '@patron/domain/rules/rule-set.types';

/**
 * The domain validator the API runs, on a body being typed: half-filled lists or a cleared number
 * can make a check trip over a missing value, which the field's own "required" reports instead.
 */
export function ruleIssuesOf(kind: RuleKind, body: unknown): RuleIssue[] {
  if (typeof body !== 'object' || body === null) return [];
  try {
    return validateRuleBody(kind, body as RuleBodies[typeof kind]);
  } catch {
    return [];
  }
}
