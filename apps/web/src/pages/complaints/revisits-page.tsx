import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, InputNumber, Modal, Radio, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { complaintKeys, complaintsApi, revisitStatuses, type Revisit, type RevisitCallInput, type RevisitChannel } from '../../api/complaints';
import { hasAnyPermission } from '../../auth/permissions';
import { useSession } from '../../auth/session';
import { PageContainer } from '../../components/page-container';
import { formatDateTime } from '../../lib/format';
import { buttonTestId, rowTestId } from '../../lib/test-id';
import { FormErrorAlert } from '../../lib/use-api-error';
import { useListParams } from '../../lib/use-list-params';
import { DrillDownTags } from '../measures/measure-controls';
import { drillDownFields } from '../measures/measure-drill';
import { useComplaintLabels } from './complaint-labels';
import { RevisitRoutingModal } from './revisit-routing-modal';

interface CallValues {
  reached: 'yes' | 'no';
  outcome?: 'satisfied' | 'unsatisfied';
  satisfaction?: number;
  problems?: string;
}

function CallModal({ revisit, onClose }: { revisit: Revisit | null; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CallValues>();
  const reached = Form.useWatch('reached', form);
  const call = useMutation({
    mutationFn: (values: CallValues) => {
      const body: RevisitCallInput = { reached: values.reached === 'yes' };
      if (body.reached) {
        if (values.outcome) body.outcome = values.outcome;
        if (values.satisfaction) body.satisfaction = values.satisfaction;
      }
      if (values.problems) body.problems = values.problems;
      return complaintsApi.callRevisit(revisit!.id, body);
    },
    onSuccess: () => {
      void message.success(t('complaints.revisits.saved'));
      void queryClient.invalidateQueries({ queryKey: complaintKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open={revisit !== null}
      title={t('complaints.revisits.callTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={call.isPending}
      okButtonProps={buttonTestId('revisit-call-submit')}
      destroyOnHidden
    >
      <FormErrorAlert error={call.error} />
      <Form form={form} layout="vertical" initialValues={{ reached: 'yes' }} onFinish={(values) => call.mutate(values)}>
        <Form.Item name="reached" label={t('complaints.revisits.reached')}>
          <Radio.Group data-testid="revisit-reached">
            <Radio value="yes" data-testid="revisit-reached-yes">
              {t('complaints.revisits.reachedYes')}
            </Radio>
            <Radio value="no" data-testid="revisit-reached-no">
              {t('complaints.revisits.reachedNo')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {reached === 'no' ? null : (
          <>
            <Form.Item name="outcome" label={t('complaints.revisits.outcome')} rules={[{ required: true }]}>
              <Radio.Group>
                <Radio value="satisfied" data-testid="revisit-outcome-satisfied">
                  {labels.outcome('satisfied')}
                </Radio>
                <Radio value="unsatisfied" data-testid="revisit-outcome-unsatisfied">
                  {labels.outcome('unsatisfied')}
                </Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="satisfaction" label={t('complaints.revisits.satisfaction')}>
              <InputNumber data-testid="revisit-satisfaction" min={1} max={5} precision={0} />
            </Form.Item>
          </>
        )}
        <Form.Item name="problems" label={t('complaints.revisits.problems')}>
          <Input.TextArea data-testid="revisit-problems" rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * One channel's queue: the tasks routed to it that nobody took yet or the caller owns. The other
 * channel's tasks never show here, so two people never call the same customer about the same item.
 */
function RevisitQueue({ channel, title, testId }: { channel: RevisitChannel; title: string; testId: string }) {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const [calling, setCalling] = useState<Revisit | null>(null);
  const [routing, setRouting] = useState(false);
  const { user } = useSession();
  const list = useListParams(['status', ...drillDownFields, 'outcome', 'onTime'] as const);
  const filters = Object.fromEntries(Object.entries(list.filters).filter(([, value]) => value !== ''));
  // A list opened from the revisit measures shows every task the number counted, whatever the channel;
  // otherwise this is the channel's own work queue.
  const drilled = drillDownFields.some((field) => list.filters[field] !== '');
  const query = drilled
    ? { ...filters, page: list.page, pageSize: list.pageSize }
    : { ...filters, channel, mine: true, status: list.filters.status || 'pending', page: list.page, pageSize: list.pageSize };
  const { data, isFetching, error } = useQuery({
    queryKey: complaintKeys.revisits(query),
    queryFn: ({ signal }) => complaintsApi.revisits(query, signal),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<Revisit> = [
    { key: 'trigger', title: t('complaints.revisits.trigger'), width: 110, render: (_, r) => labels.trigger(r.trigger) },
    {
      key: 'item',
      title: t('complaints.revisits.item'),
      width: 170,
      render: (_, r) =>
        r.complaintId !== null ? <Link to={`/complaints/${r.complaintId}`}>{r.complaintNo}</Link> : <Link to={`/work-orders/${r.workOrderId}`}>{r.workOrderNo}</Link>,
    },
    { key: 'customer', title: t('complaints.fields.customer'), width: 200, render: (_, r) => `${r.customerName} (${r.customerNo})` },
    {
      key: 'dueAt',
      title: t('complaints.revisits.dueAt'),
      width: 170,
      render: (_, r) => (r.overdue ? <Tag color="volcano">{formatDateTime(r.dueAt)}</Tag> : formatDateTime(r.dueAt)),
    },
    { key: 'status', title: t('complaints.fields.status'), width: 100, render: (_, r) => labels.revisitStatus(r.status) },
    { key: 'attempts', title: t('complaints.revisits.attempts'), width: 80, dataIndex: 'attempts' },
    { key: 'owner', title: t('complaints.revisits.owner'), width: 110, render: (_, r) => r.owner ?? t('common.empty') },
    { key: 'outcome', title: t('complaints.revisits.outcome'), width: 100, render: (_, r) => (r.outcome ? labels.outcome(r.outcome) : t('common.empty')) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_, r) =>
        r.status === 'pending' ? (
          <Button type="link" size="small" data-testid={`revisit-call-${r.complaintNo ?? r.workOrderNo}`} onClick={() => setCalling(r)}>
            {t('complaints.revisits.call')}
          </Button>
        ) : null,
    },
  ];
  return (
    <PageContainer
      title={title}
      testId={testId}
      extra={
        hasAnyPermission(user, ['rule.manage']) ? (
          <Button data-testid="revisit-routing" onClick={() => setRouting(true)}>
            {t('complaints.revisits.routing.title')}
          </Button>
        ) : null
      }
    >
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Select
            data-testid="revisits-filter-status"
            allowClear={drilled}
            placeholder={t('complaints.fields.status')}
            value={list.filters.status || (drilled ? undefined : 'pending')}
            onChange={(value?: string) => list.setFilters({ status: value ?? '' })}
            options={revisitStatuses.map((v) => ({ value: v, label: labels.revisitStatus(v) }))}
            style={{ width: 140 }}
          />
          <DrillDownTags filters={list.filters} onClear={list.reset} />
        </Flex>
        <FormErrorAlert error={error} />
        <Table<Revisit>
          data-testid="revisits-table"
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          onRow={(r) => rowTestId(`revisit-row-${r.complaintNo ?? r.workOrderNo}`)}
          scroll={{ x: 1100 }}
          pagination={{ current: list.page, pageSize: list.pageSize, total: data?.total ?? 0, onChange: list.setPage }}
        />
      </Card>
      <CallModal revisit={calling} onClose={() => setCalling(null)} />
      <RevisitRoutingModal open={routing} onClose={() => setRouting(false)} />
    </PageContainer>
  );
}

/** The revisit desk (回访岗): district service staff. */
export function RevisitsPage() {
  const { t } = useTranslation();
  return <RevisitQueue channel="revisit_desk" title={t('complaints.revisitsTitle')} testId="revisits-page" />;
}

/** The outbound agents' revisit queue (外呼座席). */
export function OutboundQueuePage() {
  const { t } = useTranslation();
  return <RevisitQueue channel="outbound_queue" title={t('complaints.outboundQueueTitle')} testId="outbound-queue-page" />;
}
