import { ArrowLeftOutlined, EyeOutlined, LinkOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Progress, Result, Row, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/api-error';
import {
  serviceCatalogueApi,
  workOrderKeys,
  workOrderStatuses,
  workOrdersApi,
  type WorkOrderDetail,
  type WorkOrderSlaTarget,
  type WorkOrderStatus,
  type WorkOrderTimelineEntry,
} from '../../api/work-orders';
import { hasAnyPermission } from '../../auth/permissions';
import { useSession } from '../../auth/session';
import { PageContainer } from '../../components/page-container';
import { SlaBadge, slaTone } from '../../components/sla-badge';
import { formatDateTime } from '../../lib/format';
import { FormErrorAlert, useNotifyError } from '../../lib/use-api-error';
import { CustomerUnmaskModal } from '../customers/customer-unmask-modal';
import { isMasked } from '../customers/customer-labels';
import { statusColors, useWorkOrderLabels } from './work-order-labels';
import { WorkOrderTransitionModal, type TransitionValues } from './work-order-transition-modal';

// A working day counts 1440 measured minutes on the server (see remainingOf); other budgets are minutes.
function budgetMinutes(target: WorkOrderSlaTarget): number {
  return target.budget.unit === 'working_days' ? target.budget.amount * 1440 : target.budget.amount;
}

/** The states a 409 says are allowed: "allowed from in_progress: completed, on_hold". */
export function allowedFromConflict(error: unknown): WorkOrderStatus[] | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const detail = error.details.find((d) => d.message.startsWith('allowed from'));
  if (!detail) return [];
  const list = detail.message.split(':')[1] ?? '';
  return list
    .split(',')
    .map((part) => part.trim())
    .filter((part): part is WorkOrderStatus => (workOrderStatuses as readonly string[]).includes(part));
}

function TargetRow({ target }: { target: WorkOrderSlaTarget }) {
  const { t } = useTranslation();
  const labels = useWorkOrderLabels();
  const tone = slaTone(target);
  const percent = Math.min(100, Math.round((target.elapsedMinutes / Math.max(1, budgetMinutes(target))) * 100));
  const status = tone === 'breached' || tone === 'missed' ? 'exception' : tone === 'met' ? 'success' : tone === 'on_time' ? 'active' : 'normal';
  const color = tone === 'warning' ? '#fa8c16' : tone === 'paused' ? '#1677ff' : undefined;
  return (
    <div data-testid={`work-order-target-${target.target}-${target.cycle}`}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space>
          <Typography.Text strong>{labels.target(target.target)}</Typography.Text>
          {target.cycle > 1 ? <Tag>#{target.cycle}</Tag> : null}
          <Typography.Text type="secondary">
            {target.budget.unit === 'working_days'
              ? t('workOrders.detail.budgetWorkdays', { amount: String(target.budget.amount) })
              : target.budget.amount % 60 === 0
                ? t('workOrders.detail.budgetHours', { amount: String(target.budget.amount / 60) })
                : t('workOrders.detail.budgetMinutes', { amount: String(target.budget.amount) })}
          </Typography.Text>
        </Space>
        <SlaBadge sla={target} testId={`work-order-target-badge-${target.target}-${target.cycle}`} />
      </Flex>
      <Progress percent={percent} status={status} strokeColor={color} />
      <Typography.Text type="secondary">
        {t('workOrders.detail.deadline')}: {formatDateTime(target.deadline)}
        {target.deadlineProjected ? t('workOrders.badge.projected') : ''}
      </Typography.Text>
      {!target.calendarComplete ? <Alert type="warning" showIcon title={t('workOrders.detail.calendarIncomplete')} style={{ marginTop: 8 }} /> : null}
    </div>
  );
}

function useTimelineItems(entries: readonly WorkOrderTimelineEntry[]) {
  const { t } = useTranslation();
  const labels = useWorkOrderLabels();
  return entries.map((entry) => {
    const isStatus = entry.kind === 'status';
    const headline = isStatus
      ? entry.fromStatus
        ? `${labels.status(entry.fromStatus)} → ${labels.status(entry.toStatus ?? '')}`
        : labels.status(entry.toStatus ?? '')
      : `${entry.target ? labels.target(entry.target) : ''} · ${entry.clock ? t(`workOrders.clock.${entry.clock}`) : ''}`;
    return {
      key: entry.id,
      color: isStatus ? (entry.toStatus ? (statusColors[entry.toStatus] === 'default' ? 'gray' : 'blue') : 'blue') : 'gray',
      content: (
        <div data-testid={`work-order-timeline-${entry.kind}`} data-status={entry.toStatus ?? undefined}>
          <Typography.Text strong={isStatus} type={isStatus ? undefined : 'secondary'}>
            {headline}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary">
              {formatDateTime(entry.at)}
              {entry.actor ? ` · ${entry.actor}` : ''}
              {entry.reason ? ` · ${labels.holdReason(entry.reason)}` : ''}
            </Typography.Text>
          </div>
          {entry.note ? <div>{entry.note}</div> : null}
        </div>
      ),
    };
  });
}

/**
 * The order's line number as the caller's phone policy shows it (masked like 139****5678); an
 * authorised user reveals it through the customer's audited unmask of the phone field.
 */
function LineNumber({ order }: { order: WorkOrderDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const [unmasking, setUnmasking] = useState(false);
  const [revealed, setRevealed] = useState<string | null>(null);
  if (order.lineId === null || order.lineNo === null) return <>{t('common.empty')}</>;
  const shown = revealed ?? order.lineNo;
  const canReveal = revealed === null && isMasked(order.lineNo) && hasAnyPermission(user, ['pii.unmask']);
  return (
    <Space size={6}>
      <span className="patron-mono" data-testid="work-order-line-no">
        {shown}
      </span>
      {canReveal ? (
        <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setUnmasking(true)} data-testid="work-order-line-unmask">
          {t('customers.unmask.button')}
        </Button>
      ) : null}
      {unmasking ? (
        <CustomerUnmaskModal
          customerId={String(order.customer.id)}
          fields={['phone']}
          onClose={() => setUnmasking(false)}
          onDenied={() => setUnmasking(false)}
          onDone={(reply) => {
            setRevealed(reply.lines?.[String(order.lineId)] ?? null);
            setUnmasking(false);
            void message.success(t('customers.unmask.done'));
          }}
        />
      ) : null}
    </Space>
  );
}

function DetailBody({ order }: { order: WorkOrderDetail }) {
  const { t, i18n } = useTranslation();
  const labels = useWorkOrderLabels();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const [moving, setMoving] = useState<WorkOrderStatus | null>(null);
  const [conflict, setConflict] = useState<WorkOrderStatus[] | null>(null);
  const timeline = useTimelineItems(order.timeline);
  const catalogue = useQuery({ queryKey: workOrderKeys.catalogue, queryFn: ({ signal }) => serviceCatalogueApi.current(signal), staleTime: 5 * 60_000 });

  const transition = useMutation({
    mutationFn: ({ to, values }: { to: WorkOrderStatus; values: TransitionValues }) => workOrdersApi.transition(order.id, { to, ...values }),
    onSuccess: (updated, { to }) => {
      queryClient.setQueryData(workOrderKeys.detail(String(order.id)), updated);
      void queryClient.invalidateQueries({ queryKey: workOrderKeys.list() });
      void message.success(t('workOrders.detail.moved', { status: labels.status(to) }));
      setMoving(null);
      setConflict(null);
    },
    onError: (error) => {
      setMoving(null);
      const allowed = allowedFromConflict(error);
      if (allowed) {
        setConflict(allowed);
        void queryClient.invalidateQueries({ queryKey: workOrderKeys.detail(String(order.id)) });
      } else notifyError(error);
    },
  });

  const serviceName = (code: string | null) => {
    if (!code) return t('common.empty');
    const item = catalogue.data?.items.find((i) => i.code === code);
    return item ? (i18n.language === 'en' ? item.name.en : item.name.zh) : code;
  };
  const statusUrl = `/status/${encodeURIComponent(order.trackingCode)}`;
  const comp = order.compensation;

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Space wrap>
            <Tag color={statusColors[order.status]} data-testid="work-order-status" data-status={order.status} style={{ fontSize: 14, padding: '2px 10px' }}>
              {labels.status(order.status)}
            </Tag>
            <SlaBadge sla={order.sla} testId="work-order-sla-badge" targetLabel={order.sla ? labels.target(order.sla.target) : undefined} />
            <Typography.Text type="secondary">{order.title}</Typography.Text>
          </Space>
          <Space wrap data-testid="work-order-actions">
            {order.allowedTransitions.length === 0 ? <Typography.Text type="secondary">{t('workOrders.detail.noActions')}</Typography.Text> : null}
            {order.allowedTransitions.map((to) => (
              <Button
                key={to}
                type={to === 'cancelled' || to === 'on_hold' ? 'default' : 'primary'}
                danger={to === 'cancelled'}
                onClick={() => setMoving(to)}
                data-testid={`work-order-move-${to}`}
              >
                {t('workOrders.detail.moveTo', { status: labels.status(to) })}
              </Button>
            ))}
          </Space>
        </Flex>
        {conflict ? (
          <Alert
            data-testid="work-order-conflict"
            type="warning"
            showIcon
            closable={{ onClose: () => setConflict(null) }}
            style={{ marginTop: 12 }}
            title={t('workOrders.detail.illegal', { allowed: conflict.map((s) => labels.status(s)).join('、') || t('common.empty') })}
          />
        ) : null}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card title={t('workOrders.detail.summary')}>
              <Descriptions column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('workOrders.detail.customer')}>
                  <Space size={6}>
                    <Link to={`/customers/${order.customer.id}`}>{order.customer.name}</Link>
                    <span className="patron-mono">{order.customer.customerNo}</span>
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label={t('workOrderLine.label')}>
                  <LineNumber order={order} />
                </Descriptions.Item>
                <Descriptions.Item label={t('workOrders.detail.star')}>{order.star ? '★'.repeat(order.star) : t('common.empty')}</Descriptions.Item>
                <Descriptions.Item label={t('workOrders.columns.type')}>{labels.type(order.type)}</Descriptions.Item>
                <Descriptions.Item label={t('workOrders.form.channel')}>{labels.channel(order.channel)}</Descriptions.Item>
                <Descriptions.Item label={t('workOrders.columns.priority')}>{labels.priority(order.priority)}</Descriptions.Item>
                <Descriptions.Item label={t('workOrders.detail.serviceItem')}>{serviceName(order.serviceItem)}</Descriptions.Item>
                <Descriptions.Item label={t('workOrders.detail.sla')}>
                  {order.slaService ? `${labels.service(order.slaService)} · ${order.slaTier ? labels.tier(order.slaTier) : ''}` : t('common.empty')}
                </Descriptions.Item>
                <Descriptions.Item label={t('workOrders.detail.fees')}>
                  {order.standardFee ? `${t('workOrders.detail.standardFee')} ¥${order.standardFee} · ${t('workOrders.detail.chargedFee')} ¥${order.chargedFee ?? '—'}` : t('common.empty')}
                </Descriptions.Item>
                <Descriptions.Item label={t('workOrders.detail.appointment')}>
                  {order.appointment ? `${formatDateTime(order.appointment.start)} – ${formatDateTime(order.appointment.end)}` : t('common.empty')}
                </Descriptions.Item>
                <Descriptions.Item label={t('workOrders.detail.assignee')}>{order.assignee?.displayName ?? t('common.empty')}</Descriptions.Item>
                <Descriptions.Item label={t('workOrders.detail.acceptedAt')}>{formatDateTime(order.acceptedAt)}</Descriptions.Item>
                <Descriptions.Item label={t('workOrders.detail.completedAt')}>{formatDateTime(order.completedAt)}</Descriptions.Item>
                <Descriptions.Item label={t('workOrders.detail.deliveryPack')}>{order.deliveryPack ? t('common.yes') : t('common.no')}</Descriptions.Item>
                <Descriptions.Item label={t('workOrders.detail.trackingCode')}>
                  <Space>
                    <span className="patron-mono" data-testid="work-order-tracking-code">
                      {order.trackingCode}
                    </span>
                    <a href={statusUrl} target="_blank" rel="noreferrer" data-testid="work-order-public-link">
                      <LinkOutlined /> {t('workOrders.detail.publicLink')}
                    </a>
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label={t('workOrders.detail.description')} span={2}>
                  {order.description ?? t('common.empty')}
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Card title={t('workOrders.detail.targets')} data-testid="work-order-targets">
              {order.targets.length === 0 ? (
                <Empty description={t('workOrders.detail.noTargets')} />
              ) : (
                <Flex vertical gap={16}>
                  {order.targets.map((target) => (
                    <TargetRow key={target.id} target={target} />
                  ))}
                </Flex>
              )}
            </Card>
            {comp ? (
              <Card title={t('workOrders.detail.compensation')} data-testid="work-order-compensation">
                <Descriptions column={{ xs: 1, md: 2 }} size="small">
                  <Descriptions.Item label={t('workOrders.detail.compensationAmount')}>
                    ¥{comp.amount} {comp.final ? <Tag color="green">{t('workOrders.detail.compensationFinal')}</Tag> : <Tag color="orange">{t('workOrders.detail.compensationGrowing')}</Tag>}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('workOrders.detail.overdueWorkdays')}>{comp.overdueWorkdays}</Descriptions.Item>
                  <Descriptions.Item label={t('workOrders.compensations.cap')}>¥{comp.cap}</Descriptions.Item>
                  <Descriptions.Item label={t('workOrders.compensations.status')}>
                    <Link to="/work-orders/compensations">{labels.compensationStatus(comp.status)}</Link>
                  </Descriptions.Item>
                </Descriptions>
              </Card>
            ) : null}
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('workOrders.detail.timeline')} data-testid="work-order-timeline">
            <Timeline items={timeline} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('workOrders.detail.ruleVersions', { versions: [order.ruleVersions.catalogue, order.ruleVersions.sla, order.ruleVersions.calendar].filter(Boolean).join(' · ') })}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      {moving ? (
        <WorkOrderTransitionModal to={moving} pending={transition.isPending} onCancel={() => setMoving(null)} onSubmit={(values) => transition.mutate({ to: moving, values })} />
      ) : null}
    </Flex>
  );
}

export function WorkOrderDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { workOrderId = '' } = useParams();
  const { data, isPending, error } = useQuery({
    queryKey: workOrderKeys.detail(workOrderId),
    queryFn: ({ signal }) => workOrdersApi.get(workOrderId, signal),
  });
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate('/work-orders'));
  const backButton = (
    <Button icon={<ArrowLeftOutlined />} onClick={back} data-testid="work-order-back">
      {t('common.back')}
    </Button>
  );
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return <Result status="404" title={t('workOrders.detail.notFound')} extra={backButton} data-testid="work-order-not-found" />;
  }
  return (
    <PageContainer title={data ? t('workOrders.detail.title', { orderNo: data.orderNo }) : t('workOrders.title')} extra={backButton} testId="work-order-detail-page">
      <FormErrorAlert error={error} />
      {isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : data ? (
        <DetailBody order={data} />
      ) : null}
    </PageContainer>
  );
}
