import { useMutation, useQuery } from '@tanstack/react-query';
import { DatePicker, Divider, Form, Input, Modal, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customersApi } from '../../api/endpoints';
import {
  serviceCatalogueApi,
  slaServices,
  slaTiers,
  workOrderChannels,
  workOrderKeys,
  workOrderPriorities,
  workOrderTypes,
  workOrdersApi,
  type SlaService,
  type SlaTier,
  type WorkOrderChannel,
  type WorkOrderCreateBody,
  type WorkOrderDetail,
  type WorkOrderPriority,
  type WorkOrderType,
} from '../../api/work-orders';
import { YUAN_AMOUNT } from '../../lib/format';
import { buttonTestId } from '../../lib/test-id';
import { applyFieldErrors, FormErrorAlert } from '../../lib/use-api-error';
import { useWorkOrderLabels } from './work-order-labels';

interface FormValues {
  customerId?: number;
  type: WorkOrderType;
  channel: WorkOrderChannel;
  priority: WorkOrderPriority;
  serviceItem?: string;
  slaService?: SlaService;
  slaTier?: SlaTier;
  standardFee?: string;
  appointment?: [Dayjs, Dayjs] | null;
  deliveryPack?: boolean;
  title: string;
  description?: string;
}

const fields = ['customerId', 'type', 'channel', 'priority', 'serviceItem', 'slaService', 'slaTier', 'standardFee', 'appointment', 'deliveryPack', 'title', 'description'];

export function WorkOrderFormModal({ onClose, onCreated }: { onClose: () => void; onCreated: (order: WorkOrderDetail) => void }) {
  const { t, i18n } = useTranslation();
  const labels = useWorkOrderLabels();
  const [form] = Form.useForm<FormValues>();
  const [customerQuery, setCustomerQuery] = useState('');
  const slaService = Form.useWatch('slaService', form);

  const customers = useQuery({
    queryKey: ['customers', 'picker', customerQuery],
    queryFn: ({ signal }) => customersApi.list({ q: customerQuery, pageSize: 20 }, signal),
  });
  const catalogue = useQuery({ queryKey: workOrderKeys.catalogue, queryFn: ({ signal }) => serviceCatalogueApi.current(signal), staleTime: 5 * 60_000 });

  const create = useMutation({
    mutationFn: (body: WorkOrderCreateBody) => workOrdersApi.create(body),
    onSuccess: onCreated,
    onError: (error) => applyFieldErrors(form, error, fields),
  });

  const submit = (values: FormValues) => {
    if (values.customerId === undefined) return;
    const body: WorkOrderCreateBody = {
      customerId: values.customerId,
      type: values.type,
      channel: values.channel,
      priority: values.priority,
      title: values.title.trim(),
      ...(values.serviceItem ? { serviceItem: values.serviceItem } : {}),
      ...(values.slaService && values.slaTier ? { slaService: values.slaService, slaTier: values.slaTier, standardFee: values.standardFee?.trim() } : {}),
      ...(values.appointment ? { appointment: { start: values.appointment[0].format(), end: values.appointment[1].format() } } : {}),
      ...(form.isFieldTouched('deliveryPack') ? { deliveryPack: Boolean(values.deliveryPack) } : {}),
      ...(values.description?.trim() ? { description: values.description.trim() } : {}),
    };
    create.mutate(body);
  };

  const itemLabel = (name: { zh: string; en: string }) => (i18n.language === 'en' ? name.en : name.zh);

  return (
    <Modal
      open
      title={t('workOrders.form.title')}
      width={720}
      onCancel={onClose}
      okText={t('workOrders.form.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      okButtonProps={buttonTestId('work-order-form-submit')}
      destroyOnHidden
    >
      <div data-testid="work-order-form">
        <FormErrorAlert error={create.error} />
        <Form<FormValues> form={form} layout="vertical" onFinish={submit} initialValues={{ priority: 'normal', channel: 'account_manager', type: 'fault' }}>
          <Form.Item name="customerId" label={t('workOrders.form.customer')} rules={[{ required: true, message: t('common.required') }]}>
            <Select
              data-testid="work-order-form-customer"
              showSearch={{ filterOption: false, onSearch: (q) => setCustomerQuery(q.trim()) }}
              placeholder={t('workOrders.form.customerPlaceholder')}
              loading={customers.isFetching}
              options={(customers.data?.items ?? []).map((c) => ({
                value: Number(c.id),
                label: (
                  <span data-testid={`work-order-customer-option-${c.customerNo}`}>
                    {c.name} · {c.customerNo}
                    {c.star ? ` · ${'★'.repeat(c.star)}` : ''}
                  </span>
                ),
              }))}
            />
          </Form.Item>
          <Form.Item style={{ marginBottom: 0 }}>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))', gap: '0 16px' }}>
              <Form.Item name="type" label={t('workOrders.form.type')} rules={[{ required: true, message: t('common.required') }]}>
                <Select data-testid="work-order-form-type" options={workOrderTypes.map((v) => ({ value: v, label: labels.type(v) }))} />
              </Form.Item>
              <Form.Item name="channel" label={t('workOrders.form.channel')} rules={[{ required: true, message: t('common.required') }]}>
                <Select data-testid="work-order-form-channel" options={workOrderChannels.map((v) => ({ value: v, label: labels.channel(v) }))} />
              </Form.Item>
              <Form.Item name="priority" label={t('workOrders.form.priority')}>
                <Select data-testid="work-order-form-priority" options={workOrderPriorities.map((v) => ({ value: v, label: labels.priority(v) }))} />
              </Form.Item>
            </div>
          </Form.Item>
          <Form.Item name="serviceItem" label={t('workOrders.form.serviceItem')}>
            <Select
              data-testid="work-order-form-serviceItem"
              allowClear
              showSearch={{ optionFilterProp: 'search' }}
              placeholder={t('workOrders.form.serviceItemPlaceholder')}
              loading={catalogue.isPending}
              options={(catalogue.data?.items ?? []).map((item) => ({
                value: item.code,
                search: `${item.code} ${item.name.zh} ${item.name.en}`,
                label: <span data-testid={`work-order-service-option-${item.code}`}>{itemLabel(item.name)}</span>,
              }))}
            />
          </Form.Item>
          <Divider titlePlacement="start" plain>
            {t('workOrders.form.circuit')}
          </Divider>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))', gap: '0 16px' }}>
            <Form.Item name="slaService" label={t('workOrders.form.slaService')}>
              <Select data-testid="work-order-form-slaService" allowClear options={slaServices.map((v) => ({ value: v, label: labels.service(v) }))} />
            </Form.Item>
            <Form.Item name="slaTier" label={t('workOrders.form.slaTier')} rules={[{ required: Boolean(slaService), message: t('common.required') }]}>
              <Select data-testid="work-order-form-slaTier" allowClear disabled={!slaService} options={slaTiers.map((v) => ({ value: v, label: labels.tier(v) }))} />
            </Form.Item>
            <Form.Item
              name="standardFee"
              label={t('workOrders.form.standardFee')}
              rules={[
                { required: Boolean(slaService), message: t('common.required') },
                { pattern: YUAN_AMOUNT, message: t('workOrders.form.feeInvalid') },
              ]}
            >
              <Input data-testid="work-order-form-standardFee" disabled={!slaService} inputMode="decimal" placeholder="12000.00" />
            </Form.Item>
          </div>
          <div style={{ display: 'grid', gridTemplateColumns: '2fr 1fr', gap: '0 16px' }}>
            <Form.Item name="appointment" label={t('workOrders.form.appointment')}>
              <DatePicker.RangePicker data-testid="work-order-form-appointment" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="deliveryPack" label={t('workOrders.form.deliveryPack')} valuePropName="checked">
              <Switch data-testid="work-order-form-deliveryPack" />
            </Form.Item>
          </div>
          <Form.Item name="title" label={t('workOrders.form.orderTitle')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 200 }]}>
            <Input data-testid="work-order-form-title" maxLength={200} />
          </Form.Item>
          <Form.Item name="description" label={t('workOrders.form.description')} rules={[{ max: 4000 }]}>
            <Input.TextArea data-testid="work-order-form-description" rows={3} maxLength={4000} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
