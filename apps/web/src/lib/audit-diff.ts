export interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// A field missing on one side and null on the other did not change (a creation's empty revokedAt).
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

// Audit rows carry whole snapshots or only the changed fields; both read as one row per field.
export function diffAuditValues(before: unknown, after: unknown): DiffRow[] {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  if (!hasBefore && !hasAfter) return [];
  if ((hasBefore && !isPlainObject(before)) || (hasAfter && !isPlainObject(after))) {
    return [{ field: '', before, after, changed: !sameValue(before, after) }];
  }
  const left = isPlainObject(before) ? before : {};
  const right = isPlainObject(after) ? after : {};
  const fields = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  return fields.map((field) => ({ field, before: left[field], after: right[field], changed: !sameValue(left[field], right[field]) }));
}

export function formatAuditValue(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
