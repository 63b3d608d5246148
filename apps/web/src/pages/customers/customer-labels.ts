import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { archives, contactRoles, eventKinds, lineStatuses, lineTypes, retainedReasons, suspensionKinds } from '../../api/types';

function member<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

const historyActions = ['create', 'update', 'assign', 'archive', 'restore', 'temporary_credit', 'credit_control'] as const;

// Localized names for the archive codes; an unknown code is shown as is rather than blank.
export function useCustomerLabels() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      archive: (code: string) => (member(archives, code) ? t(`customers.archives.${code}`) : code),
      retainedReason: (code: string) => (member(retainedReasons, code) ? t(`customers.retainedReasons.${code}`) : code),
      contactRole: (code: string) => (member(contactRoles, code) ? t(`customers.contactRoles.${code}`) : code),
      eventKind: (code: string) => (member(eventKinds, code) ? t(`customers.eventKinds.${code}`) : code),
      lineStatus: (code: string) => (member(lineStatuses, code) ? t(`customers.lineStatuses.${code}`) : code),
      lineType: (code: string) => (member(lineTypes, code) ? t(`customers.lineTypes.${code}`) : code),
      suspensionKind: (code: string) => (member(suspensionKinds, code) ? t(`customers.suspensionKinds.${code}`) : code),
      historyAction: (code: string) => (member(historyActions, code) ? t(`customers.historyActions.${code}`) : code),
      tier: (code: string) => (code === 'vip' || code === 'guest' ? t(`customers.tiers.${code}`) : code),
    }),
    [t],
  );
}

/** Masked values carry the mask character (138****1234); those are the ones worth unmasking. */
export function isMasked(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.includes('*');
}
