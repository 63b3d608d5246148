export { COMPLAINT_ERROR_CODES, type ComplaintErrorCode, complaintError } from './complaint-error';
export {
  CLOSING_FIELDS,
  COMPLAINT_EVENTS,
  COMPLAINT_GUARDS,
  COMPLAINT_LEVELS,
  COMPLAINT_STATES,
  COMPLAINT_TRANSITIONS,
  type ClosingField,
  type ComplaintEvent,
  type ComplaintFacts,
  type ComplaintGuard,
  type ComplaintLevel,
  type ComplaintState,
  type ComplaintTransition,
  type ComplaintTransitionResult,
  OPEN_COMPLAINT_STATES,
  ROOT_CAUSES,
  type RootCause,
  TOP_COMPLAINT_LEVEL,
  allowedComplaintTransitions,
  complaintTransition,
  missingForClose,
} from './complaint.machine';
export {
  type ComplaintRules,
  DEFAULT_COMPLAINT_RULES,
  type EscalationStep,
  HARD_FINAL_LIMIT_DAYS,
  approvalLevelFor,
  escalationsDue,
  finalDeadline,
  levelDeadline,
  validateComplaintRules,
} from './complaint-rules';
export { hotKeywordsIn, isRepeatComplaint } from './complaint-flags';
export { APPEAL_ACCEPTANCE_WORKDAYS, APPEAL_HANDLING_DAYS, type AppealDeadlines, appealDeadlines } from './appeal-limits';
export {
  COMPENSATION_KINDS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_SEVERITIES,
  type CompensationKind,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintSeverity,
} from './complaint-taxonomy';
