import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SlaRemaining, WorkOrderSlaBadge } from '../api/work-orders';
import { formatDateTime } from '../lib/format';

export type SlaTone = 'on_time' | 'warning' | 'breached' | 'met' | 'missed' | 'paused' | 'not_started' | 'none';

export function slaTone(sla: Pick<WorkOrderSlaBadge, 'state' | 'clockStatus'> | null): SlaTone {
  if (!sla) return 'none';
  if (sla.clockStatus === 'stopped') return sla.state === 'breached' ? 'missed' : 'met';
  if (sla.clockStatus === 'not_started') return 'not_started';
  if (sla.state === 'breached') return 'breached';
  if (sla.clockStatus === 'paused') return 'paused';
  return sla.state === 'on_track' ? 'on_time' : 'warning';
}

const toneColor: Record<SlaTone, string> = {
  on_time: 'green',
  warning: 'orange',
  breached: 'red',
  met: 'green',
  missed: 'red',
  paused: 'blue',
  not_started: 'default',
  none: 'default',
};

const toneKey = {
  on_time: 'workOrders.badge.onTime',
  warning: 'workOrders.badge.warning',
  breached: 'workOrders.badge.breached',
  met: 'workOrders.badge.met',
  missed: 'workOrders.badge.missed',
  paused: 'workOrders.badge.paused',
  not_started: 'workOrders.badge.notStarted',
  none: 'workOrders.badge.none',
} as const;

/** Time left (or overdue) as the server measures it: working days for day budgets, else hours. */
export function useRemainingText(): (remaining: SlaRemaining) => string | undefined {
  const { t } = useTranslation();
  return (remaining) => {
    if (remaining.workdays !== undefined) {
      const value = remaining.workdays;
      return value >= 0 ? t('workOrders.remaining.workdays', { value: String(value) }) : t('workOrders.remaining.overdueWorkdays', { value: String(Math.abs(value)) });
    }
    if (remaining.minutes !== undefined) {
      const hours = Math.round((Math.abs(remaining.minutes) / 60) * 10) / 10;
      return remaining.minutes >= 0 ? t('workOrders.remaining.hours', { value: String(hours) }) : t('workOrders.remaining.overdueHours', { value: String(hours) });
    }
    return undefined;
  };
}

export function SlaBadge({
  sla,
  testId = 'sla-badge',
  targetLabel,
}: {
  sla: Pick<WorkOrderSlaBadge, 'state' | 'clockStatus' | 'remaining' | 'deadline' | 'deadlineProjected'> | null;
  testId?: string;
  /** Names the target (处理时限, 回访时限) when it is not obvious from the context. */
  targetLabel?: string;
}) {
  const { t } = useTranslation();
  const remainingText = useRemainingText();
  const tone = slaTone(sla);
  const showRemaining = sla !== null && (sla.clockStatus === 'running' || sla.clockStatus === 'paused');
  const extra = showRemaining ? remainingText(sla.remaining) : undefined;
  const tag = (
    <Tag color={toneColor[tone]} data-testid={testId} data-tone={tone} style={{ marginInlineEnd: 0 }}>
      {targetLabel ? `${targetLabel} · ` : ''}
      {t(toneKey[tone])}
      {extra ? ` · ${extra}` : ''}
    </Tag>
  );
  if (!sla?.deadline) return tag;
  return (
    <Tooltip title={`${formatDateTime(sla.deadline)}${sla.deadlineProjected ? t('workOrders.badge.projected') : ''}`}>{tag}</Tooltip>
  );
}
