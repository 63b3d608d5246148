import { ApiError } from '../../api/api-error';
import type { ImportKind, ImportMode, ImportSummary, ImportValidation } from '../../api/imports';

/** Canonical columns per kind (docs/import-formats.md); `*` marks a required column. */
export const importColumns: { readonly [K in ImportKind]: readonly string[] } = {
  customers: ['customer_no*', 'kind*', 'name*', 'grade', 'star', 'id_number', 'uscc', 'phone', 'birthday', 'org_unit*', 'account_manager', 'parent_customer_no', 'activated_on'],
  lines: ['line_no*', 'customer_no*', 'type', 'package', 'brand', 'status', 'activated_on'],
  bills: ['customer_no*', 'month*', 'amount*', 'paid_amount', 'paid_on'],
  payments: ['customer_no*', 'month*', 'amount*', 'paid_on*'],
  suspensions: ['line_no*', 'kind', 'suspended_at*', 'restored_at'],
};

export const importFormatDoc = 'docs/import-formats.md';

export const importErrorCodes = ['import.invalid_file', 'import.rejected', 'import.unsupported_format', 'import.file_gone', 'payload.too_large', 'auth.forbidden'] as const;
export type ImportErrorCode = (typeof importErrorCodes)[number];
export type ImportErrorKey = `customerImport.errors.${'invalidFile' | 'rejected' | 'unsupportedFormat' | 'fileGone' | 'tooLarge' | 'forbidden'}`;

const errorKeys: Record<ImportErrorCode, ImportErrorKey> = {
  'import.invalid_file': 'customerImport.errors.invalidFile',
  'import.rejected': 'customerImport.errors.rejected',
  'import.unsupported_format': 'customerImport.errors.unsupportedFormat',
  'import.file_gone': 'customerImport.errors.fileGone',
  'payload.too_large': 'customerImport.errors.tooLarge',
  'auth.forbidden': 'customerImport.errors.forbidden',
};

/** The i18n key for an import-specific server error, or undefined to fall back to the generic text. */
export function importErrorKey(error: unknown): ImportErrorKey | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return (importErrorCodes as readonly string[]).includes(error.code) ? errorKeys[error.code as ImportErrorCode] : undefined;
}

/** All-or-nothing writes nothing when one row is invalid, so its commit is pointless then; empty files have nothing to write. */
export function canCommit(validation: Pick<ImportValidation, 'mode' | 'rejected' | 'validRows'>, mode: ImportMode = validation.mode): boolean {
  if (validation.validRows === 0) return false;
  return mode === 'partial' || validation.rejected === 0;
}

export type SummaryField = keyof ImportSummary;
export const summaryFields: readonly SummaryField[] = ['inserted', 'updated', 'unchanged', 'rejected'];

/** The summary as ordered (field, value) pairs, with missing counts read as 0. */
export function summaryItems(summary: Partial<ImportSummary>): { field: SummaryField; value: number }[] {
  return summaryFields.map((field) => ({ field, value: summary[field] ?? 0 }));
}

/** The preview table's columns: every key seen in the first rows, in first-seen order. */
export function previewColumns(rows: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}
