import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Switch, Table, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { complaintKeys, complaintsApi, rootCauses, type ComplaintDetail, type ComplaintStatus, type ComplaintTransitionInput } from '../../api/complaints';
import { PageContainer } from '../../components/page-container';
import { formatDateTime } from '../../lib/format';
import { buttonTestId } from '../../lib/test-id';
import { applyFieldErrors, FormErrorAlert } from '../../lib/use-api-error';
import { complaintStatusColors, useComplaintLabels } from './complaint-labels';
import { AppealsCard, CompensationsCard } from './complaint-remedies';

const TRANSITION_FIELDS = ['resolution', 'rootCause', 'rootCauseDetail', 'customerConfirmed', 'noConfirmationReason', 'note'] as const;

function TransitionModal({ complaint, to, onClose }: { complaint: ComplaintDetail; to: ComplaintStatus | null; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Omit<ComplaintTransitionInput, 'to'>>();
  const move = useMutation({
    mutationFn: (values: Omit<ComplaintTransitionInput, 'to'>) => complaintsApi.transition(complaint.id, { ...values, to: to! }),
    onSuccess: () => {
      void message.success(t('complaints.moved'));
      void queryClient.invalidateQueries({ queryKey: complaintKeys.all });
      onClose();
    },
    onError: (error) => applyFieldErrors(form, error, TRANSITION_FIELDS),
  });
  const needsResolution = to === 'resolved' || to === 'closed';
  return (
    <Modal
      open={to !== null}
      title={to ? labels.action(to) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={move.isPending}
      okButtonProps={buttonTestId('complaint-transition-submit')}
      destroyOnHidden
    >
      <FormErrorAlert error={move.error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => move.mutate(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')))}
        initialValues={{ resolution: complaint.resolution ?? undefined, rootCause: complaint.rootCause ?? undefined, rootCauseDetail: complaint.rootCauseDetail ?? undefined }}
      >
        {needsResolution ? (
          <>
            <Form.Item name="resolution" label={t('complaints.fields.resolution')} rules={[{ required: true }]}>
              <Input.TextArea data-testid="complaint-resolution" rows={3} />
            </Form.Item>
            <Form.Item name="rootCause" label={t('complaints.fields.rootCause')}>
              <Select
                data-testid="complaint-root-cause"
                options={rootCauses.map((v) => ({ value: v, label: <span data-testid={`root-cause-${v}`}>{labels.rootCause(v)}</span> }))}
              />
            </Form.Item>
            <Form.Item name="rootCauseDetail" label={t('complaints.fields.rootCauseDetail')}>
              <Input data-testid="complaint-root-cause-detail" />
            </Form.Item>
          </>
        ) : null}
        {to === 'closed' ? (
          <>
            <Form.Item name="customerConfirmed" label={t('complaints.fields.customerConfirmed')} valuePropName="checked">
              <Switch data-testid="complaint-customer-confirmed" />
            </Form.Item>
            <Form.Item name="noConfirmationReason" label={t('complaints.fields.noConfirmationReason')}>
              <Input />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="note" label={t('complaints.fields.note')}>
          <Input.TextArea data-testid="complaint-note" rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ComplaintDetailPage() {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const id = Number(useParams().complaintId);
  const [moving, setMoving] = useState<ComplaintStatus | null>(null);
  const { data: complaint, error } = useQuery({ queryKey: complaintKeys.detail(id), queryFn: ({ signal }) => complaintsApi.get(id, signal) });

  if (!complaint) {
    return (
      <PageContainer title={t('complaints.title')} testId="complaint-detail-page">
        <FormErrorAlert error={error} />
      </PageContainer>
    );
  }
  return (
    <PageContainer
      title={t('complaints.detailTitle', { no: complaint.complaintNo })}
      testId="complaint-detail-page"
      extra={
        <Space>
          {complaint.allowedTransitions.map((to) => (
            <Button key={to} data-testid={`complaint-to-${to}`} onClick={() => setMoving(to)}>
              {labels.action(to)}
            </Button>
          ))}
        </Space>
      }
    >
      <Card>
        <Descriptions column={2} size="small" bordered>
          <Descriptions.Item label={t('complaints.fields.customer')}>
            {complaint.customerName} ({complaint.customerNo})
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.fields.status')}>
            <Tag color={complaintStatusColors[complaint.status]} data-testid="complaint-status">
              {labels.status(complaint.status)}
            </Tag>
            {complaint.repeat ? <Tag color="gold">{t('complaints.flags.repeat')}</Tag> : null}
            {complaint.hot ? <Tag color="red">{t('complaints.flags.hot')}</Tag> : null}
            {complaint.overdue ? <Tag color="volcano">{t('complaints.flags.overdue')}</Tag> : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.fields.level')}>
            <span data-testid="complaint-level" data-level={complaint.level}>
              {labels.level(complaint.level)}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.fields.reopenCount')}>
            <span data-testid="complaint-reopen-count">{complaint.reopenCount}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.fields.levelDeadline')}>{formatDateTime(complaint.levelDeadline)}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.fields.finalDeadline')}>{formatDateTime(complaint.finalDeadline)}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.fields.channel')}>{labels.channel(complaint.channel)}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.fields.category')}>{labels.category(complaint.category)}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.fields.severity')}>{labels.severity(complaint.severity)}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.fields.assignee')}>{complaint.assigneeName ?? t('common.empty')}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.fields.description')} span={2}>
            {complaint.description}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.fields.resolution')} span={2}>
            {complaint.resolution ?? t('common.empty')}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.fields.rootCause')} span={2}>
            {complaint.rootCause ? `${labels.rootCause(complaint.rootCause)} · ${complaint.rootCauseDetail ?? ''}` : t('common.empty')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('complaints.timeline')} style={{ marginTop: 16 }}>
        <Timeline
          data-testid="complaint-timeline"
          items={complaint.events.map((event) => ({
            color: event.automatic ? 'red' : 'blue',
            children: (
              <Space size={8} wrap>
                <span>{formatDateTime(event.occurredAt)}</span>
                <Tag>{labels.status(event.toStatus)}</Tag>
                <span>L{event.toLevel}</span>
                {event.automatic ? <Tag color="red">{t('complaints.automatic')}</Tag> : null}
                {event.onTime === null ? null : <Tag color={event.onTime ? 'green' : 'volcano'}>{event.onTime ? t('complaints.onTime') : t('complaints.late')}</Tag>}
                <span>{event.actor}</span>
                <span>{event.note}</span>
              </Space>
            ),
          }))}
        />
      </Card>
      {complaint.workOrders.length > 0 ? (
        <Card title={t('complaints.workOrders')} style={{ marginTop: 16 }}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={complaint.workOrders}
            columns={[{ key: 'no', render: (_, o) => <Link to={`/work-orders/${o.id}`}>{o.orderNo}</Link> }, { key: 'status', dataIndex: 'status' }]}
          />
        </Card>
      ) : null}
      <AppealsCard complaint={complaint} />
      <CompensationsCard complaint={complaint} />
      <TransitionModal complaint={complaint} to={moving} onClose={() => setMoving(null)} />
    </PageContainer>
  );
}
