import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TmfApi } from '@patron/db';

/** The official v4 swagger files, copied unmodified into apps/server/tmf-specs (see its README). */
export const TMF_SPEC_FILES: Record<TmfApi, string> = {
  troubleTicket: 'TMF621_Trouble_Ticket_Management_API_v4.0.0_swagger.json',
  customerManagement: 'TMF629_Customer_Management_API_v4.0.0_swagger.json',
  party: 'TMF632_Party_Management_API_v4.0.0_swagger.json',
  appointment: 'TMF646_Appointment_Management_API_v4.0.0_swagger.json',
};

const specDirectory = new URL('../../../tmf-specs/', import.meta.url);

export function loadTmfSpec(api: TmfApi): { basePath: string; definitions: Record<string, unknown> } {
  return JSON.parse(readFileSync(new URL(TMF_SPEC_FILES[api], specDirectory), 'utf8'));
}

/**
 * One Ajv holding the four documents whole, each under its API name, so `#/definitions/...`
 * references resolve inside their own file. Swagger 2.0 keywords Ajv does not know (discriminator
 * as a string, example) are ignored rather than refused.
 */
function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  for (const api of Object.keys(TMF_SPEC_FILES) as TmfApi[]) ajv.addSchema(loadTmfSpec(api), api);
  return ajv;
}

let shared: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

export interface SchemaIssue {
  path: string;
  message: string;
  /** The JSON Schema keyword that failed (`required`, `type`…). */
  keyword: string;
}

/** Validates a value against `definitions/<name>` of an API's swagger file. */
export function validateTmf(api: TmfApi, definition: string, value: unknown): SchemaIssue[] {
  const key = `${api}#/definitions/${definition}`;
  let validate = compiled.get(key);
  if (!validate) {
    shared ??= createAjv();
    validate = shared.getSchema(key);
    if (!validate) throw new Error(`No definition ${definition} in the ${api} specification`);
    compiled.set(key, validate);
  }
  return validate(value) ? [] : (validate.errors ?? []).map(toIssue);
}

function toIssue(error: ErrorObject): SchemaIssue {
  const path = error.instancePath.split('/').filter(Boolean).join('.');
  const missing = error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : undefined;
  return { path: missing ? [path, missing].filter(Boolean).join('.') : path, message: error.message ?? 'invalid', keyword: error.keyword };
}
