import { CloudUploadOutlined, DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Flex, Form, Input, Progress, Radio, Select, Space, Statistic, Steps, Table, Tag, Typography, Upload, type TableColumnsType, type UploadFile } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { importKinds, importModes, importsApi, type ImportKind, type ImportMode, type ImportPreviewRow, type ImportRowError, type ImportSummary, type ImportValidation } from '../../api/imports';
import { hasAnyPermission } from '../../auth/permissions';
import { useSession } from '../../auth/session';
import { PageContainer } from '../../components/page-container';
import { useErrorText } from '../../lib/use-api-error';
import { canCommit, importColumns, importErrorKey, importFormatDoc, previewColumns, summaryItems } from './import-helpers';

function ImportErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const genericText = useErrorText();
  if (!error) return null;
  const key = importErrorKey(error);
  const details = error instanceof ApiError ? error.details : [];
  return (
    <Alert
      data-testid="import-error"
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={key ? t(key) : genericText(error)}
      description={
        details.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {details.slice(0, 20).map((detail, index) => (
              <li key={index}>{detail.path ? `${detail.path}: ${detail.message}` : detail.message}</li>
            ))}
          </ul>
        ) : error instanceof ApiError && key ? (
          error.message
        ) : undefined
      }
    />
  );
}

function ValidationView({ validation }: { validation: ImportValidation }) {
  const { t } = useTranslation();
  const errorColumns: TableColumnsType<ImportRowError & { key: string }> = [
    { title: t('customerImport.errorColumns.line'), dataIndex: 'line', width: 90 },
    { title: t('customerImport.errorColumns.column'), dataIndex: 'column', width: 180 },
    { title: t('customerImport.errorColumns.message'), dataIndex: 'message' },
  ];
  const columns = useMemo(() => previewColumns(validation.preview), [validation.preview]);
  const previewTableColumns: TableColumnsType<{ key: number; row: ImportPreviewRow }> = columns.map((column) => ({
    title: column,
    key: column,
    render: (_: unknown, record) => {
      const value = record.row[column];
      return value === null || value === undefined ? <Typography.Text type="secondary">—</Typography.Text> : String(value);
    },
  }));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="import-validation">
      {validation.overrideReason ? (
        <Alert type="warning" showIcon title={t('importOverride.applied', { reason: validation.overrideReason })} data-testid="import-override-applied" />
      ) : null}
      <Flex gap={48} wrap>
        <Statistic title={t('customerImport.totals.rows')} value={validation.totalRows} data-testid="import-total-rows" />
        <Statistic title={t('customerImport.totals.valid')} value={validation.validRows} data-testid="import-valid-rows" />
        <Statistic
          title={t('customerImport.totals.rejected')}
          value={validation.rejected}
          valueStyle={validation.rejected > 0 ? { color: '#cf1322' } : undefined}
          data-testid="import-rejected-rows"
        />
      </Flex>
      {validation.errors.length > 0 ? (
        <div>
          <Typography.Title level={5}>{t('customerImport.errorsTitle', { count: validation.errors.length })}</Typography.Title>
          <Table
            data-testid="import-errors-table"
            size="small"
            columns={errorColumns}
            dataSource={validation.errors.map((error, index) => ({ ...error, key: `${index}` }))}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
          />
        </div>
      ) : (
        <Alert type="success" showIcon title={t('customerImport.noErrors')} data-testid="import-no-errors" />
      )}
      {validation.preview.length > 0 ? (
        <div>
          <Typography.Title level={5}>{t('customerImport.previewRows', { count: validation.preview.length })}</Typography.Title>
          <Table
            data-testid="import-preview-table"
            size="small"
            scroll={{ x: 'max-content' }}
            columns={previewTableColumns}
            dataSource={validation.preview.map((row, index) => ({ key: index, row }))}
            pagination={false}
          />
        </div>
      ) : null}
    </Space>
  );
}

function SummaryView({ summary, runId, onAgain }: { summary: ImportSummary; runId: number; onAgain: () => void }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="import-result">
      <Alert type="success" showIcon title={t('customerImport.resultTitle')} />
      <Flex gap={48} wrap>
        {summaryItems(summary).map(({ field, value }) => (
          <Statistic key={field} title={t(`customerImport.summary.${field}`)} value={value} data-testid={`import-summary-${field}`} />
        ))}
      </Flex>
      <Space>
        {summary.rejected > 0 ? (
          <Button icon={<DownloadOutlined />} href={importsApi.rejectsUrl(runId)} download data-testid="import-download-rejects">
            {t('customerImport.downloadRejects')}
          </Button>
        ) : null}
        <Button icon={<ReloadOutlined />} onClick={onAgain} data-testid="import-again">
          {t('customerImport.another')}
        </Button>
      </Space>
    </Space>
  );
}

export function ImportPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ImportKind>('customers');
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [file, setFile] = useState<File | null>(null);
  const [uploadPercent, setUploadPercent] = useState(0);
  const [validation, setValidation] = useState<ImportValidation | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const { user } = useSession();
  // Only customers rows carry account managers, and only an authorised manager may go past their limits.
  const canOverride = kind === 'customers' && hasAnyPermission(user, ['customer.assign.override']);
  const [overriding, setOverriding] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const overrideValid = overrideReason.trim().length >= 4;

  const upload = useMutation({
    mutationFn: (chosen: File) =>
      importsApi.upload({
        kind,
        mode,
        file: chosen,
        fileName: chosen.name,
        ...(canOverride && overriding ? { overrideReason: overrideReason.trim() } : {}),
        onProgress: setUploadPercent,
      }),
    onMutate: () => {
      setUploadPercent(0);
      setValidation(null);
      setSummary(null);
    },
    onSuccess: (result) => setValidation(result),
  });

  const commit = useMutation({
    mutationFn: (id: number) => importsApi.commit(id),
    onSuccess: (result) => setSummary(result),
  });

  // While the commit runs, the run reports how many rows it has read.
  const run = useQuery({
    queryKey: ['imports', 'run', validation?.id ?? 0],
    queryFn: ({ signal }) => importsApi.get(validation?.id ?? 0, signal),
    enabled: commit.isPending && validation !== null,
    refetchInterval: 500,
  });
  const committedRows = run.data?.progress?.rows;

  function reset() {
    setFile(null);
    setUploadPercent(0);
    setValidation(null);
    setSummary(null);
    upload.reset();
    commit.reset();
  }

  function changeSettings(next: { kind?: ImportKind; mode?: ImportMode; overriding?: boolean; overrideReason?: string }) {
    if (next.kind) setKind(next.kind);
    if (next.mode) setMode(next.mode);
    if (next.overriding !== undefined) setOverriding(next.overriding);
    if (next.overrideReason !== undefined) setOverrideReason(next.overrideReason);
    // A validated run belongs to the kind and mode it was uploaded with.
    setValidation(null);
    setSummary(null);
    upload.reset();
    commit.reset();
  }

  const fileList: UploadFile[] = file ? [{ uid: 'chosen', name: file.name, size: file.size, status: 'done' }] : [];
  const step = summary ? 2 : validation ? 1 : 0;
  const busy = upload.isPending || commit.isPending;
  const commitAllowed = validation !== null && canCommit(validation, mode);

  return (
    <PageContainer title={t('customerImport.title')} testId="import-page">
      <Steps
        current={step}
        status={summary ? 'finish' : 'process'}
        style={{ marginBottom: 24 }}
        items={[{ title: t('customerImport.validate') }, { title: t('customerImport.commit') }, { title: t('customerImport.resultTitle') }]}
      />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical" disabled={busy || summary !== null}>
          <Form.Item label={t('customerImport.kind')}>
            <Select
              data-testid="import-kind"
              value={kind}
              onChange={(value: ImportKind) => changeSettings({ kind: value })}
              options={importKinds.map((value) => ({ value, label: t(`customerImport.kinds.${value}`) }))}
              style={{ maxWidth: 320 }}
            />
            <div style={{ marginTop: 8 }} data-testid="import-kind-hint">
              <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                {t(`customerImport.kindHints.${kind}`)}
              </Typography.Paragraph>
              <Typography.Text type="secondary">{t('customerImport.columnsLabel')} </Typography.Text>
              {importColumns[kind].map((column) => (
                <Tag key={column} color={column.endsWith('*') ? 'blue' : undefined} style={{ fontFamily: 'monospace' }}>
                  {column}
                </Tag>
              ))}
              <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0 }}>
                {t('customerImport.formatDoc', { doc: importFormatDoc })}
              </Typography.Paragraph>
            </div>
          </Form.Item>
          <Form.Item label={t('customerImport.mode')}>
            <Radio.Group data-testid="import-mode" value={mode} onChange={(event) => changeSettings({ mode: event.target.value as ImportMode })}>
              <Space direction="vertical">
                {importModes.map((value) => (
                  <Radio key={value} value={value} data-testid={`import-mode-${value}`}>
                    {t(`customerImport.modes.${value}`)}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          {canOverride ? (
            <Form.Item extra={t('importOverride.hint')}>
              <Checkbox checked={overriding} onChange={(event) => changeSettings({ overriding: event.target.checked })} data-testid="import-override">
                {t('importOverride.toggle')}
              </Checkbox>
              {overriding ? (
                <Form.Item
                  label={t('importOverride.reason')}
                  required
                  validateStatus={overrideReason !== '' && !overrideValid ? 'error' : undefined}
                  help={overrideReason !== '' && !overrideValid ? t('importOverride.reasonRule') : undefined}
                  style={{ marginTop: 8, marginBottom: 0 }}
                >
                  <Input.TextArea
                    rows={2}
                    maxLength={500}
                    value={overrideReason}
                    onChange={(event) => changeSettings({ overrideReason: event.target.value })}
                    data-testid="import-override-reason"
                  />
                </Form.Item>
              ) : null}
            </Form.Item>
          ) : null}
          <Form.Item>
            <Upload.Dragger
              data-testid="import-dropzone"
              accept=".csv,.xlsx,text/csv"
              maxCount={1}
              multiple={false}
              fileList={fileList}
              beforeUpload={(chosen) => {
                setFile(chosen);
                setValidation(null);
                setSummary(null);
                upload.reset();
                commit.reset();
                return false;
              }}
              onRemove={() => {
                reset();
                return true;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('customerImport.dropTitle')}</p>
              <p className="ant-upload-hint">{t('customerImport.dropHint')}</p>
            </Upload.Dragger>
          </Form.Item>
          <Space>
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              disabled={!file || validation !== null || (canOverride && overriding && !overrideValid)}
              loading={upload.isPending}
              onClick={() => file && upload.mutate(file)}
              data-testid="import-validate"
            >
              {t('customerImport.validate')}
            </Button>
            {file ? (
              <Button icon={<ReloadOutlined />} onClick={reset} data-testid="import-reset">
                {t('customerImport.reset')}
              </Button>
            ) : null}
          </Space>
        </Form>
        {upload.isPending ? (
          <div style={{ marginTop: 16 }} data-testid="import-upload-progress">
            <Typography.Text type="secondary">{t('customerImport.uploading')}</Typography.Text>
            {/* The bytes go first; then the server parses and validates, which reports no progress. */}
            <Progress percent={uploadPercent < 100 ? uploadPercent : 99} status="active" />
          </div>
        ) : null}
      </Card>
      <ImportErrorAlert error={upload.error ?? commit.error} />
      {validation && !summary ? (
        <Card title={t('customerImport.previewTitle', { fileName: validation.fileName })} style={{ marginBottom: 16 }}>
          <ValidationView validation={validation} />
          <Flex vertical gap={12} style={{ marginTop: 16 }}>
            {!commitAllowed && validation.rejected > 0 ? <Alert type="warning" showIcon title={t('customerImport.commitBlocked')} data-testid="import-commit-blocked" /> : null}
            {commit.isPending ? (
              <div data-testid="import-commit-progress">
                <Typography.Text type="secondary">
                  {committedRows !== undefined ? t('customerImport.committingRows', { rows: String(committedRows) }) : t('customerImport.committing')}
                </Typography.Text>
                <Progress
                  percent={committedRows !== undefined && validation.totalRows > 0 ? Math.min(99, Math.round((committedRows / validation.totalRows) * 100)) : 99}
                  status="active"
                  showInfo={committedRows !== undefined}
                />
              </div>
            ) : null}
            <div>
              <Button type="primary" disabled={!commitAllowed} loading={commit.isPending} onClick={() => commit.mutate(validation.id)} data-testid="import-commit">
                {t('customerImport.commit')}
              </Button>
            </div>
          </Flex>
        </Card>
      ) : null}
      {summary && validation ? (
        <Card>
          <SummaryView summary={summary} runId={validation.id} onAgain={reset} />
        </Card>
      ) : null}
    </PageContainer>
  );
}
