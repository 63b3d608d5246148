import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Select, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { customersApi } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import { grades, type Customer } from '../../api/types';
import { PageContainer } from '../../components/page-container';
import { SearchBox } from '../../components/search-box';
import { FormErrorAlert } from '../../lib/use-api-error';
import { useLabels } from '../../lib/use-labels';
import { useListParams } from '../../lib/use-list-params';
import { customerFields } from './customer-fields';

const listColumns = ['customerNo', 'name', 'kind', 'grade', 'star', 'phone', 'orgUnit', 'accountManager'] as const;

export function CustomersPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const list = useListParams(['q', 'grade'] as const);
  const query = { q: list.filters.q, grade: list.filters.grade, page: list.page, pageSize: list.pageSize };
  const { data, isFetching, error } = useQuery({
    queryKey: queryKeys.customers(query),
    queryFn: ({ signal }) => customersApi.list(query, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<Customer> = listColumns.map((key) => ({
    key,
    title: t(`customers.columns.${key}`),
    render: (_: unknown, customer: Customer) =>
      key === 'customerNo' ? (
        <Link to={`/customers/${encodeURIComponent(String(customer.id))}`} data-testid={`customer-link-${customer.id}`}>
          {customerFields.customerNo.render(customer, labels)}
        </Link>
      ) : (
        customerFields[key].render(customer, labels)
      ),
    width: key === 'star' ? 120 : undefined,
  }));

  return (
    <PageContainer title={t('customers.title')} testId="customers-page">
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <SearchBox testId="customers-search" value={list.filters.q} placeholder={t('customers.searchPlaceholder')} onSearch={(q) => list.setFilters({ q })} width={360} />
          <Select
            data-testid="customers-grade-filter"
            allowClear
            placeholder={t('customers.gradeFilter')}
            value={list.filters.grade || undefined}
            onChange={(grade?: string) => list.setFilters({ grade: grade ?? '' })}
            options={grades.map((grade) => ({ value: grade, label: labels.grade(grade) }))}
            style={{ width: 160 }}
          />
          <Button onClick={list.reset}>{t('common.reset')}</Button>
        </Flex>
        <FormErrorAlert error={error} />
        <Table<Customer>
          data-testid="customers-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          locale={{ emptyText: <Empty description={t('customers.empty')} /> }}
          scroll={{ x: 960 }}
          pagination={{
            current: list.page,
            pageSize: list.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('common.total', { total }),
            onChange: list.setPage,
          }}
        />
      </Card>
    </PageContainer>
  );
}
