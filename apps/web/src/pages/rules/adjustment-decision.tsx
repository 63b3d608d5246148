import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { rulesApi } from '../../api/rules';
import { useNotifyError } from '../../lib/use-api-error';

// Approve or reject one pending points adjustment; the pending list and every open ledger then refresh.
// `inline` draws link buttons for a ledger row, otherwise the list's solid ones.
export function AdjustmentDecision({ id, testId, inline = false }: { id: number; testId: string; inline?: boolean }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const decide = useMutation({
    mutationFn: (event: 'approve' | 'reject') => rulesApi.decidePointsAdjustment(id, event),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['points-adjustments'] });
      void queryClient.invalidateQueries({ queryKey: ['customer-points'] });
    },
    onError: notifyError,
  });
  return (
    <Space size={inline ? 0 : 'small'} data-testid={testId}>
      <Button type={inline ? 'link' : 'primary'} size="small" loading={decide.isPending} onClick={() => decide.mutate('approve')}>
        {t('rules.pointsActions.approve')}
      </Button>
      <Button type={inline ? 'link' : 'default'} size="small" danger loading={decide.isPending} onClick={() => decide.mutate('reject')}>
        {t('rules.pointsActions.reject')}
      </Button>
    </Space>
  );
}
