import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  appealStatuses,
  compensationKinds,
  complaintCategories,
  complaintChannels,
  complaintSeverities,
  complaintStatuses,
  revisitChannels,
  revisitStatuses,
  revisitTriggers,
  rootCauses,
} from '../../api/complaints';

function member<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

const outcomes = ['satisfied', 'unsatisfied'] as const;
const levels = ['1', '2', '3'] as const;
const compensationStatuses = ['proposed', 'approved', 'rejected'] as const;

// Localized names of complaint and revisit codes; an unknown code (a newer server) is shown as is.
export function useComplaintLabels() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      status: (code: string) => (member(complaintStatuses, code) ? t(`complaints.statuses.${code}`) : code),
      action: (code: string) => (member(complaintStatuses, code) && code !== 'received' ? t(`complaints.actions.${code}`) : code),
      channel: (code: string) => (member(complaintChannels, code) ? t(`complaints.channels.${code}`) : code),
      category: (code: string) => (member(complaintCategories, code) ? t(`complaints.categories.${code}`) : code),
      severity: (code: string) => (member(complaintSeverities, code) ? t(`complaints.severities.${code}`) : code),
      rootCause: (code: string) => (member(rootCauses, code) ? t(`complaints.rootCauses.${code}`) : code),
      level: (level: number) => {
        const code = String(level);
        return member(levels, code) ? t(`complaints.levels.${code}`) : code;
      },
      trigger: (code: string) => (member(revisitTriggers, code) ? t(`complaints.revisits.triggers.${code}`) : code),
      revisitStatus: (code: string) => (member(revisitStatuses, code) ? t(`complaints.revisits.statuses.${code}`) : code),
      outcome: (code: string) => (member(outcomes, code) ? t(`complaints.revisits.outcomes.${code}`) : code),
      revisitChannel: (code: string) => (member(revisitChannels, code) ? t(`complaints.revisits.channels.${code}`) : code),
      compensationKind: (code: string) => (member(compensationKinds, code) ? t(`complaints.remedies.kinds.${code}`) : code),
      appealStatus: (code: string) => (member(appealStatuses, code) ? t(`complaints.remedies.appealStatuses.${code}`) : code),
      compensationStatus: (code: string) => (member(compensationStatuses, code) ? t(`complaints.remedies.statuses.${code}`) : code),
    }),
    [t],
  );
}

export const complaintStatusColors: Record<string, string> = {
  received: 'default',
  assigned: 'blue',
  processing: 'processing',
  escalated: 'orange',
  resolved: 'green',
  closed: 'default',
};
