import type { TFunction } from 'i18next';
import type { FieldPath } from './rule-paths';

/** A body value as people read it: fen in yuan, percent multipliers as ×, grades and flags in words. */
export function formatRuleValue(t: TFunction, path: FieldPath, value: unknown): string {
  if (value === undefined || value === null) return '—';
  const key = [...path].reverse().find((part): part is string => typeof part === 'string') ?? '';
  if (typeof value === 'number') {
    if (key.endsWith('Fen')) return `¥${(value / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}`;
    if (path[0] === 'multiplierPercent') return `${value / 100}×`;
    return value.toLocaleString('zh-CN');
  }
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (key === 'grade' || path[0] === 'groupRoleGrades') return t(`rules.grades.${value as 'gold'}`, { defaultValue: String(value) });
  if (key === 'scheme') return t(`rules.schemes.${value as 'average_spend'}`, { defaultValue: String(value) });
  if (key === 'rounding') return t(`rules.rounding.${value as 'up'}`, { defaultValue: String(value) });
  return String(value);
}
