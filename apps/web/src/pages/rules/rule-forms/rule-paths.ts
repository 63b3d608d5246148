// Rule bodies are edited in forms whose field names mirror the body, so the domain validator's issue
// paths (`tiers[1].minAverageFen`) and the server's error paths (`body.body.tiers[1].minAverageFen`)
// land on the field they are about.
export type FieldPath = readonly (string | number)[];

/** `tiers[1].minAverageFen` → `['tiers', 1, 'minAverageFen']`. */
export function parseIssuePath(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) => (match[2] === undefined ? (match[1] as string) : Number(match[2])));
}

/** `['tiers', 1, 'minAverageFen']` → `tiers[1].minAverageFen`, the form the domain validator reports. */
export function formatIssuePath(path: FieldPath): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/**
 * The form field a server error detail is about: the request body's `body.body.x` is the rule body
 * (form names start with `body`), `body.effectiveFrom` a field of the draft itself.
 */
export function formFieldOfServerPath(path: string): (string | number)[] {
  return parseIssuePath(path.replace(/^body\./, ''));
}

export function valueAt(root: unknown, path: FieldPath): unknown {
  return path.reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>)[part] : undefined), root);
}

/** The issue code the server puts before its message (`unordered: tiers[1]… must be below…`). */
export function issueCodeOf(message: string): string {
  return /^([a-z_]+):/.exec(message)?.[1] ?? '';
}
