import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Segmented, Tag, Timeline, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/api-error';
import { publicStatusApi, type LocalizedLabel, type PublicWorkOrderStatus } from '../../api/work-orders';
import { applyLocale } from '../../i18n/i18n';
import { isAppLocale, supportedLocales, type AppLocale } from '../../i18n/locale';
import { formatDateTime } from '../../lib/format';
import { useErrorText } from '../../lib/use-api-error';

interface LookupForm {
  trackingCode: string;
  phoneLast4: string;
}

// The customer-facing page: no sign-in, one column that fits a phone, nothing personal shown.
export function PublicStatusPage() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const { trackingCode: codeFromPath = '' } = useParams();
  const [form] = Form.useForm<LookupForm>();
  const lookup = useMutation({
    mutationFn: ({ trackingCode, phoneLast4 }: LookupForm) => publicStatusApi.get(trackingCode.trim().toUpperCase(), phoneLast4),
    retry: false,
  });

  useEffect(() => {
    document.title = `${t('workOrders.public.title')} · ${t('app.name')}`;
  }, [t]);

  const label = (value: LocalizedLabel) => (i18n.language === 'en' ? value.en : value.zh);
  const error = lookup.error;
  const errorMessage =
    error instanceof ApiError && error.status === 404
      ? t('workOrders.public.notFound')
      : error instanceof ApiError && error.status === 429
        ? t('workOrders.public.tooMany')
        : error
          ? errorText(error)
          : null;

  return (
    <Flex justify="center" style={{ minHeight: '100vh', padding: '24px 12px', background: '#f5f7fa' }}>
      <Flex vertical gap={16} style={{ width: 480, maxWidth: '100%' }} data-testid="public-status-page">
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('workOrders.public.title')}
          </Typography.Title>
          <Segmented<AppLocale>
            size="small"
            data-testid="public-status-language"
            value={isAppLocale(i18n.language) ? i18n.language : 'zh-CN'}
            options={supportedLocales.map((locale) => ({ value: locale, label: t(`lang.${locale}`) }))}
            onChange={(locale) => void applyLocale(locale)}
          />
        </Flex>
        {lookup.data ? (
          <StatusCard status={lookup.data} label={label} onAgain={() => lookup.reset()} />
        ) : (
          <Card>
            <Form<LookupForm>
              form={form}
              layout="vertical"
              initialValues={{ trackingCode: codeFromPath, phoneLast4: '' }}
              onFinish={(values) => lookup.mutate(values)}
              data-testid="public-status-form"
            >
              <Form.Item name="trackingCode" label={t('workOrders.public.trackingCode')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                <Input data-testid="public-status-code" size="large" autoComplete="off" className="patron-mono" />
              </Form.Item>
              <Form.Item
                name="phoneLast4"
                label={t('workOrders.public.phoneLast4')}
                rules={[{ required: true, pattern: /^\d{4}$/, message: t('workOrders.public.phoneInvalid') }]}
              >
                <Input data-testid="public-status-phone" size="large" inputMode="numeric" maxLength={4} autoComplete="off" autoFocus={Boolean(codeFromPath)} />
              </Form.Item>
              {errorMessage ? <Alert data-testid="public-status-error" type="error" showIcon title={errorMessage} style={{ marginBottom: 16 }} /> : null}
              <Button type="primary" htmlType="submit" size="large" block loading={lookup.isPending} data-testid="public-status-submit">
                {t('workOrders.public.submit')}
              </Button>
            </Form>
          </Card>
        )}
        <Typography.Text type="secondary" style={{ textAlign: 'center', fontSize: 12 }}>
          {t('workOrders.public.footer')}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}

function StatusCard({ status, label, onAgain }: { status: PublicWorkOrderStatus; label: (value: LocalizedLabel) => string; onAgain: () => void }) {
  const { t } = useTranslation();
  const done = status.status === 'archived' || status.status === 'cancelled';
  return (
    <Card data-testid="public-status-result">
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <span className="patron-mono">{status.trackingCode}</span>
          <Tag color={done ? 'default' : status.status === 'on_hold' ? 'warning' : 'processing'} data-testid="public-status-status" data-status={status.status}>
            {label(status.statusLabel)}
          </Tag>
        </Flex>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('workOrders.columns.type')}>{label(status.typeLabel)}</Descriptions.Item>
          {status.service ? <Descriptions.Item label={t('workOrders.public.service')}>{label(status.service)}</Descriptions.Item> : null}
          <Descriptions.Item label={t('workOrders.public.acceptedAt')}>{formatDateTime(status.acceptedAt)}</Descriptions.Item>
          {status.appointment ? (
            <Descriptions.Item label={t('workOrders.public.appointment')}>
              {formatDateTime(status.appointment.start)} – {formatDateTime(status.appointment.end)}
            </Descriptions.Item>
          ) : null}
          {status.expectedCompletion ? (
            <Descriptions.Item label={t('workOrders.public.expectedCompletion')}>
              <span data-testid="public-status-expected">{formatDateTime(status.expectedCompletion)}</span>
            </Descriptions.Item>
          ) : null}
          {status.completedAt ? <Descriptions.Item label={t('workOrders.public.completedAt')}>{formatDateTime(status.completedAt)}</Descriptions.Item> : null}
        </Descriptions>
        <Typography.Text strong>{t('workOrders.public.progress')}</Typography.Text>
        <div data-testid="public-status-timeline">
          <Timeline
            items={status.timeline.map((entry, index) => ({
              key: `${entry.status}-${entry.at}`,
              color: index === status.timeline.length - 1 ? 'blue' : 'gray',
              content: (
                <div data-testid="public-status-step" data-status={entry.status}>
                  <Typography.Text strong={index === status.timeline.length - 1}>{label(entry.statusLabel)}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary">{formatDateTime(entry.at)}</Typography.Text>
                  </div>
                </div>
              ),
            }))}
          />
        </div>
        <Button onClick={onAgain} data-testid="public-status-again">
          {t('workOrders.public.again')}
        </Button>
      </Flex>
    </Card>
  );
}
