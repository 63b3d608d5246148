import { ArrowLeftOutlined, EyeOutlined, InboxOutlined, PhoneOutlined, RollbackOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Rate, Result, Row, Skeleton, Space, Table, Tag, Timeline, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/api-error';
import { customersApi } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import {
  piiFields,
  type CustomerCompetitor,
  type CustomerContact,
  type CustomerDetail,
  type CustomerEvent,
  type CustomerLine,
  type MemberUnit,
  type PiiField,
  type Suspension,
} from '../../api/types';
import { hasAnyPermission } from '../../auth/permissions';
import { useSession } from '../../auth/session';
import { CustomerSpendChart } from '../../components/customer-spend-chart';
import { PageContainer } from '../../components/page-container';
import { formatDate, formatDateTime } from '../../lib/format';
import { FormErrorAlert } from '../../lib/use-api-error';
import { useLabels } from '../../lib/use-labels';
import { CustomerArchiveModal } from './customer-archive-modal';
import { Blank, GradeTag, MaskedText, Stars } from './customer-fields';
import { isMasked, useCustomerLabels } from './customer-labels';
import { EntitlementsCard } from '../rules/entitlements-card';
import { PointsLedgerCard } from '../rules/points-ledger-card';
import { CustomerUnmaskModal } from './customer-unmask-modal';

type Revealed = Partial<Record<PiiField, string | null>>;
/** Full line numbers by line id, once the phone field is unmasked. */
type RevealedLines = Record<string, string>;

const lineNoCell = (revealed: RevealedLines, lineId: number, lineNo: string) => (
  <span className="patron-mono">{revealed[String(lineId)] ?? lineNo}</span>
);

const cardProps = { size: 'small' as const, style: { height: '100%' } };

function orBlank(value: ReactNode): ReactNode {
  return value === null || value === undefined || value === '' ? <Blank /> : value;
}

function ArrearsBadge({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const { amount, oldestMonth, oldestAgeMonths } = customer.arrearsSummary;
  if (!(Number(amount) > 0)) {
    return (
      <Tag color="green" data-testid="customer-arrears">
        {t('customers.detail.noArrears')}
      </Tag>
    );
  }
  return (
    <Tag color="red" data-testid="customer-arrears">
      {t('customers.detail.arrears', { amount })}
      {oldestMonth ? ` · ${t('customers.detail.arrearsAge', { month: oldestMonth, months: String(oldestAgeMonths ?? 0) })}` : ''}
    </Tag>
  );
}

function Header({ customer, actions }: { customer: CustomerDetail; actions: ReactNode }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const customerLabels = useCustomerLabels();
  const lead = customer.managers.lead;
  const archive = customer.archive ?? 'in_network';
  return (
    <Card size="small" data-testid="customer-header">
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <Flex vertical gap={8}>
          <Space wrap size={8} align="center">
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="customer-name">
              {customer.name}
            </Typography.Title>
            <GradeTag grade={customer.grade} label={labels.grade(customer.grade)} />
            {customer.star !== null ? <Rate disabled count={5} value={customer.star} style={{ fontSize: 14 }} /> : null}
            <Tag color={archive === 'retained' ? 'orange' : 'blue'} data-testid="customer-archive-state">
              {customerLabels.archive(archive)}
            </Tag>
            <ArrearsBadge customer={customer} />
          </Space>
          <Space wrap size={16}>
            <Typography.Text type="secondary" className="patron-mono">
              {customer.customerNo}
            </Typography.Text>
            <Typography.Text type="secondary">{labels.customerKind(customer.kind)}</Typography.Text>
            <Typography.Text type="secondary">{customer.orgUnitName}</Typography.Text>
            <span data-testid="customer-lead-manager">
              <UserOutlined /> {t('customers.detail.lead')}：{lead ? lead.displayName : t('customers.detail.noManager')}
              {lead?.phone ? (
                <Typography.Text style={{ marginLeft: 8 }}>
                  <PhoneOutlined /> <span className="patron-mono">{lead.phone}</span>
                </Typography.Text>
              ) : null}
            </span>
          </Space>
          {archive === 'retained' && customer.retainedReason ? (
            <Typography.Text type="warning" data-testid="customer-retained-reason">
              {t('customers.detail.retainedSince', { reason: customerLabels.retainedReason(customer.retainedReason), date: formatDate(customer.retainedAt) })}
              {customer.retainedCompetitor ? ` · ${t('customers.detail.competitorNote', { competitor: customer.retainedCompetitor })}` : ''}
            </Typography.Text>
          ) : null}
        </Flex>
        <Space wrap>{actions}</Space>
      </Flex>
    </Card>
  );
}

function ProfileCard({ customer, revealed, onUnmask }: { customer: CustomerDetail; revealed: Revealed; onUnmask?: () => void }) {
  const { t } = useTranslation();
  const pii = (field: PiiField) => {
    const value = field in revealed ? (revealed[field] ?? null) : (customer[field] ?? null);
    return (
      <span data-testid={`customer-field-${field}`} data-revealed={field in revealed ? 'true' : undefined}>
        <MaskedText value={value} />
      </span>
    );
  };
  const managers = customer.managers;
  const items = [
    { key: 'customerNo', label: t('customers.columns.customerNo'), children: <span className="patron-mono">{customer.customerNo}</span> },
    { key: 'phone', label: t('customers.columns.phone'), children: pii('phone') },
    { key: 'idNumber', label: t('customers.columns.idNumber'), children: pii('idNumber') },
    { key: 'address', label: t('customers.columns.address'), children: pii('address') },
    { key: 'birthday', label: t('customers.detail.fields.birthday'), children: pii('birthday') },
    { key: 'email', label: t('customers.detail.fields.email'), children: pii('email') },
    { key: 'employer', label: t('customers.detail.fields.employer'), children: orBlank(customer.employer) },
    { key: 'title', label: t('customers.detail.fields.title'), children: orBlank(customer.title) },
    { key: 'industry', label: t('customers.detail.fields.industry'), children: orBlank(customer.industry) },
    { key: 'star', label: t('customers.columns.star'), children: <Stars value={customer.star} /> },
    { key: 'gradeValidTo', label: t('customers.detail.fields.gradeValidTo'), children: formatDate(customer.gradeValidTo) },
    { key: 'activatedOn', label: t('customers.columns.activatedOn'), children: formatDate(customer.activatedOn) },
    { key: 'creditScore', label: t('customers.detail.fields.creditScore'), children: orBlank(customer.creditScore) },
    { key: 'creditLimit', label: t('customers.detail.fields.creditLimit'), children: customer.creditLimit ? `¥${customer.creditLimit}` : <Blank /> },
    { key: 'pointsBalance', label: t('customers.detail.fields.pointsBalance'), children: orBlank(customer.pointsBalance) },
    { key: 'phoneManager', label: t('customers.detail.phoneManager'), children: orBlank(managers.phoneManager?.displayName) },
    {
      key: 'assisting',
      label: t('customers.detail.assisting'),
      children: managers.assisting.length ? managers.assisting.map((m) => m.displayName).join('、') : <Blank />,
    },
  ];
  return (
    <Card
      {...cardProps}
      title={t('customers.detail.cardProfile')}
      data-testid="customer-profile"
      extra={
        onUnmask ? (
          <Button size="small" icon={<EyeOutlined />} onClick={onUnmask} data-testid="customer-unmask">
            {t('customers.unmask.button')}
          </Button>
        ) : null
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items} />
    </Card>
  );
}

const linePageSize = 10;

function LinesCard({ customer, revealed }: { customer: CustomerDetail; revealed: RevealedLines }) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const columns = useMemo<TableColumnsType<CustomerLine>>(
    () => [
      { key: 'lineNo', title: t('customers.detail.lines.lineNo'), dataIndex: 'lineNo', render: (value: string, line) => lineNoCell(revealed, line.id, value) },
      { key: 'type', title: t('customers.detail.lines.type'), dataIndex: 'type', render: (value: string) => labels.lineType(value) },
      { key: 'package', title: t('customers.detail.lines.package'), dataIndex: 'package', render: (value: string | null) => orBlank(value) },
      {
        key: 'status',
        title: t('customers.detail.lines.status'),
        dataIndex: 'status',
        render: (value: string) => <Tag color={value === 'normal' ? 'green' : value === 'suspended' ? 'red' : 'default'}>{labels.lineStatus(value)}</Tag>,
      },
      { key: 'activatedOn', title: t('customers.detail.lines.activatedOn'), dataIndex: 'activatedOn', render: (value: string | null) => formatDate(value) },
      { key: 'holderName', title: t('customers.detail.lines.holderName'), dataIndex: 'holderName', render: (value: string | null) => orBlank(value) },
    ],
    [t, labels, revealed],
  );
  const truncated = customer.lineCount > customer.lines.length;
  return (
    <Card
      {...cardProps}
      title={t('customers.detail.cardLines')}
      extra={
        <Typography.Text type="secondary" data-testid="customer-line-count">
          {truncated ? t('customers.detail.linesTruncated', { total: String(customer.lineCount), shown: String(customer.lines.length) }) : t('customers.detail.lineCount', { n: String(customer.lineCount) })}
        </Typography.Text>
      }
    >
      {/* Client-side pages keep a 200-line group customer to a handful of rendered rows. */}
      <Table<CustomerLine>
        data-testid="customer-lines"
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={customer.lines}
        pagination={customer.lines.length > linePageSize ? { pageSize: linePageSize, showSizeChanger: false, size: 'small', showTotal: (total) => t('common.total', { total }) } : false}
        scroll={{ x: 640 }}
      />
    </Card>
  );
}

function SuspensionsCard({ customer, revealed }: { customer: CustomerDetail; revealed: RevealedLines }) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const columns: TableColumnsType<Suspension> = [
    { key: 'lineNo', title: t('customers.detail.suspensions.lineNo'), dataIndex: 'lineNo', render: (value: string, row) => lineNoCell(revealed, row.lineId, value) },
    { key: 'kind', title: t('customers.detail.suspensions.kind'), dataIndex: 'kind', render: (value: string) => labels.suspensionKind(value) },
    { key: 'suspendedAt', title: t('customers.detail.suspensions.suspendedAt'), dataIndex: 'suspendedAt', render: (value: string) => formatDateTime(value) },
    {
      key: 'restoredAt',
      title: t('customers.detail.suspensions.restoredAt'),
      dataIndex: 'restoredAt',
      render: (value: string | null) => (value ? formatDateTime(value) : <Tag color="red">{t('customers.detail.suspensions.notRestored')}</Tag>),
    },
  ];
  return (
    <Card {...cardProps} title={t('customers.detail.cardSuspensions')}>
      <Table<Suspension> data-testid="customer-suspensions" size="small" rowKey="id" columns={columns} dataSource={customer.suspensions} pagination={false} scroll={{ x: 480 }} />
    </Card>
  );
}

function ContactsCard({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const columns: TableColumnsType<CustomerContact> = [
    { key: 'name', title: t('customers.detail.contacts.name'), dataIndex: 'name' },
    { key: 'role', title: t('customers.detail.contacts.role'), dataIndex: 'role', render: (value: string) => <Tag>{labels.contactRole(value)}</Tag> },
    { key: 'title', title: t('customers.detail.contacts.title'), dataIndex: 'title', render: (value: string | null) => orBlank(value) },
    { key: 'phone', title: t('customers.detail.contacts.phone'), dataIndex: 'phone', render: (value: string | null) => <MaskedText value={value} /> },
    { key: 'influence', title: t('customers.detail.contacts.influence'), dataIndex: 'influence', render: (value: number | null) => (value === null ? <Blank /> : <Rate disabled count={5} value={value} style={{ fontSize: 12 }} />) },
  ];
  return (
    <Card {...cardProps} title={t('customers.detail.cardContacts')}>
      <Table<CustomerContact> data-testid="customer-contacts" size="small" rowKey="id" columns={columns} dataSource={customer.contacts} pagination={false} scroll={{ x: 480 }} />
    </Card>
  );
}

function EventsCard({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const columns: TableColumnsType<CustomerEvent> = [
    { key: 'occurredOn', title: t('customers.detail.events.occurredOn'), dataIndex: 'occurredOn', render: (value: string) => formatDate(value), width: 120 },
    { key: 'kind', title: t('customers.detail.events.kind'), dataIndex: 'kind', render: (value: string) => <Tag color="purple">{labels.eventKind(value)}</Tag>, width: 120 },
    {
      key: 'title',
      title: t('customers.detail.events.title'),
      render: (_: unknown, event: CustomerEvent) => (
        <span>
          {event.title}
          {event.note ? <Typography.Text type="secondary"> — {event.note}</Typography.Text> : null}
        </span>
      ),
    },
  ];
  return (
    <Card {...cardProps} title={t('customers.detail.cardEvents')}>
      <Table<CustomerEvent> data-testid="customer-events" size="small" rowKey="id" columns={columns} dataSource={customer.events} pagination={false} scroll={{ x: 480 }} />
    </Card>
  );
}

function CompetitorsCard({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<CustomerCompetitor> = [
    { key: 'competitor', title: t('customers.detail.competitors.competitor'), dataIndex: 'competitor' },
    { key: 'products', title: t('customers.detail.competitors.products'), dataIndex: 'products', render: (value: string | null) => orBlank(value) },
    { key: 'contractEndOn', title: t('customers.detail.competitors.contractEndOn'), dataIndex: 'contractEndOn', render: (value: string | null) => formatDate(value) },
    { key: 'shareOfWallet', title: t('customers.detail.competitors.shareOfWallet'), dataIndex: 'shareOfWallet', render: (value: number | null) => (value === null ? <Blank /> : `${value}%`) },
    { key: 'monthlySpend', title: t('customers.detail.competitors.monthlySpend'), dataIndex: 'monthlySpend', render: (value: string | null) => (value ? `¥${value}` : <Blank />) },
  ];
  return (
    <Card {...cardProps} title={t('customers.detail.cardCompetitors')}>
      <Table<CustomerCompetitor> data-testid="customer-competitors" size="small" rowKey="id" columns={columns} dataSource={customer.competitors} pagination={false} scroll={{ x: 480 }} />
    </Card>
  );
}

const customerPath = (id: number | string) => `/customers/${encodeURIComponent(String(id))}`;

function GroupCard({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const columns: TableColumnsType<MemberUnit> = [
    {
      key: 'customerNo',
      title: t('customers.columns.customerNo'),
      dataIndex: 'customerNo',
      render: (value: string, unit: MemberUnit) => (
        <Link to={customerPath(unit.id)} className="patron-mono">
          {value}
        </Link>
      ),
    },
    { key: 'name', title: t('customers.columns.name'), dataIndex: 'name' },
    { key: 'grade', title: t('customers.columns.grade'), dataIndex: 'grade', render: (_: unknown, unit: MemberUnit) => <GradeTag grade={unit.grade} label={labels.grade(unit.grade)} /> },
  ];
  return (
    <Card {...cardProps} title={t('customers.detail.cardGroup')} data-testid="customer-group">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('customers.detail.parentGroup')}>
          {customer.parentGroup ? (
            <Link to={customerPath(customer.parentGroup.id)} data-testid="customer-parent-group">
              {customer.parentGroup.name}（{customer.parentGroup.customerNo}）
            </Link>
          ) : (
            <Blank />
          )}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text strong>{t('customers.detail.memberUnits')}</Typography.Text>
      <Table<MemberUnit> data-testid="customer-member-units" size="small" rowKey="id" columns={columns} dataSource={customer.memberUnits} pagination={customer.memberUnits.length > 10 ? { pageSize: 10, size: 'small' } : false} />
    </Card>
  );
}

function WorkCard({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const empty = customer.openWorkOrders.length === 0 && customer.openComplaints.length === 0;
  return (
    <Card {...cardProps} title={t('customers.detail.cardWork')} data-testid="customer-open-work">
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.detail.noOpenWork')} />
      ) : (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('customers.detail.openWorkOrders')}>{customer.openWorkOrders.length}</Descriptions.Item>
          <Descriptions.Item label={t('customers.detail.openComplaints')}>{customer.openComplaints.length}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

function HistoryCard({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  return (
    <Card {...cardProps} title={t('customers.detail.cardHistory')} data-testid="customer-history">
      {customer.history.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <div style={{ maxHeight: 360, overflowY: 'auto', paddingTop: 8 }}>
          <Timeline
            items={customer.history.map((entry) => ({
              key: entry.id,
              color: entry.action === 'archive' ? 'orange' : entry.action === 'restore' ? 'green' : 'blue',
              content: (
                <div data-testid={`customer-history-${entry.id}`}>
                  <Typography.Text strong>{labels.historyAction(entry.action)}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('customers.detail.history.by', { actor: entry.actorName ?? t('customers.detail.history.system'), time: formatDateTime(entry.changedAt) })}
                    </Typography.Text>
                  </div>
                  {entry.reason ? <Typography.Text style={{ fontSize: 12 }}>{t('customers.detail.history.reason', { reason: entry.reason })}</Typography.Text> : null}
                </div>
              ),
            }))}
          />
        </div>
      )}
    </Card>
  );
}

export function CustomerDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const { customerId = '' } = useParams();
  const [revealed, setRevealed] = useState<Revealed>({});
  const [revealedLines, setRevealedLines] = useState<RevealedLines>({});
  const [unmasking, setUnmasking] = useState(false);
  const [denied, setDenied] = useState<PiiField[]>([]);
  const [archiving, setArchiving] = useState<'archive' | 'restore' | null>(null);
  const { data, isPending, error } = useQuery({
    queryKey: queryKeys.customer(customerId),
    queryFn: ({ signal }) => customersApi.detail(customerId, signal),
  });
  // Back keeps the list's filters and page, which live in the previous history entry.
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate('/customers'));
  const backButton = (
    <Button icon={<ArrowLeftOutlined />} onClick={back} data-testid="customer-back">
      {t('customers.detail.backToList')}
    </Button>
  );

  const canUnmask = hasAnyPermission(user, ['pii.unmask']);
  const canWrite = hasAnyPermission(user, ['customer.write']);
  // Only fields that arrive masked are offered; the server still decides per role and field.
  // Masked line numbers offer the phone field too: it is what unmasks them.
  const masked = (field: PiiField) => isMasked(data?.[field]) || (field === 'phone' && !!data?.lines.some((line) => isMasked(line.lineNo)));
  const maskedFields = data ? piiFields.filter((field) => !(field in revealed) && !denied.includes(field) && masked(field)) : [];

  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title={t('customers.detail.notFound')} extra={backButton} data-testid="customer-not-found" />;
  }

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['customers'] });
  const archive = data?.archive ?? 'in_network';
  const actions = canWrite ? (
    archive === 'in_network' ? (
      <Button icon={<InboxOutlined />} onClick={() => setArchiving('archive')} data-testid="customer-archive">
        {t('customers.archiveAction.archive')}
      </Button>
    ) : (
      <Button icon={<RollbackOutlined />} onClick={() => setArchiving('restore')} data-testid="customer-restore">
        {t('customers.archiveAction.restore')}
      </Button>
    )
  ) : null;

  return (
    <PageContainer title={data ? data.name : t('customers.detail.title')} extra={backButton} testId="customer-detail-page">
      <FormErrorAlert error={error} />
      {isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : data ? (
        <Flex vertical gap={16}>
          <Header customer={data} actions={actions} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <ProfileCard customer={data} revealed={revealed} onUnmask={canUnmask && maskedFields.length > 0 ? () => setUnmasking(true) : undefined} />
            </Col>
            <Col xs={24} xl={12}>
              <Card {...cardProps} title={t('customers.detail.cardSpend')}>
                {data.bills.length ? <CustomerSpendChart bills={data.bills} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.detail.noBills')} />}
              </Card>
            </Col>
            <Col xs={24} xl={16}>
              <LinesCard customer={data} revealed={revealedLines} />
            </Col>
            <Col xs={24} xl={8}>
              <HistoryCard customer={data} />
            </Col>
            <Col xs={24} xl={12}>
              <SuspensionsCard customer={data} revealed={revealedLines} />
            </Col>
            <Col xs={24} xl={12}>
              <ContactsCard customer={data} />
            </Col>
            <Col xs={24} xl={12}>
              <EventsCard customer={data} />
            </Col>
            <Col xs={24} xl={12}>
              <CompetitorsCard customer={data} />
            </Col>
            <Col xs={24} xl={12}>
              <GroupCard customer={data} />
            </Col>
            <Col xs={24} xl={12}>
              <WorkCard customer={data} />
            </Col>
            <Col xs={24} xl={12}>
              <PointsLedgerCard customerId={data.id} />
            </Col>
            <Col xs={24} xl={12}>
              <EntitlementsCard customerId={data.id} />
            </Col>
          </Row>
        </Flex>
      ) : null}
      {unmasking && data ? (
        <CustomerUnmaskModal
          customerId={customerId}
          fields={maskedFields}
          onClose={() => setUnmasking(false)}
          onDenied={(fields) => setDenied((current) => [...new Set([...current, ...fields])])}
          onDone={(reply) => {
            setRevealed((current) => ({ ...current, ...reply.fields }));
            setRevealedLines((current) => ({ ...current, ...reply.lines }));
            setUnmasking(false);
            void message.success(t('customers.unmask.done'));
          }}
        />
      ) : null}
      {archiving && data ? (
        <CustomerArchiveModal
          customerId={customerId}
          mode={archiving}
          onClose={() => setArchiving(null)}
          onDone={() => {
            void message.success(t(archiving === 'archive' ? 'customers.archiveAction.archived' : 'customers.archiveAction.restored'));
            setArchiving(null);
            void refresh();
          }}
        />
      ) : null}
    </PageContainer>
  );
}
