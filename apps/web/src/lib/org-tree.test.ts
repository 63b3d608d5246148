import { describe, expect, it } from 'vitest';
import type { OrgUnit } from '../api/types';
import { buildOrgTree, childKindOf, collectCodes, filterOrgTree } from './org-tree';

function unit(code: string, parentCode: string | null, extra: Partial<OrgUnit> = {}): OrgUnit {
  return { id: code, code, name: `${code} 名称`, kind: 'team', parentCode, path: `/${code}/`, active: true, sortOrder: 0, ...extra };
}

const units = [
  unit('DEMO-01-02', 'DEMO-01', { name: '城东班组' }),
  unit('HQ', null, { kind: 'hq', name: '集团总部' }),
  unit('DEMO', 'HQ', { kind: 'province', name: '演示省' }),
  unit('DEMO-01', 'DEMO', { kind: 'city', name: '演示市' }),
  unit('DEMO-01-01', 'DEMO-01', { name: '城西班组', sortOrder: -1 }),
];

describe('buildOrgTree', () => {
  it('nests by parent code and sorts by sort order, then code', () => {
    const tree = buildOrgTree(units);
    expect(collectCodes(tree)).toEqual(['HQ', 'DEMO', 'DEMO-01', 'DEMO-01-01', 'DEMO-01-02']);
  });

  it('treats units with a parent outside the list as roots', () => {
    const tree = buildOrgTree(units.filter((u) => u.code !== 'DEMO'));
    expect(tree.map((n) => n.unit.code)).toEqual(['DEMO-01', 'HQ']);
  });
});

describe('filterOrgTree', () => {
  const tree = buildOrgTree(units);

  it('keeps ancestors of a match by Chinese name', () => {
    expect(collectCodes(filterOrgTree(tree, '城东'))).toEqual(['HQ', 'DEMO', 'DEMO-01', 'DEMO-01-02']);
  });

  it('matches codes case-insensitively and keeps the subtree of a match', () => {
    expect(collectCodes(filterOrgTree(tree, 'demo-01'))).toEqual(['HQ', 'DEMO', 'DEMO-01', 'DEMO-01-01', 'DEMO-01-02']);
  });

  it('returns nothing when nothing matches', () => {
    expect(filterOrgTree(tree, 'nope')).toEqual([]);
  });
});

describe('collectCodes', () => {
  it('stops at the depth asked for', () => {
    expect(collectCodes(buildOrgTree(units), 2)).toEqual(['HQ', 'DEMO']);
  });
});

describe('childKindOf', () => {
  it.each([
    ['hq', 'province'],
    ['province', 'city'],
    ['city', 'district'],
    ['district', 'team'],
    ['team', undefined],
  ] as const)('under %s comes %s', (kind, expected) => expect(childKindOf(kind)).toBe(expected));
});
