import { ApiError, parseErrorBody } from './api-error';
import { buildApiUrl, http } from './http-client';

// Wire types of /imports (packages/contracts/src/imports.ts); imports.test.ts keeps them in step.
export const importKinds = ['customers', 'lines', 'bills', 'payments', 'suspensions'] as const;
export type ImportKind = (typeof importKinds)[number];
export const importModes = ['all_or_nothing', 'partial'] as const;
export type ImportMode = (typeof importModes)[number];
export type ImportStatus = 'validated' | 'committed' | 'failed' | 'discarded';

export interface ImportRowError {
  line: number;
  column: string;
  code: string;
  message: string;
}

export type ImportPreviewRow = Record<string, string | number | null>;

export interface ImportValidation {
  id: number;
  kind: ImportKind;
  fileName: string;
  mode: ImportMode;
  totalRows: number;
  validRows: number;
  rejected: number;
  errors: ImportRowError[];
  preview: ImportPreviewRow[];
  overrideReason: string | null;
}

export interface ImportSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportRun extends ImportSummary {
  id: number;
  kind: ImportKind;
  fileName: string;
  status: ImportStatus;
  mode: ImportMode;
  totalRows: number;
  validRows: number;
  errors: ImportRowError[];
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
  overrideReason: string | null;
  progress: { phase: 'committing'; rows: number } | null;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface UploadRequest {
  url: string;
  headers: Record<string, string>;
}

/** The content type follows the file name (browsers report CSV as anything from text/csv to the Excel type). */
export function importContentType(fileName: string): string | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return XLSX_MIME;
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'text/csv';
  return undefined;
}

/**
 * URL and headers of an upload; the file name is percent-encoded because headers cannot carry raw
 * UTF-8. `overrideReason` lets customers rows go over the managers' load limits (an authorised caller's).
 */
export function buildUploadRequest(kind: ImportKind, mode: ImportMode, fileName: string, overrideReason?: string): UploadRequest {
  return {
    url: buildApiUrl(`/imports/${kind}`, overrideReason ? { mode, overrideReason } : { mode }),
    headers: {
      Accept: 'application/json',
      'X-Requested-With': 'XMLHttpRequest',
      'Content-Type': importContentType(fileName) ?? 'application/octet-stream',
      'X-File-Name': encodeURIComponent(fileName),
    },
  };
}

export function rejectsUrl(id: number): string {
  return buildApiUrl(`/imports/${id}/rejects`);
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** XMLHttpRequest rather than fetch: only XHR reports upload progress. `onProgress` gets 0–100. */
export function uploadImport(
  options: {
    kind: ImportKind;
    mode: ImportMode;
    file: Blob;
    fileName: string;
    overrideReason?: string;
    onProgress?: (percent: number) => void;
    signal?: AbortSignal;
  },
): Promise<ImportValidation> {
  const { url, headers } = buildUploadRequest(options.kind, options.mode, options.fileName, options.overrideReason);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as ImportValidation);
      else reject(parseErrorBody(xhr.status, body, xhr.getResponseHeader('retry-after')));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Network error'));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(options.file);
  });
}

export const importsApi = {
  upload: uploadImport,
  commit: (id: number) => http.post<ImportSummary>(`/imports/${id}/commit`),
  get: (id: number, signal?: AbortSignal) => http.get<ImportRun>(`/imports/${id}`, undefined, signal),
  rejectsUrl,
};
