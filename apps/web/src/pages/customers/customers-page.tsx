import { DeleteOutlined, DownloadOutlined, SaveOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, DatePicker, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { customersApi, managersApi, savedFiltersApi } from '../../api/endpoints';
import type { QueryParams } from '../../api/http-client';
import { queryKeys } from '../../api/query-keys';
import { customerKinds, customerSorts, grades, type Customer, type SavedFilter } from '../../api/types';
import { hasAnyPermission } from '../../auth/permissions';
import { useSession } from '../../auth/session';
import { OrgUnitTreeSelect } from '../../components/org-unit-tree-select';
import { PageContainer } from '../../components/page-container';
import { SearchBox } from '../../components/search-box';
import { buttonTestId } from '../../lib/test-id';
import { FormErrorAlert, useNotifyError } from '../../lib/use-api-error';
import { useLabels } from '../../lib/use-labels';
import { useListParams } from '../../lib/use-list-params';
import { CustomerAssignModal } from './customer-assign-modal';
import { customerFields } from './customer-fields';
import { useCustomerLabels } from './customer-labels';

const listColumns = ['customerNo', 'name', 'kind', 'grade', 'star', 'phone', 'orgUnit', 'accountManager'] as const;
const filterNames = ['q', 'grade', 'star', 'kind', 'archive', 'orgUnit', 'manager', 'arrears', 'activatedFrom', 'activatedTo', 'sort'] as const;
type FilterName = (typeof filterNames)[number];
const stars = [0, 1, 2, 3, 4, 5] as const;

const split = (value: string) => (value ? value.split(',').filter(Boolean) : []);

// Saved filters store the parsed filter object (arrays, booleans); the address keeps strings.
function toAddress(filters: Record<string, unknown>): Partial<Record<FilterName, string>> {
  const out: Partial<Record<FilterName, string>> = {};
  for (const name of filterNames) {
    const value = filters[name];
    if (Array.isArray(value)) out[name] = value.map(String).join(',');
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[name] = String(value);
    else out[name] = '';
  }
  return out;
}

function toSaved(filters: Record<FilterName, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of filterNames) {
    const value = filters[name];
    if (!value) continue;
    if (name === 'grade') out[name] = split(value);
    else if (name === 'star') out[name] = split(value).map(Number);
    else if (name === 'arrears') out[name] = value === 'true';
    else out[name] = value;
  }
  return out;
}

function SaveFilterModal({ filters, onClose, onSaved }: { filters: Record<FilterName, string>; onClose: () => void; onSaved: (saved: SavedFilter) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; shared: boolean }>();
  const save = useMutation({
    mutationFn: (values: { name: string; shared: boolean }) => savedFiltersApi.create({ name: values.name.trim(), shared: values.shared, filters: toSaved(filters) }),
    onSuccess: onSaved,
  });
  return (
    <Modal
      open
      title={t('customers.savedFilters.saveTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={buttonTestId('saved-filter-submit')}
      destroyOnHidden
    >
      <FormErrorAlert error={save.error} />
      <Form form={form} layout="vertical" initialValues={{ name: '', shared: false }} onFinish={(values) => save.mutate(values)}>
        <Form.Item name="name" label={t('customers.savedFilters.name')} rules={[{ required: true, whitespace: true, message: t('customers.savedFilters.nameRequired') }]}>
          <Input data-testid="saved-filter-name" maxLength={60} />
        </Form.Item>
        <Form.Item name="shared" label={t('customers.savedFilters.shared')} valuePropName="checked">
          <Switch data-testid="saved-filter-shared" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CustomersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const customerLabels = useCustomerLabels();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const canAssign = hasAnyPermission(user, ['customer.assign']);
  const canSeeManagers = hasAnyPermission(user, ['customer.assign', 'report.read']);
  const list = useListParams(filterNames);
  const { filters } = list;
  const [selected, setSelected] = useState<number[]>([]);
  const [assigning, setAssigning] = useState(false);
  const [savingFilter, setSavingFilter] = useState(false);
  const [savedFilterId, setSavedFilterId] = useState<number | undefined>();
  // Applying a saved filter starts the search box over from the address: the box follows the
  // address only when the query changes, and a saved query equal to the current one (typed over or
  // cleared meanwhile) would leave it showing something else.
  const [searchRevision, setSearchRevision] = useState(0);

  const filterQuery: QueryParams = useMemo(() => ({ ...filters }), [filters]);
  const query: QueryParams = { ...filterQuery, page: list.page, pageSize: list.pageSize };
  const { data, isFetching, error } = useQuery({
    queryKey: queryKeys.customers(query),
    queryFn: ({ signal }) => customersApi.list(query, signal),
    placeholderData: keepPreviousData,
  });
  const managers = useQuery({ queryKey: queryKeys.managerLoad({}), queryFn: ({ signal }) => managersApi.load({}, signal), enabled: canSeeManagers, staleTime: 60_000 });
  const savedFilters = useQuery({ queryKey: queryKeys.savedFilters, queryFn: ({ signal }) => savedFiltersApi.list(signal) });
  const removeFilter = useMutation({
    mutationFn: (filterId: number) => savedFiltersApi.remove(filterId),
    onSuccess: () => {
      setSavedFilterId(undefined);
      void message.success(t('customers.savedFilters.deleted'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.savedFilters });
    },
    onError: notifyError,
  });
  const currentSaved = savedFilters.data?.items.find((item) => item.id === savedFilterId);

  const setFilter = (patch: Partial<Record<FilterName, string>>) => {
    setSelected([]);
    list.setFilters(patch);
  };

  const columns: TableColumnsType<Customer> = [
    ...listColumns.map((key) => ({
      key,
      title: t(`customers.columns.${key}`),
      render: (_: unknown, customer: Customer) =>
        key === 'customerNo' ? (
          <Link to={`/customers/${encodeURIComponent(String(customer.id))}`} data-testid={`customer-link-${customer.id}`}>
            {customerFields.customerNo.render(customer, labels)}
          </Link>
        ) : key === 'accountManager' && !customer.accountManager ? (
          <Tag color="orange">{t('customers.filters.managerNone')}</Tag>
        ) : (
          customerFields[key].render(customer, labels)
        ),
      width: key === 'star' ? 120 : undefined,
    })),
    {
      key: 'archive',
      title: t('customers.filters.archive'),
      render: (_: unknown, customer: Customer) =>
        customer.archive === 'retained' ? <Tag color="orange">{customerLabels.archive('retained')}</Tag> : <Tag color="blue">{customerLabels.archive('in_network')}</Tag>,
    },
    {
      key: 'arrears',
      title: t('customers.sorts.arrears'),
      align: 'right',
      render: (_: unknown, customer: Customer) =>
        Number(customer.arrears ?? 0) > 0 ? (
          <Typography.Text type="danger" className="patron-mono">
            ¥{customer.arrears}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
        ),
    },
  ];

  const activated: [Dayjs | null, Dayjs | null] | null =
    filters.activatedFrom || filters.activatedTo ? [filters.activatedFrom ? dayjs(filters.activatedFrom) : null, filters.activatedTo ? dayjs(filters.activatedTo) : null] : null;

  return (
    <PageContainer
      title={t('customers.title')}
      testId="customers-page"
      extra={
        <>
          <Button icon={<DownloadOutlined />} href={customersApi.exportUrl('csv', filterQuery)} data-testid="customers-export-csv">
            {t('customers.export.csv')}
          </Button>
          <Button icon={<DownloadOutlined />} href={customersApi.exportUrl('xlsx', filterQuery)} data-testid="customers-export-xlsx">
            {t('customers.export.xlsx')}
          </Button>
        </>
      }
    >
      <Card>
        <Flex vertical gap={12} style={{ marginBottom: 16 }}>
          <Flex gap={12} wrap align="center">
            <Tooltip title={t('customers.filters.searchHint')}>
              <span>
                <SearchBox key={searchRevision} testId="customers-search" value={filters.q} placeholder={t('customers.filters.searchHint')} onSearch={(q) => setFilter({ q })} width={420} />
              </span>
            </Tooltip>
            <Select
              data-testid="customers-saved-filter"
              allowClear
              placeholder={t('customers.savedFilters.pick')}
              value={savedFilterId}
              loading={savedFilters.isPending}
              onChange={(value?: number) => {
                setSavedFilterId(value);
                const picked = savedFilters.data?.items.find((item) => item.id === value);
                if (picked) {
                  setFilter(toAddress(picked.filters));
                  setSearchRevision((revision) => revision + 1);
                }
              }}
              options={(savedFilters.data?.items ?? []).map((item) => ({
                value: item.id,
                label: item.mine ? item.name : t('customers.savedFilters.sharedBy', { name: item.name, owner: item.ownerName }),
              }))}
              style={{ width: 220 }}
            />
            {currentSaved?.mine ? (
              <Popconfirm title={t('customers.savedFilters.delete')} onConfirm={() => removeFilter.mutate(currentSaved.id)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                <Button icon={<DeleteOutlined />} aria-label={t('customers.savedFilters.delete')} data-testid="customers-saved-filter-delete" />
              </Popconfirm>
            ) : null}
            <Button icon={<SaveOutlined />} onClick={() => setSavingFilter(true)} data-testid="customers-save-filter">
              {t('customers.savedFilters.save')}
            </Button>
          </Flex>
          <Flex gap={12} wrap align="center">
            <Select
              data-testid="customers-grade-filter"
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              placeholder={t('customers.filters.grade')}
              value={split(filters.grade)}
              onChange={(value: string[]) => setFilter({ grade: value.join(',') })}
              options={grades.map((grade) => ({ value: grade, label: labels.grade(grade) }))}
              style={{ width: 220 }}
            />
            <Select
              data-testid="customers-star-filter"
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              placeholder={t('customers.filters.star')}
              value={split(filters.star)}
              onChange={(value: string[]) => setFilter({ star: value.join(',') })}
              options={stars.map((star) => ({ value: String(star), label: t('customers.filters.starValue', { n: String(star) }) }))}
              style={{ width: 160 }}
            />
            <Select
              data-testid="customers-kind-filter"
              allowClear
              placeholder={t('customers.filters.kind')}
              value={filters.kind || undefined}
              onChange={(kind?: string) => setFilter({ kind: kind ?? '' })}
              options={customerKinds.map((kind) => ({ value: kind, label: labels.customerKind(kind) }))}
              style={{ width: 130 }}
            />
            <Select
              data-testid="customers-archive-filter"
              value={filters.archive || 'in_network'}
              onChange={(archive: string) => setFilter({ archive: archive === 'in_network' ? '' : archive })}
              options={(['in_network', 'retained', 'all'] as const).map((archive) => ({ value: archive, label: t(`customers.archives.${archive}`) }))}
              style={{ width: 130 }}
            />
            <OrgUnitTreeSelect
              testId="customers-org-filter"
              allowClear
              disableInactive={false}
              placeholder={t('customers.filters.orgUnit')}
              value={filters.orgUnit || undefined}
              onChange={(orgUnit?: string) => setFilter({ orgUnit: orgUnit ?? '' })}
              style={{ width: 220 }}
            />
            {canSeeManagers ? (
              <Select
                data-testid="customers-manager-filter"
                allowClear
                showSearch={{ optionFilterProp: 'search' }}
                placeholder={t('customers.filters.manager')}
                value={filters.manager || undefined}
                loading={managers.isPending}
                onChange={(manager?: string) => setFilter({ manager: manager ?? '' })}
                options={[
                  { value: 'none', search: `none ${t('customers.filters.managerNone')}`, label: t('customers.filters.managerNone') },
                  ...(managers.data?.items ?? []).map((row) => ({ value: row.username, search: `${row.displayName} ${row.username}`, label: row.displayName })),
                ]}
                style={{ width: 180 }}
              />
            ) : null}
            <Checkbox data-testid="customers-arrears-filter" checked={filters.arrears === 'true'} onChange={(e) => setFilter({ arrears: e.target.checked ? 'true' : '' })}>
              {t('customers.filters.arrearsOnly')}
            </Checkbox>
            <Space size={4}>
              <Typography.Text type="secondary">{t('customers.filters.activatedRange')}</Typography.Text>
              <DatePicker.RangePicker
                data-testid="customers-activated-filter"
                allowEmpty={[true, true]}
                value={activated}
                placeholder={[t('customers.filters.activatedFrom'), t('customers.filters.activatedTo')]}
                onChange={(range) =>
                  setFilter({ activatedFrom: range?.[0] ? range[0].format('YYYY-MM-DD') : '', activatedTo: range?.[1] ? range[1].format('YYYY-MM-DD') : '' })
                }
              />
            </Space>
            <Select
              data-testid="customers-sort"
              allowClear
              placeholder={t('customers.filters.sort')}
              value={filters.sort || undefined}
              onChange={(sort?: string) => setFilter({ sort: sort ?? '' })}
              options={customerSorts.flatMap((key) => [
                { value: key, label: `${t(`customers.sorts.${key}`)} · ${t('customers.sorts.asc')}` },
                { value: `-${key}`, label: `${t(`customers.sorts.${key}`)} · ${t('customers.sorts.desc')}` },
              ])}
              style={{ width: 180 }}
            />
            <Button
              onClick={() => {
                setSavedFilterId(undefined);
                setSelected([]);
                list.reset();
              }}
              data-testid="customers-reset"
            >
              {t('common.reset')}
            </Button>
          </Flex>
          {canAssign ? (
            <Flex gap={12} align="center">
              <Button type="primary" icon={<UserSwitchOutlined />} disabled={selected.length === 0} onClick={() => setAssigning(true)} data-testid="customers-assign">
                {t('customers.assign.button')}
              </Button>
              {selected.length > 0 ? <Typography.Text type="secondary">{t('customers.assign.selected', { n: String(selected.length) })}</Typography.Text> : null}
            </Flex>
          ) : null}
        </Flex>
        <FormErrorAlert error={error} />
        <Table<Customer>
          data-testid="customers-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          rowSelection={canAssign ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)), preserveSelectedRowKeys: true } : undefined}
          locale={{ emptyText: <Empty description={t('customers.empty')} /> }}
          scroll={{ x: 1200 }}
          pagination={list.pagination(data?.total ?? 0)}
        />
      </Card>
      {assigning ? (
        <CustomerAssignModal
          customerIds={selected}
          onClose={() => setAssigning(false)}
          onDone={(reply) => {
            setAssigning(false);
            setSelected([]);
            void message.success(t('customers.assign.done', { assigned: String(reply.assigned), unchanged: String(reply.unchanged) }));
            void queryClient.invalidateQueries({ queryKey: ['customers'] });
            void queryClient.invalidateQueries({ queryKey: queryKeys.managerLoad() });
          }}
        />
      ) : null}
      {savingFilter ? (
        <SaveFilterModal
          filters={filters}
          onClose={() => setSavingFilter(false)}
          onSaved={(saved) => {
            setSavingFilter(false);
            setSavedFilterId(saved.id);
            void message.success(t('customers.savedFilters.saved'));
            void queryClient.invalidateQueries({ queryKey: queryKeys.savedFilters });
          }}
        />
      ) : null}
    </PageContainer>
  );
}
