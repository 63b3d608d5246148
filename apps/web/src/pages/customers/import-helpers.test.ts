import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { ImportRunSchema, ImportSummarySchema, ImportValidationSchema } from '@patron/contracts';
import { IMPORT_KIND_VALUES } from '@patron/contracts';
import { ApiError } from '../../api/api-error';
import { buildUploadRequest, importContentType, importKinds, rejectsUrl, XLSX_MIME, type ImportRun, type ImportSummary, type ImportValidation } from '../../api/imports';
import { canCommit, importColumns, importErrorKey, previewColumns, summaryItems } from './import-helpers';

describe('import wire types', () => {
  it('match the contracts', () => {
    expect([...importKinds]).toEqual([...IMPORT_KIND_VALUES]);
    expectTypeOf<ImportValidation>().toEqualTypeOf<z.infer<typeof ImportValidationSchema>>();
    expectTypeOf<ImportSummary>().toEqualTypeOf<z.infer<typeof ImportSummarySchema>>();
    // Timestamps are Date on the server and ISO strings on the wire.
    type Stamps = 'createdAt' | 'finishedAt';
    expectTypeOf<Omit<ImportRun, Stamps>>().toEqualTypeOf<Omit<z.infer<typeof ImportRunSchema>, Stamps>>();
  });
});

describe('buildUploadRequest', () => {
  it('puts kind and mode in the URL and encodes the file name', () => {
    const request = buildUploadRequest('customers', 'partial', '客户 2026.csv');
    expect(request.url).toBe('/api/v1/imports/customers?mode=partial');
    expect(request.headers['Content-Type']).toBe('text/csv');
    expect(request.headers['X-File-Name']).toBe(encodeURIComponent('客户 2026.csv'));
    expect(decodeURIComponent(request.headers['X-File-Name'] ?? '')).toBe('客户 2026.csv');
  });

  it('carries a load-limit override reason in the URL only when one is given', () => {
    expect(buildUploadRequest('customers', 'all_or_nothing', 'a.csv', '季度调整').url).toBe(
      `/api/v1/imports/customers?mode=all_or_nothing&overrideReason=${encodeURIComponent('季度调整')}`,
    );
    expect(buildUploadRequest('customers', 'all_or_nothing', 'a.csv', '').url).toBe('/api/v1/imports/customers?mode=all_or_nothing');
  });

  it('picks the content type from the extension', () => {
    expect(importContentType('Bills.XLSX')).toBe(XLSX_MIME);
    expect(importContentType('a.csv')).toBe('text/csv');
    expect(importContentType('a.pdf')).toBeUndefined();
    expect(buildUploadRequest('bills', 'all_or_nothing', 'a.pdf').headers['Content-Type']).toBe('application/octet-stream');
  });

  it('builds the rejects URL', () => {
    expect(rejectsUrl(42)).toBe('/api/v1/imports/42/rejects');
  });
});

describe('import helpers', () => {
  it('allows a commit in all-or-nothing mode only without errors', () => {
    expect(canCommit({ mode: 'all_or_nothing', rejected: 0, validRows: 3 })).toBe(true);
    expect(canCommit({ mode: 'all_or_nothing', rejected: 1, validRows: 3 })).toBe(false);
    expect(canCommit({ mode: 'partial', rejected: 1, validRows: 3 })).toBe(true);
    expect(canCommit({ mode: 'partial', rejected: 3, validRows: 0 })).toBe(false);
  });

  it('orders the summary and reads missing counts as 0', () => {
    expect(summaryItems({ inserted: 2, rejected: 1 })).toEqual([
      { field: 'inserted', value: 2 },
      { field: 'updated', value: 0 },
      { field: 'unchanged', value: 0 },
      { field: 'rejected', value: 1 },
    ]);
  });

  it('maps import error codes to messages', () => {
    expect(importErrorKey(new ApiError(422, 'import.invalid_file', 'x'))).toBe('customerImport.errors.invalidFile');
    expect(importErrorKey(new ApiError(410, 'import.file_gone', 'x'))).toBe('customerImport.errors.fileGone');
    expect(importErrorKey(new ApiError(415, 'import.unsupported_format', 'x'))).toBe('customerImport.errors.unsupportedFormat');
    expect(importErrorKey(new ApiError(500, 'internal', 'x'))).toBeUndefined();
    expect(importErrorKey(new Error('x'))).toBeUndefined();
  });

  it('collects preview columns in first-seen order', () => {
    expect(previewColumns([{ a: 1, b: null }, { b: 2, c: 'x' }])).toEqual(['a', 'b', 'c']);
  });

  it('describes every kind with required columns first', () => {
    for (const kind of importKinds) expect(importColumns[kind][0]?.endsWith('*')).toBe(true);
  });
});
