import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  compensationStatuses,
  holdReasons,
  slaServices,
  slaStates,
  slaTargetKinds,
  slaTiers,
  workOrderChannels,
  workOrderPriorities,
  workOrderStatuses,
  workOrderTypes,
} from '../../api/work-orders';

function member<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

// Localized names of work-order codes; an unknown code (a newer server) is shown as is.
export function useWorkOrderLabels() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      status: (code: string) => (member(workOrderStatuses, code) ? t(`workOrders.statuses.${code}`) : code),
      type: (code: string) => (member(workOrderTypes, code) ? t(`workOrders.types.${code}`) : code),
      channel: (code: string) => (member(workOrderChannels, code) ? t(`workOrders.channels.${code}`) : code),
      priority: (code: string) => (member(workOrderPriorities, code) ? t(`workOrders.priorities.${code}`) : code),
      slaState: (code: string) => (member(slaStates, code) ? t(`workOrders.slaStates.${code}`) : code),
      tier: (code: string) => (member(slaTiers, code) ? t(`workOrders.tiers.${code}`) : code),
      service: (code: string) => (member(slaServices, code) ? t(`workOrders.services.${code}`) : code),
      target: (code: string) => (member(slaTargetKinds, code) ? t(`workOrders.targets.${code}`) : code),
      holdReason: (code: string) => (member(holdReasons, code) ? t(`workOrders.holdReasons.${code}`) : code),
      compensationStatus: (code: string) => (member(compensationStatuses, code) ? t(`workOrders.compensationStatuses.${code}`) : code),
    }),
    [t],
  );
}

export const statusColors: Record<string, string> = {
  received: 'default',
  appointed: 'cyan',
  dispatched: 'blue',
  in_progress: 'processing',
  completed: 'green',
  delivered: 'geekblue',
  revisit_pending: 'purple',
  archived: 'success',
  on_hold: 'warning',
  reopened: 'magenta',
  cancelled: 'default',
};
