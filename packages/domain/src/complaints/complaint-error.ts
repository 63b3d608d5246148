import { DomainError } from '../errors';

export const COMPLAINT_ERROR_CODES = [
  'complaint.illegal_transition',
  'complaint.top_level_reached',
  'complaint.close_incomplete',
  'complaint.resolution_required',
  'complaint.invalid_rules',
  'complaint.compensation_over_limit',
] as const;
export type ComplaintErrorCode = (typeof COMPLAINT_ERROR_CODES)[number];

export function complaintError(code: ComplaintErrorCode, message: string, path?: string): DomainError<ComplaintErrorCode> {
  return new DomainError<ComplaintErrorCode>(code, message, path === undefined ? {} : { path });
}
