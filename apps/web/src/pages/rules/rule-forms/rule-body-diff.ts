import { formatIssuePath, type FieldPath } from './rule-paths';

export interface BodyChange {
  path: FieldPath;
  before: unknown;
  after: unknown;
}

function leaves(value: unknown, path: (string | number)[], into: Map<string, { path: FieldPath; value: unknown }>): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => leaves(item, [...path, i], into));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) leaves(child, [...path, key], into);
  } else {
    into.set(formatIssuePath(path), { path, value });
  }
}

/**
 * Every leaf value that differs between two rule bodies, in the draft's field order (then what only
 * the active set has): what a reviewer reads before activating a draft.
 */
export function diffRuleBodies(active: unknown, draft: unknown): BodyChange[] {
  const before = new Map<string, { path: FieldPath; value: unknown }>();
  const after = new Map<string, { path: FieldPath; value: unknown }>();
  leaves(active, [], before);
  leaves(draft, [], after);
  const keys = [...new Set([...after.keys(), ...before.keys()])];
  return keys.flatMap((key) => {
    const a = before.get(key);
    const b = after.get(key);
    if (a?.value === b?.value) return [];
    return [{ path: (b ?? a)!.path, before: a?.value, after: b?.value }];
  });
}
