import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiErrorDetail } from '../../api/api-error';
import { customersApi, managersApi } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import type { AssignReply } from '../../api/types';
import { hasAnyPermission } from '../../auth/permissions';
import { useSession } from '../../auth/session';
import { buttonTestId } from '../../lib/test-id';
import { FormErrorAlert } from '../../lib/use-api-error';
import { useCustomerLabels } from './customer-labels';

interface AssignForm {
  accountManager?: string;
  overrideReason?: string;
}

interface LoadExcess {
  manager: string;
  tier: string;
  currentLoad: number;
  adding: number;
  limit: number;
}

// The 409's details name the manager, tier and numbers; anything malformed is skipped.
export function limitExcesses(error: unknown): LoadExcess[] | null {
  if (!(error instanceof ApiError) || error.code !== 'assignment.limit_exceeded') return null;
  return error.details.flatMap((detail: ApiErrorDetail): LoadExcess[] => {
    const { manager, tier, currentLoad, adding, limit } = detail;
    return typeof manager === 'string' && typeof tier === 'string' && typeof currentLoad === 'number' && typeof limit === 'number'
      ? [{ manager, tier, currentLoad, adding: typeof adding === 'number' ? adding : 0, limit }]
      : [];
  });
}

export function CustomerAssignModal({ customerIds, onClose, onDone }: { customerIds: number[]; onClose: () => void; onDone: (reply: AssignReply) => void }) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const { user } = useSession();
  const canOverride = hasAnyPermission(user, ['customer.assign.override']);
  const [form] = Form.useForm<AssignForm>();
  const [overriding, setOverriding] = useState(false);
  const managers = useQuery({ queryKey: queryKeys.managerLoad({}), queryFn: ({ signal }) => managersApi.load({}, signal) });
  const assign = useMutation({
    mutationFn: (values: AssignForm) =>
      customersApi.assign({
        customerIds,
        accountManager: values.accountManager ?? '',
        override: overriding && values.overrideReason ? { reason: values.overrideReason.trim() } : undefined,
      }),
    onSuccess: onDone,
  });
  const excesses = limitExcesses(assign.error);
  const managerName = (username: string) => managers.data?.items.find((row) => row.username === username)?.displayName ?? username;

  return (
    <Modal
      open
      title={t('customers.assign.title', { n: String(customerIds.length) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={overriding ? t('customers.assign.override') : t('common.confirm')}
      okButtonProps={{ ...buttonTestId('assign-submit'), danger: overriding }}
      cancelText={t('common.cancel')}
      confirmLoading={assign.isPending}
      destroyOnHidden
      width={640}
    >
      {excesses ? (
        <Alert
          data-testid="assign-limit-exceeded"
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('customers.assign.limitTitle')}
          description={
            <div>
              {excesses.map((excess) => (
                <div key={`${excess.manager}-${excess.tier}`}>
                  {t('customers.assign.limitLine', {
                    manager: managerName(excess.manager),
                    tier: labels.tier(excess.tier),
                    current: String(excess.currentLoad),
                    adding: String(excess.adding),
                    limit: String(excess.limit),
                  })}
                </div>
              ))}
              {!canOverride ? <Typography.Text type="secondary">{t('customers.assign.noOverride')}</Typography.Text> : null}
            </div>
          }
        />
      ) : (
        <FormErrorAlert error={assign.error} />
      )}
      <Form<AssignForm> form={form} layout="vertical" onFinish={(values) => assign.mutate(values)} data-testid="assign-form">
        <Form.Item name="accountManager" label={t('customers.assign.manager')} rules={[{ required: true, message: t('customers.assign.managerRequired') }]}>
          <Select
            data-testid="assign-manager"
            showSearch={{ optionFilterProp: 'search' }}
            loading={managers.isPending}
            onChange={() => {
              setOverriding(false);
              assign.reset();
            }}
            options={(managers.data?.items ?? []).map((row) => ({
              value: row.username,
              search: `${row.displayName} ${row.username} ${row.orgUnitName}`,
              label: (
                <span data-testid={`assign-manager-option-${row.username}`}>
                  {t('customers.assign.managerOption', {
                    name: row.displayName,
                    org: row.orgUnitName,
                    vip: String(row.vip),
                    vipLimit: String(row.vipLimit),
                    guest: String(row.guest),
                    guestLimit: String(row.guestLimit),
                  })}
                </span>
              ),
            }))}
          />
        </Form.Item>
        {excesses && canOverride && !overriding ? (
          <Button type="link" danger style={{ paddingInline: 0 }} onClick={() => setOverriding(true)} data-testid="assign-override">
            {t('customers.assign.override')}
          </Button>
        ) : null}
        {overriding ? (
          <Form.Item
            name="overrideReason"
            label={t('customers.assign.overrideReason')}
            rules={[
              {
                validator: (_, value: string | undefined) =>
                  (value ?? '').trim().length >= 4 ? Promise.resolve() : Promise.reject(new Error(t('customers.assign.overrideReasonRule'))),
              },
            ]}
          >
            <Input.TextArea data-testid="assign-override-reason" rows={2} maxLength={500} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
