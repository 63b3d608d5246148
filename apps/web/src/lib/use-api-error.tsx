import { Alert, App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldOfPath } from '../api/api-error';

export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError)) return t('errors.unknown');
      const code = error.knownCode;
      if (code) return t(`errors.${code}`);
      if (error.code === 'network') return t('errors.network');
      return error.message || t('errors.unknown');
    },
    [t],
  );
}

// The server's English text adds specifics (which username is taken) to the localized headline.
function useErrorDetail(): (error: unknown) => string | undefined {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError)) return error instanceof Error ? error.message : undefined;
      const lines: string[] = [];
      if (error.knownCode && error.message && !/^HTTP \d+$/.test(error.message)) lines.push(error.message);
      if (error.requestId) lines.push(t('common.requestId', { requestId: error.requestId }));
      return lines.length ? lines.join(' · ') : undefined;
    },
    [t],
  );
}

export function useNotifyError(): (error: unknown) => void {
  const { notification } = App.useApp();
  const text = useErrorText();
  const detail = useErrorDetail();
  return useCallback(
    (error: unknown) => {
      notification.error({ title: text(error), description: detail(error), placement: 'topRight' });
    },
    [notification, text, detail],
  );
}

// Puts server-side field errors next to the fields; returns false when none matched a field.
export function applyFieldErrors(form: FormInstance, error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError) || error.details.length === 0) return false;
  const byField = new Map<string, string[]>();
  for (const detail of error.details) {
    const field = fieldOfPath(detail.path);
    if (!fields.includes(field)) continue;
    byField.set(field, [...(byField.get(field) ?? []), detail.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}

export function FormErrorAlert({ error }: { error: unknown }) {
  const text = useErrorText();
  const detail = useErrorDetail();
  if (!error) return null;
  return <Alert data-testid="form-error" type="error" showIcon title={text(error)} description={detail(error)} style={{ marginBottom: 16 }} />;
}
