import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Calendar, Card, Checkbox, Flex, Form, Input, Modal, Radio, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarApi, overrideKinds, workOrderKeys, type CalendarMonthDay, type IcsImportReply, type OverrideKind } from '../../api/work-orders';
import { hasAnyPermission } from '../../auth/permissions';
import { useSession } from '../../auth/session';
import { PageContainer } from '../../components/page-container';
import { buttonTestId } from '../../lib/test-id';
import { applyFieldErrors, FormErrorAlert } from '../../lib/use-api-error';

const calendarCode = 'CN';
const editPermissions = ['system.manage', 'rule.manage'] as const;

function DayEditModal({ day, onClose, onSaved }: { day: CalendarMonthDay; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ kind: OverrideKind; name?: string }>();
  const kind = Form.useWatch('kind', form);
  const save = useMutation({
    mutationFn: (values: { kind: OverrideKind; name?: string }) =>
      calendarApi.setDay(calendarCode, day.date, { kind: values.kind, ...(values.kind !== 'regular' && values.name?.trim() ? { name: values.name.trim() } : {}) }),
    onSuccess: onSaved,
    onError: (error) => applyFieldErrors(form, error, ['kind', 'name']),
  });
  const initialKind: OverrideKind = day.kind === 'holiday' ? 'holiday' : day.kind === 'makeup_workday' ? 'makeup_workday' : 'regular';
  return (
    <Modal
      open
      title={t('workOrders.calendar.editDay', { date: day.date })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={buttonTestId('calendar-day-save')}
      destroyOnHidden
    >
      <FormErrorAlert error={save.error} />
      <Form form={form} layout="vertical" initialValues={{ kind: initialKind, name: day.name ?? '' }} onFinish={(values) => save.mutate(values)} data-testid="calendar-day-form">
        <Form.Item name="kind" label={t('workOrders.calendar.kind')}>
          <Radio.Group
            data-testid="calendar-day-kind"
            options={overrideKinds.map((k) => ({ value: k, label: t(`workOrders.calendar.overrideKinds.${k}`) }))}
            optionType="button"
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('workOrders.calendar.name')}
          rules={[{ required: kind !== 'regular', whitespace: true, message: t('workOrders.calendar.nameRequired') }, { max: 50 }]}
        >
          <Input data-testid="calendar-day-name" disabled={kind === 'regular'} maxLength={50} placeholder="国庆节" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function IcsImportModal({ onClose, onImported }: { onClose: () => void; onImported: (reply: IcsImportReply) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [publish, setPublish] = useState(false);
  const preview = useMutation({ mutationFn: () => calendarApi.importIcs(calendarCode, text, { dryRun: true, publish }) });
  const commit = useMutation({ mutationFn: () => calendarApi.importIcs(calendarCode, text, { dryRun: false, publish }), onSuccess: onImported });
  const plan = preview.data;
  const changeColor: Record<string, string> = { add: 'green', change: 'orange', same: 'default' };
  return (
    <Modal
      open
      width={760}
      title={t('workOrders.calendar.importTitle')}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button disabled={!text} loading={preview.isPending} onClick={() => preview.mutate()} data-testid="calendar-ics-preview">
            {t('workOrders.calendar.preview')}
          </Button>
          <Button type="primary" disabled={!plan || plan.issues.length > 0} loading={commit.isPending} onClick={() => commit.mutate()} data-testid="calendar-ics-commit">
            {t('workOrders.calendar.commit')}
          </Button>
        </Space>
      }
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Upload
          accept=".ics,text/calendar"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then((content) => {
              setText(content);
              setFileName(file.name);
              preview.reset();
            });
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="calendar-ics-file">
            {t('workOrders.calendar.chooseFile')}
          </Button>
        </Upload>
        {fileName ? <Typography.Text type="secondary">{fileName}</Typography.Text> : null}
        <Checkbox checked={publish} onChange={(e) => setPublish(e.target.checked)}>
          {t('workOrders.calendar.publish')}
        </Checkbox>
        <FormErrorAlert error={preview.error ?? commit.error} />
        {plan ? (
          <>
            <Alert type="info" showIcon title={t('workOrders.calendar.previewCounts', { add: String(plan.counts.add), change: String(plan.counts.change), same: String(plan.counts.same), removed: String(plan.counts.removed) })} />
            {plan.issues.length > 0 ? (
              <Alert
                type="error"
                showIcon
                title={t('workOrders.calendar.issues', { count: plan.issues.length })}
                description={plan.issues.slice(0, 10).map((issue) => (
                  <div key={`${issue.row}-${issue.path}`}>
                    #{issue.row} {issue.message}
                  </div>
                ))}
              />
            ) : null}
            <Table
              data-testid="calendar-ics-plan"
              size="small"
              rowKey="date"
              pagination={{ pageSize: 8 }}
              dataSource={plan.overrides}
              columns={[
                { key: 'date', title: t('workOrders.calendar.date'), dataIndex: 'date', width: 120 },
                { key: 'kind', title: t('workOrders.calendar.kind'), width: 130, render: (_, o) => t(`workOrders.calendar.overrideKinds.${o.kind}`) },
                { key: 'name', title: t('workOrders.calendar.name'), dataIndex: 'name' },
                { key: 'change', title: t('workOrders.calendar.change'), width: 90, render: (_, o) => <Tag color={changeColor[o.change]}>{o.change}</Tag> },
                { key: 'current', title: t('workOrders.calendar.current'), width: 160, render: (_, o) => `${t(`workOrders.calendar.kinds.${o.current.kind}`)}${o.current.name ? ` · ${o.current.name}` : ''}` },
              ]}
            />
          </>
        ) : null}
      </Flex>
    </Modal>
  );
}

export function CalendarPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const canEdit = hasAnyPermission(user, editPermissions);
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const [editing, setEditing] = useState<CalendarMonthDay | null>(null);
  const [importing, setImporting] = useState(false);
  const monthKey = month.format('YYYY-MM');
  const { data, error, isFetching } = useQuery({
    queryKey: workOrderKeys.calendarMonth(calendarCode, monthKey),
    queryFn: ({ signal }) => calendarApi.month(monthKey, calendarCode, signal),
  });
  const byDate = new Map((data?.days ?? []).map((d) => [d.date, d]));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['calendar', calendarCode] });

  const cell = (date: Dayjs) => {
    const day = byDate.get(date.format('YYYY-MM-DD'));
    if (!day || !date.isSame(month, 'month')) return null;
    if (day.kind === 'holiday')
      return (
        <Tag color="red" data-testid={`calendar-day-${day.date}`} data-kind={day.kind} style={{ whiteSpace: 'normal' }}>
          {t('workOrders.calendar.kinds.holiday')}
          {day.name ? ` · ${day.name}` : ''}
        </Tag>
      );
    if (day.kind === 'makeup_workday')
      return (
        <Tag color="orange" data-testid={`calendar-day-${day.date}`} data-kind={day.kind} style={{ whiteSpace: 'normal' }}>
          {t('workOrders.calendar.kinds.makeup_workday')}
          {day.name ? ` · ${day.name}` : ''}
        </Tag>
      );
    if (day.kind === 'weekend')
      return (
        <Typography.Text type="secondary" data-testid={`calendar-day-${day.date}`} data-kind={day.kind} style={{ fontSize: 12 }}>
          {t('workOrders.calendar.kinds.weekend')}
        </Typography.Text>
      );
    return <span data-testid={`calendar-day-${day.date}`} data-kind={day.kind} />;
  };

  return (
    <PageContainer
      title={t('workOrders.calendar.title')}
      testId="calendar-page"
      extra={
        canEdit ? (
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="calendar-import">
            {t('workOrders.calendar.importIcs')}
          </Button>
        ) : null
      }
    >
      <FormErrorAlert error={error} />
      {data && !data.calendarComplete ? (
        <Alert data-testid="calendar-incomplete" type="warning" showIcon title={t('workOrders.calendar.incomplete', { year: monthKey.slice(0, 4) })} style={{ marginBottom: 16 }} />
      ) : null}
      {!canEdit ? <Alert type="info" showIcon title={t('workOrders.calendar.readOnly')} style={{ marginBottom: 16 }} /> : null}
      <Card
        loading={isFetching && !data}
        title={
          <Space>
            {t('workOrders.calendar.calendar', { code: calendarCode })}
            {data ? <Typography.Text type="secondary">{t('workOrders.calendar.workdayCount', { count: data.workdayCount })}</Typography.Text> : null}
          </Space>
        }
      >
        <Calendar
          value={month}
          onPanelChange={(value) => setMonth(value.startOf('month'))}
          onSelect={(value, info) => {
            if (info.source === 'date' && value.isSame(month, 'month')) {
              const day = byDate.get(value.format('YYYY-MM-DD'));
              if (day && canEdit) setEditing(day);
            } else if (!value.isSame(month, 'month')) setMonth(value.startOf('month'));
          }}
          cellRender={(current, info) => (info.type === 'date' ? cell(current) : info.originNode)}
        />
      </Card>
      {editing ? (
        <DayEditModal
          day={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            void message.success(t('workOrders.calendar.saved', { date: editing.date }));
            setEditing(null);
            void refresh();
          }}
        />
      ) : null}
      {importing ? (
        <IcsImportModal
          onClose={() => setImporting(false)}
          onImported={(reply) => {
            void message.success(t('workOrders.calendar.imported', { version: String(reply.version) }));
            setImporting(false);
            void refresh();
          }}
        />
      ) : null}
    </PageContainer>
  );
}
