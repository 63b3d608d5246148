import type { Comparison } from '@patron/db';
import { invalid } from '../../errors';

/** TMF query parameters that are not attribute filters. */
const RESERVED = new Set(['fields', 'offset', 'limit', 'sort']);

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export interface TmfListQuery {
  offset: number;
  limit: number;
  fields: ReadonlySet<string> | undefined;
  /** `sort=-creationDate,id`: attribute names, `-` for descending; empty means the resource's default order. */
  sort: readonly SortKey[];
  /** attribute name → its conditions: equality (ORed values) or comparisons. */
  filters: ReadonlyMap<string, readonly AttributeCondition[]>;
}

export interface SortKey {
  attribute: string;
  descending: boolean;
}

export interface AttributeCondition {
  op: Comparison;
  values: readonly string[];
}

const COMPARISONS = ['gt', 'gte', 'lt', 'lte', 'eq'] as const satisfies readonly Comparison[];

function nonNegativeInteger(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw invalid(`query.${name}`, 'must be a non-negative integer');
  return Number(raw);
}

/** Splits `fields=a,b` and `status=pending,held`; a repeated parameter counts as one more value. */
const valuesOf = (raw: string | string[]) => (Array.isArray(raw) ? raw : [raw]).flatMap((value) => value.split(',')).filter((value) => value !== '');

export function parseListQuery(query: Record<string, string | string[] | undefined>): TmfListQuery {
  const single = (name: string) => {
    const value = query[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const limit = nonNegativeInteger('limit', single('limit'), DEFAULT_LIMIT);
  if (limit < 1 || limit > MAX_LIMIT) throw invalid('query.limit', `must be between 1 and ${MAX_LIMIT}`);
  const fieldsRaw = query.fields;
  const filters = new Map<string, AttributeCondition[]>();
  for (const [key, raw] of Object.entries(query)) {
    if (raw === undefined || RESERVED.has(key)) continue;
    const suffix = COMPARISONS.find((op) => key.endsWith(`.${op}`));
    const name = suffix ? key.slice(0, -suffix.length - 1) : key;
    filters.set(name, [...(filters.get(name) ?? []), { op: suffix ?? 'eq', values: valuesOf(raw) }]);
  }
  return {
    offset: nonNegativeInteger('offset', single('offset'), 0),
    limit,
    fields: fieldsRaw === undefined ? undefined : new Set(valuesOf(fieldsRaw)),
    sort: valuesOf(query.sort ?? []).map((key) => (key.startsWith('-') ? { attribute: key.slice(1), descending: true } : { attribute: key.replace(/^\+/, ''), descending: false })),
    filters,
  };
}

/** The sort keys of a query, each one of `allowed` (a sort the resource cannot serve is refused, not ignored). */
export function sortOf<A extends string>(query: TmfListQuery, allowed: readonly A[]): { attribute: A; descending: boolean }[] {
  return query.sort.map((key) => {
    if (!(allowed as readonly string[]).includes(key.attribute)) throw invalid('query.sort', `sortable attributes: ${allowed.join(', ')}`);
    return { attribute: key.attribute as A, descending: key.descending };
  });
}

/** `fields=` keeps the named first-level attributes plus id, href and @type; unknown names are ignored. */
export function project<T extends Record<string, unknown>>(resource: T, fields: ReadonlySet<string> | undefined): Partial<T> {
  if (!fields) return resource;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    if (fields.has(key) || key === 'id' || key === 'href' || key === '@type') kept[key] = value;
  }
  return kept as Partial<T>;
}

/** Equality values of one attribute (comparisons on it are refused: it is not a date). */
export function equalityValues(query: TmfListQuery, name: string): readonly string[] | undefined {
  const conditions = query.filters.get(name);
  if (!conditions) return undefined;
  if (conditions.some((condition) => condition.op !== 'eq')) throw invalid(`query.${name}`, 'only equality filters apply to this attribute');
  return conditions.flatMap((condition) => condition.values);
}

/** Comparisons on a date attribute: `creationDate.gt=2026-01-01T00:00:00Z`; plain `=` means `.eq`. */
export function dateConditions(query: TmfListQuery, name: string): { op: Comparison; at: Date }[] {
  return (query.filters.get(name) ?? []).flatMap((condition) =>
    condition.values.map((value) => {
      const at = new Date(value);
      if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at.getTime())) throw invalid(`query.${name}`, 'must be an RFC 3339 date-time');
      return { op: condition.op, at };
    }),
  );
}

/** RFC 3339 in UTC with milliseconds, or nothing: TMF leaves out attributes without a value. */
export const rfc3339 = (at: Date | null | undefined) => (at ? at.toISOString() : undefined);

/** Drops undefined members so a resource carries no attribute without a value. */
export function compact<T extends Record<string, unknown>>(resource: T): T {
  return Object.fromEntries(Object.entries(resource).filter(([, value]) => value !== undefined && value !== null)) as T;
}
