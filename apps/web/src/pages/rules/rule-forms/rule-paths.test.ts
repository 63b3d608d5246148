import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CREDIT_RULES,
  DEFAULT_GRADING_RULES,
  DEFAULT_LOAD_LIMIT_RULES,
  DEFAULT_POINTS_RULES,
  DEFAULT_POTENTIAL_RULES,
  DEFAULT_STAR_RULES,
  GROWTH_VALUE_GRADING_RULES,
} from '@patron/domain/rules/default-rules.data';
import { rulesZhCN } from '../../../i18n/rules.zh-CN';
import { diffRuleBodies } from './rule-body-diff';
import { formatIssuePath, formFieldOfServerPath, issueCodeOf, parseIssuePath, valueAt } from './rule-paths';

describe('rule field paths', () => {
  it.each([
    ['tiers[1].minAverageFen', ['tiers', 1, 'minAverageFen']],
    ['multiplierPercent.star2', ['multiplierPercent', 'star2']],
    ['vip', ['vip']],
    ['limits[10].minScore', ['limits', 10, 'minScore']],
  ] as const)('%s ⇄ form name', (path, name) => {
    expect(parseIssuePath(path)).toEqual(name);
    expect(formatIssuePath(name)).toBe(path);
  });

  it('maps server error paths onto form fields', () => {
    expect(formFieldOfServerPath('body.body.tiers[1].minAverageFen')).toEqual(['body', 'tiers', 1, 'minAverageFen']);
    expect(formFieldOfServerPath('body.effectiveFrom')).toEqual(['effectiveFrom']);
  });

  it('reads values and issue codes', () => {
    expect(valueAt({ tiers: [{ grade: 'diamond' }, { grade: 'gold' }] }, ['tiers', 1, 'grade'])).toBe('gold');
    expect(valueAt({ tiers: [] }, ['tiers', 3, 'grade'])).toBeUndefined();
    expect(issueCodeOf('looser_than_parent: vip must not exceed 50')).toBe('looser_than_parent');
    expect(issueCodeOf('Expected number')).toBe('');
  });
});

describe('diffRuleBodies', () => {
  it('lists changed, added and removed leaves', () => {
    const active = { averageMonths: 6, tiers: [{ grade: 'diamond', minAverageFen: 170_000 }, { grade: 'gold', minAverageFen: 70_000 }] };
    const draft = { averageMonths: 6, tiers: [{ grade: 'diamond', minAverageFen: 180_000 }] };
    expect(diffRuleBodies(active, draft)).toEqual([
      { path: ['tiers', 0, 'minAverageFen'], before: 170_000, after: 180_000 },
      { path: ['tiers', 1, 'grade'], before: 'gold', after: undefined },
      { path: ['tiers', 1, 'minAverageFen'], before: 70_000, after: undefined },
    ]);
    expect(diffRuleBodies(active, active)).toEqual([]);
  });
});

describe('field labels', () => {
  it('every field of every shipped rule body has a label', () => {
    const bodies = [
      DEFAULT_GRADING_RULES,
      GROWTH_VALUE_GRADING_RULES,
      DEFAULT_STAR_RULES,
      DEFAULT_CREDIT_RULES,
      DEFAULT_POINTS_RULES,
      DEFAULT_POTENTIAL_RULES,
      DEFAULT_LOAD_LIMIT_RULES,
    ];
    const keys = new Set(bodies.flatMap((body) => diffRuleBodies({}, body).flatMap((change) => change.path.filter((part) => typeof part === 'string'))));
    expect([...keys].filter((key) => !(key in rulesZhCN.rules.fields))).toEqual([]);
  });
});
