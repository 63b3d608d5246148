import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  compensationKinds,
  complaintKeys,
  complaintsApi,
  type Appeal,
  type AppealStatus,
  type CompensationKind,
  type CompensationOffer,
  type ComplaintDetail,
} from '../../api/complaints';
import { formatDateTime } from '../../lib/format';
import { buttonTestId, rowTestId } from '../../lib/test-id';
import { applyFieldErrors, FormErrorAlert, useNotifyError } from '../../lib/use-api-error';
import { useComplaintLabels } from './complaint-labels';

const fenToYuan = (fen: number) => (fen / 100).toFixed(2);

/** A deadline with how it stands: met or late once done; else overdue, due within a day, or running. */
function Clock({ due, doneAt, testId }: { due: string; doneAt: string | null; testId: string }) {
  const { t } = useTranslation();
  const dueAt = new Date(due).getTime();
  const left = dueAt - Date.now();
  const state =
    doneAt !== null ? (new Date(doneAt).getTime() <= dueAt ? 'done' : 'late') : left < 0 ? 'overdue' : left < 24 * 3600_000 ? 'dueSoon' : 'running';
  const color = { done: 'green', late: 'volcano', overdue: 'red', dueSoon: 'orange', running: 'blue' }[state];
  return (
    <Space size={4} data-testid={testId} data-state={state}>
      <span>{formatDateTime(due)}</span>
      <Tag color={color}>{t(`complaints.remedies.clock.${state}`)}</Tag>
    </Space>
  );
}

interface AppealValues {
  reference: string;
  authority: string;
  receivedAt?: Dayjs;
}

const APPEAL_FIELDS = ['reference', 'authority', 'receivedAt'] as const;

function AppealModal({ complaint, open, onClose }: { complaint: ComplaintDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AppealValues>();
  const add = useMutation({
    mutationFn: ({ receivedAt, ...values }: AppealValues) => complaintsApi.addAppeal(complaint.id, receivedAt ? { ...values, receivedAt: receivedAt.toISOString() } : values),
    onSuccess: (detail) => {
      queryClient.setQueryData(complaintKeys.detail(complaint.id), detail);
      void message.success(t('complaints.remedies.appealLogged'));
      form.resetFields();
      onClose();
    },
    onError: (error) => applyFieldErrors(form, error, APPEAL_FIELDS),
  });
  return (
    <Modal
      open={open}
      title={t('complaints.remedies.logAppeal')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      okButtonProps={buttonTestId('appeal-submit')}
      destroyOnHidden
    >
      <FormErrorAlert error={add.error} />
      <Typography.Paragraph type="secondary">{t('complaints.remedies.appealHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(values) => add.mutate(values)}>
        <Form.Item name="authority" label={t('complaints.remedies.authority')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="appeal-authority" placeholder={t('complaints.remedies.authorityPlaceholder')} />
        </Form.Item>
        <Form.Item name="reference" label={t('complaints.remedies.reference')} rules={[{ required: true, max: 60 }]}>
          <Input data-testid="appeal-reference" />
        </Form.Item>
        <Form.Item name="receivedAt" label={t('complaints.remedies.appealReceivedAt')}>
          <DatePicker data-testid="appeal-received-at" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AppealsCard({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const [logging, setLogging] = useState(false);
  const move = useMutation({
    mutationFn: ({ appealId, to }: { appealId: number; to: Exclude<AppealStatus, 'received'> }) => complaintsApi.moveAppeal(complaint.id, appealId, to),
    onSuccess: (detail) => {
      queryClient.setQueryData(complaintKeys.detail(complaint.id), detail);
      void message.success(t('complaints.remedies.appealMoved'));
    },
    onError: notifyError,
  });
  // A rejected appeal needs no handling: its handling clock ends with the rejection.
  const handledAt = (appeal: Appeal) => (appeal.status === 'rejected' ? appeal.acceptedAt : appeal.answeredAt);
  return (
    <Card
      title={t('complaints.appeals')}
      style={{ marginTop: 16 }}
      extra={
        <Button data-testid="appeal-new" onClick={() => setLogging(true)}>
          {t('complaints.remedies.logAppeal')}
        </Button>
      }
    >
      <Table<Appeal>
        data-testid="appeals-table"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={complaint.appeals}
        onRow={(appeal) => rowTestId(`appeal-row-${appeal.reference}`)}
        columns={[
          { key: 'authority', title: t('complaints.remedies.authority'), dataIndex: 'authority' },
          { key: 'reference', title: t('complaints.remedies.reference'), dataIndex: 'reference' },
          { key: 'receivedAt', title: t('complaints.remedies.appealReceivedAt'), render: (_, a) => formatDateTime(a.receivedAt) },
          {
            key: 'acceptanceDue',
            title: t('complaints.remedies.acceptanceDue'),
            render: (_, a) => <Clock due={a.acceptanceDue} doneAt={a.acceptedAt} testId={`appeal-acceptance-${a.reference}`} />,
          },
          {
            key: 'handlingDue',
            title: t('complaints.remedies.handlingDue'),
            render: (_, a) => <Clock due={a.handlingDue} doneAt={handledAt(a)} testId={`appeal-handling-${a.reference}`} />,
          },
          {
            key: 'status',
            title: t('complaints.fields.status'),
            render: (_, a) => <span data-testid={`appeal-status-${a.reference}`} data-status={a.status}>{labels.appealStatus(a.status)}</span>,
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, a) => (
              <Space size={4}>
                {a.allowedTransitions.map((to) =>
                  to === 'received' ? null : (
                    <Button key={to} size="small" type="link" data-testid={`appeal-${to}-${a.reference}`} loading={move.isPending} onClick={() => move.mutate({ appealId: a.id, to })}>
                      {t(`complaints.remedies.appealActions.${to}`)}
                    </Button>
                  ),
                )}
              </Space>
            ),
          },
        ]}
      />
      <AppealModal complaint={complaint} open={logging} onClose={() => setLogging(false)} />
    </Card>
  );
}

interface OfferValues {
  kind: CompensationKind;
  amount: number;
  note?: string;
}

const OFFER_FIELDS = ['kind', 'amount', 'note'] as const;

function OfferModal({ complaint, open, onClose }: { complaint: ComplaintDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<OfferValues>();
  const { data: rules } = useQuery({ queryKey: complaintKeys.rules, queryFn: ({ signal }) => complaintsApi.rules(signal), enabled: open });
  const offer = useMutation({
    mutationFn: ({ amount, note, kind }: OfferValues) => complaintsApi.offerCompensation(complaint.id, { kind, amount: amount.toFixed(2), ...(note ? { note } : {}) }),
    onSuccess: (detail) => {
      queryClient.setQueryData(complaintKeys.detail(complaint.id), detail);
      void message.success(t('complaints.remedies.offered'));
      form.resetFields();
      onClose();
    },
    onError: (error) => applyFieldErrors(form, error, OFFER_FIELDS),
  });
  return (
    <Modal
      open={open}
      title={t('complaints.remedies.offer')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={offer.isPending}
      okButtonProps={buttonTestId('compensation-submit')}
      destroyOnHidden
    >
      <FormErrorAlert error={offer.error} />
      {rules ? (
        <Typography.Paragraph type="secondary" data-testid="compensation-limits">
          {t('complaints.remedies.limits', {
            l1: fenToYuan(rules.compensationLimitsFen['1']),
            l2: fenToYuan(rules.compensationLimitsFen['2']),
            l3: fenToYuan(rules.compensationLimitsFen['3']),
          })}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" initialValues={{ kind: 'credit' }} onFinish={(values) => offer.mutate(values)}>
        <Form.Item name="kind" label={t('complaints.remedies.kind')} rules={[{ required: true }]}>
          <Select data-testid="compensation-kind" options={compensationKinds.map((v) => ({ value: v, label: labels.compensationKind(v) }))} />
        </Form.Item>
        <Form.Item name="amount" label={t('complaints.remedies.amount')} rules={[{ required: true }]} extra={t('complaints.remedies.amountHint')}>
          <InputNumber data-testid="compensation-amount" min={0} precision={2} step={10} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="note" label={t('complaints.fields.note')} rules={[{ max: 500 }]}>
          <Input.TextArea data-testid="compensation-note" rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CompensationsCard({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const [offering, setOffering] = useState(false);
  const decide = useMutation({
    mutationFn: ({ offerId, to }: { offerId: number; to: 'approved' | 'rejected' }) => complaintsApi.decideCompensation(complaint.id, offerId, to),
    onSuccess: (detail) => {
      queryClient.setQueryData(complaintKeys.detail(complaint.id), detail);
      void message.success(t('complaints.remedies.decided'));
    },
    onError: notifyError,
  });
  const statusColor = { proposed: 'gold', approved: 'green', rejected: 'default' } as const;
  return (
    <Card
      title={t('complaints.compensations')}
      style={{ marginTop: 16 }}
      extra={
        complaint.status === 'closed' ? null : (
          <Button data-testid="compensation-new" onClick={() => setOffering(true)}>
            {t('complaints.remedies.offer')}
          </Button>
        )
      }
    >
      <Table<CompensationOffer>
        data-testid="compensations-table"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={complaint.compensations}
        onRow={(offer) => rowTestId(`compensation-row-${offer.id}`)}
        columns={[
          { key: 'kind', title: t('complaints.remedies.kind'), render: (_, o) => labels.compensationKind(o.kind) },
          { key: 'amount', title: t('complaints.remedies.amount'), align: 'right', render: (_, o) => `¥${o.amount}` },
          { key: 'requiredLevel', title: t('complaints.remedies.requiredLevel'), render: (_, o) => labels.level(o.requiredLevel) },
          {
            key: 'status',
            title: t('complaints.fields.status'),
            render: (_, o) => (
              <Tag color={statusColor[o.status]} data-testid={`compensation-status-${o.id}`} data-status={o.status}>
                {labels.compensationStatus(o.status)}
              </Tag>
            ),
          },
          { key: 'decidedBy', title: t('complaints.remedies.decidedBy'), render: (_, o) => (o.decidedBy ? `${o.decidedBy} · ${formatDateTime(o.decidedAt)}` : t('common.empty')) },
          { key: 'note', title: t('complaints.fields.note'), render: (_, o) => o.note ?? t('common.empty') },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, o) =>
              o.status === 'proposed' ? (
                <Space size={4}>
                  <Button size="small" type="link" data-testid={`compensation-approve-${o.id}`} loading={decide.isPending} onClick={() => decide.mutate({ offerId: o.id, to: 'approved' })}>
                    {t('complaints.remedies.approve')}
                  </Button>
                  <Button size="small" type="link" danger data-testid={`compensation-reject-${o.id}`} loading={decide.isPending} onClick={() => decide.mutate({ offerId: o.id, to: 'rejected' })}>
                    {t('complaints.remedies.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <OfferModal complaint={complaint} open={offering} onClose={() => setOffering(false)} />
    </Card>
  );
}
