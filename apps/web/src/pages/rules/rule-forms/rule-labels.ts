import { useTranslation } from 'react-i18next';
import type { rulesZhCN } from '../../../i18n/rules.zh-CN';
import type { FieldPath } from './rule-paths';

type FieldKey = keyof typeof rulesZhCN.rules.fields;

/** The message key naming a body field by its last key (`tiers[1].minAverageFen` → `minAverageFen`). */
export function fieldLabelKey(path: FieldPath): `rules.fields.${FieldKey}` {
  const key = [...path].reverse().find((part): part is string => typeof part === 'string') ?? 'body';
  return `rules.fields.${key as FieldKey}`;
}

/** The translated segments of a path, rows numbered from 1: `等级档位 第 2 档 › 月均消费门槛`. */
export function fieldLabelParts(path: FieldPath): { key: `rules.fields.${FieldKey}`; row?: number }[] {
  return path.flatMap((part, i) => {
    if (typeof part === 'number') return [];
    const next = path[i + 1];
    return [{ key: `rules.fields.${part as FieldKey}` as const, ...(typeof next === 'number' ? { row: next + 1 } : {}) }];
  });
}

/** A readable name for a body path, for the issue summary and the diff. */
export function useFieldLabel(): (path: FieldPath) => string {
  const { t } = useTranslation();
  return (path) =>
    fieldLabelParts(path)
      .map((part) => (part.row === undefined ? t(part.key) : t('rules.rowLabel', { list: t(part.key), row: part.row })))
      .join(' › ');
}
