import { describe, expect, it } from 'vitest';
import { allowedChildKind, widestScope } from './roles';

describe('widestScope', () => {
  it.each([
    [[], 'none'],
    [['own'], 'own'],
    [['aggregate', 'own'], 'own'],
    [['own', 'subtree', 'team'], 'subtree'],
    [['none', 'aggregate'], 'aggregate'],
  ] as const)('%j → %s', (scopes, expected) => {
    expect(widestScope(scopes)).toBe(expected);
  });
});

describe('allowedChildKind', () => {
  it.each([
    ['hq', 'province'],
    ['province', 'city'],
    ['city', 'district'],
    ['district', 'team'],
    ['team', undefined],
  ] as const)('under %s comes %s', (parent, child) => {
    expect(allowedChildKind(parent)).toBe(child);
  });
});
