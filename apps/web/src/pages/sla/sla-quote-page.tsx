import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Empty, Form, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { slaApi, slaServices, type SlaCompareBody, type SlaCompareTier, type SlaService } from '../../api/work-orders';
import { PageContainer } from '../../components/page-container';
import { YUAN_AMOUNT } from '../../lib/format';
import { applyFieldErrors, FormErrorAlert } from '../../lib/use-api-error';
import { useWorkOrderLabels } from '../work-orders/work-order-labels';

interface QuoteForm {
  service: SlaService;
  standardOneTimeFee: string;
  acceptedOn: Dayjs;
  completedOn?: Dayjs | null;
}

const tierColor: Record<string, string> = { urgent: 'red', expedited: 'orange', normal: 'blue' };

// An account manager puts the three tiers (特急/加急/普通) side by side for a customer.
export function SlaQuotePage() {
  const { t, i18n } = useTranslation();
  const labels = useWorkOrderLabels();
  const [form] = Form.useForm<QuoteForm>();
  const compare = useMutation({
    mutationFn: (body: SlaCompareBody) => slaApi.compare(body),
    onError: (error) => applyFieldErrors(form, error, ['service', 'standardOneTimeFee', 'acceptedOn', 'completedOn']),
  });
  const result = compare.data;

  const submit = (values: QuoteForm) =>
    compare.mutate({
      service: values.service,
      standardOneTimeFee: values.standardOneTimeFee.trim(),
      acceptedOn: values.acceptedOn.format('YYYY-MM-DD'),
      ...(values.completedOn ? { completedOn: values.completedOn.format('YYYY-MM-DD') } : {}),
    });

  const money = (value: string) => <span className="patron-mono">{value}</span>;
  const columns: TableColumnsType<SlaCompareTier> = [
    {
      key: 'tier',
      title: t('workOrders.quote.tier'),
      width: 110,
      render: (_, row) => <Tag color={tierColor[row.tier]}>{i18n.language === 'en' ? row.label.en : row.label.zh || labels.tier(row.tier)}</Tag>,
    },
    { key: 'limit', title: t('workOrders.quote.limit'), width: 120, render: (_, row) => t('workOrders.quote.limitWorkdays', { count: row.limitWorkdays }) },
    { key: 'deadline', title: t('workOrders.quote.deadline'), width: 120, render: (_, row) => <span data-testid={`sla-quote-deadline-${row.tier}`}>{row.deadline}</span> },
    { key: 'pricePercent', title: t('workOrders.quote.pricePercent'), width: 100, dataIndex: 'pricePercent', align: 'right' },
    { key: 'charged', title: t('workOrders.quote.chargedFee'), width: 140, align: 'right', render: (_, row) => money(row.chargedOneTimeFee) },
    { key: 'perDay', title: t('workOrders.quote.perDay'), width: 170, align: 'right', render: (_, row) => money(row.compensationPerOverdueWorkday) },
    { key: 'cap', title: t('workOrders.quote.cap'), width: 140, align: 'right', render: (_, row) => money(row.compensationCap) },
    ...(result?.completedOn
      ? ([
          { key: 'overdue', title: t('workOrders.quote.overdue'), width: 120, dataIndex: 'overdueWorkdays', align: 'right' },
          {
            key: 'compensation',
            title: t('workOrders.quote.compensation'),
            width: 140,
            align: 'right',
            render: (_, row) => <Typography.Text type={row.overdueWorkdays > 0 ? 'danger' : undefined}>{money(row.compensation)}</Typography.Text>,
          },
        ] satisfies TableColumnsType<SlaCompareTier>)
      : []),
  ];

  return (
    <PageContainer title={t('workOrders.quote.title')} testId="sla-quote-page">
      <Card style={{ marginBottom: 16 }}>
        <Form<QuoteForm> form={form} layout="inline" onFinish={submit} initialValues={{ service: 'digital_circuit', acceptedOn: dayjs() }} style={{ rowGap: 12 }}>
          <Form.Item name="service" label={t('workOrders.quote.service')} rules={[{ required: true, message: t('common.required') }]}>
            <Select data-testid="sla-quote-service" style={{ width: 170 }} options={slaServices.map((v) => ({ value: v, label: labels.service(v) }))} />
          </Form.Item>
          <Form.Item
            name="standardOneTimeFee"
            label={t('workOrders.quote.standardFee')}
            rules={[
              { required: true, message: t('common.required') },
              { pattern: YUAN_AMOUNT, message: t('workOrders.form.feeInvalid') },
            ]}
          >
            <Input data-testid="sla-quote-fee" inputMode="decimal" placeholder="12000.00" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="acceptedOn" label={t('workOrders.quote.acceptedOn')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker data-testid="sla-quote-accepted" allowClear={false} />
          </Form.Item>
          <Form.Item name="completedOn" label={t('workOrders.quote.completedOn')}>
            <DatePicker data-testid="sla-quote-completed" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={compare.isPending} data-testid="sla-quote-submit">
              {t('workOrders.quote.compare')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <FormErrorAlert error={compare.error} />
      {result ? (
        <Card extra={<Typography.Text type="secondary">{t('workOrders.quote.ruleVersion', { version: result.ruleVersion })}</Typography.Text>}>
          {!result.calendarComplete ? (
            <Alert data-testid="sla-quote-calendar-warning" type="warning" showIcon title={t('workOrders.quote.calendarIncomplete')} style={{ marginBottom: 16 }} />
          ) : null}
          <Table<SlaCompareTier> data-testid="sla-quote-table" rowKey="tier" size="middle" pagination={false} columns={columns} dataSource={result.tiers} scroll={{ x: 1000 }} />
        </Card>
      ) : (
        <Card>
          <Empty description={t('workOrders.quote.hint')} />
        </Card>
      )}
    </PageContainer>
  );
}
