import type { OrgUnit, OrgUnitKind } from '../api/types';
import { orgUnitKinds } from '../api/types';

export interface OrgTreeNode {
  unit: OrgUnit;
  children: OrgTreeNode[];
}

function compareUnits(a: OrgUnit, b: OrgUnit): number {
  return a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);
}

// Units whose parent is outside the list (a scoped listing) become roots rather than vanishing.
export function buildOrgTree(units: readonly OrgUnit[]): OrgTreeNode[] {
  const nodes = new Map<string, OrgTreeNode>(units.map((unit) => [unit.code, { unit, children: [] }]));
  const roots: OrgTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentCode ? nodes.get(node.unit.parentCode) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const sortDeep = (list: OrgTreeNode[]): OrgTreeNode[] => {
    list.sort((a, b) => compareUnits(a.unit, b.unit));
    for (const node of list) sortDeep(node.children);
    return list;
  };
  return sortDeep(roots);
}

// Keeps matching units and the ancestors that lead to them; a matching unit keeps its whole subtree.
export function filterOrgTree(nodes: readonly OrgTreeNode[], keyword: string): OrgTreeNode[] {
  const needle = keyword.trim().toLowerCase();
  if (!needle) return [...nodes];
  return nodes.flatMap((node): OrgTreeNode[] => {
    if (node.unit.name.toLowerCase().includes(needle) || node.unit.code.toLowerCase().includes(needle)) return [node];
    const children = filterOrgTree(node.children, keyword);
    return children.length ? [{ unit: node.unit, children }] : [];
  });
}

export function collectCodes(nodes: readonly OrgTreeNode[], maxDepth = Number.POSITIVE_INFINITY, depth = 0): string[] {
  if (depth >= maxDepth) return [];
  return nodes.flatMap((node) => [node.unit.code, ...collectCodes(node.children, maxDepth, depth + 1)]);
}

// A child sits exactly one level below its parent (the server's rule); teams are leaves.
export function childKindOf(kind: OrgUnitKind): OrgUnitKind | undefined {
  return orgUnitKinds[orgUnitKinds.indexOf(kind) + 1];
}

export interface OrgTreeSelectNode {
  value: string;
  label: string;
  searchText: string;
  disabled?: boolean;
  children: OrgTreeSelectNode[];
}

export function toTreeSelectData(nodes: readonly OrgTreeNode[], options: { disableInactive?: boolean } = {}): OrgTreeSelectNode[] {
  return nodes.map((node) => ({
    value: node.unit.code,
    label: node.unit.name,
    searchText: `${node.unit.name} ${node.unit.code}`.toLowerCase(),
    disabled: options.disableInactive ? !node.unit.active : false,
    children: toTreeSelectData(node.children, options),
  }));
}
