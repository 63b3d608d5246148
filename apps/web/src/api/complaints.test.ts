import { describe, expect, it } from 'vitest';
import { APPEAL_STATUSES, COMPENSATION_KINDS, COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, COMPLAINT_SEVERITIES, COMPLAINT_STATES, REVISIT_CHANNELS, REVISIT_TRIGGERS, ROOT_CAUSES } from '@patron/domain';
import { appealStatuses, compensationKinds, complaintCategories, complaintChannels, complaintSeverities, complaintStatuses, revisitChannels, revisitTriggers, rootCauses } from './complaints';

// The web bundle does not ship the domain package, so its code lists are copies; these keep them in step.
describe('complaint code lists match the domain', () => {
  it('statuses', () => expect([...complaintStatuses]).toEqual([...COMPLAINT_STATES]));
  it('channels', () => expect([...complaintChannels]).toEqual([...COMPLAINT_CHANNELS]));
  it('categories', () => expect([...complaintCategories]).toEqual([...COMPLAINT_CATEGORIES]));
  it('severities', () => expect([...complaintSeverities]).toEqual([...COMPLAINT_SEVERITIES]));
  it('root causes', () => expect([...rootCauses]).toEqual([...ROOT_CAUSES]));
  it('appeal statuses', () => expect([...appealStatuses]).toEqual([...APPEAL_STATUSES]));
  it('compensation kinds', () => expect([...compensationKinds]).toEqual([...COMPENSATION_KINDS]));
  it('revisit channels', () => expect([...revisitChannels]).toEqual([...REVISIT_CHANNELS]));
  it('revisit triggers', () => expect([...revisitTriggers]).toEqual([...REVISIT_TRIGGERS]));
});
