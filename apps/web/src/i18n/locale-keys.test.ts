import { describe, expect, it } from 'vitest';
import { knownErrorCodes } from '../api/api-error';
import { en } from './en';
import { zhCN } from './zh-CN';

function leafKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafKeys(child, prefix ? `${prefix}.${key}` : key));
}

function leafValues(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [value];
  return Object.values(value).flatMap(leafValues);
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{([^}]+)\}\}/g)].map((m) => (m[1] ?? '').replace(/\s+/g, '')).sort();
}

function lookup(resources: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), resources);
}

describe('locale resources', () => {
  it('en has exactly the keys of the zh-CN reference', () => {
    expect(leafKeys(en).sort()).toEqual(leafKeys(zhCN).sort());
  });

  it('every message is a non-empty string', () => {
    for (const value of [...leafValues(zhCN), ...leafValues(en)]) {
      expect(typeof value).toBe('string');
      expect((value as string).trim()).not.toBe('');
    }
  });

  it('interpolation placeholders match between locales', () => {
    for (const key of leafKeys(zhCN)) {
      expect(placeholders(String(lookup(en, key))), key).toEqual(placeholders(String(lookup(zhCN, key))));
    }
  });

  it('covers every server error code the client maps', () => {
    for (const code of knownErrorCodes) {
      expect(typeof lookup(zhCN.errors, code), code).toBe('string');
      expect(typeof lookup(en.errors, code), code).toBe('string');
    }
  });
});
