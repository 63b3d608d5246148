import { z } from 'zod';
import { Timestamp } from './common';
import { CustomerFilterSchema } from './customers';

// ---------------------------------------------------------------------------------------------
// Imports: upload (validate) → preview → commit; the CLI prints ImportSummary as its last line.
// ---------------------------------------------------------------------------------------------

export const IMPORT_KIND_VALUES = ['customers', 'lines', 'bills', 'payments', 'suspensions'] as const;
export const ImportKindSchema = z.enum(IMPORT_KIND_VALUES);
/** all_or_nothing: one invalid row and nothing is written. partial: the valid rows are written, the rest go to a rejects file. */
export const ImportModeSchema = z.enum(['all_or_nothing', 'partial']);
export const ImportStatusSchema = z.enum(['validated', 'committed', 'failed', 'discarded']);

export const ImportKindParam = z.object({ kind: ImportKindSchema });
export const ImportUploadQuery = z.object({
  mode: ImportModeSchema.default('all_or_nothing'),
  /**
   * Customers: rows may put account managers over their load limits, for this reason (needs
   * customer.assign.override; kept with the run, applied again on commit, audited).
   */
  overrideReason: z.string().trim().min(4).max(500).optional(),
});

/** One problem with one row: the line as the file numbers it (header = 1), the column as the file names it. */
export const ImportRowErrorSchema = z.object({
  line: z.number().int(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
});

/** A parsed row as it would be written: canonical column names, normalised values (amounts in fen). */
export const ImportPreviewRow = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

export const ImportValidationSchema = z.object({
  id: z.number().int(),
  kind: ImportKindSchema,
  fileName: z.string(),
  mode: ImportModeSchema,
  totalRows: z.number().int(),
  validRows: z.number().int(),
  rejected: z.number().int(),
  /** The first 200, in file order; GET /imports/{id}/rejects has every rejected row. */
  errors: z.array(ImportRowErrorSchema),
  preview: z.array(ImportPreviewRow),
  /** Set when the load limits are overridden for this run. */
  overrideReason: z.string().nullable(),
});

/** What an import did: the CLI's final stdout line and the commit's reply. */
export const ImportSummarySchema = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
});

export const ImportRunSchema = z.object({
  id: z.number().int(),
  kind: ImportKindSchema,
  fileName: z.string(),
  status: ImportStatusSchema,
  mode: ImportModeSchema,
  totalRows: z.number().int(),
  validRows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(ImportRowErrorSchema),
  createdBy: z.string().nullable(),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
  overrideReason: z.string().nullable(),
  /** While a commit runs (on any app node): rows read so far. */
  progress: z.object({ phase: z.enum(['committing']), rows: z.number().int() }).nullable(),
});

// ---------------------------------------------------------------------------------------------
// Exports
// ---------------------------------------------------------------------------------------------

export const ExportFormatSchema = z.enum(['csv', 'xlsx']);

/** The customer list's filters (sorting aside: exports go in customer-number order) and a format. */
export const CustomerExportQuery = CustomerFilterSchema.omit({ sort: true }).extend({
  format: ExportFormatSchema.default('csv'),
});
