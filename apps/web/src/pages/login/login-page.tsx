import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { useLogin } from '../../auth/session';
import { usePageTitle } from '../../components/page-container';
import { applyLocale } from '../../i18n/i18n';
import { isAppLocale, supportedLocales, type AppLocale } from '../../i18n/locale';
import { useErrorText } from '../../lib/use-api-error';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('login.title'));
  const login = useLogin();
  const errorText = useErrorText();
  const [chosenLocale, setChosenLocale] = useState<AppLocale | null>(null);

  // On success the session query holds the user and the login route redirects to where they were.
  const onFinish = (values: LoginForm) => login.mutate({ ...values, locale: chosenLocale ?? undefined });

  const error = login.error;
  const locked = error instanceof ApiError && error.code === 'auth.locked';
  const lockedMinutes = locked && error.retryAfterSeconds ? Math.ceil(error.retryAfterSeconds / 60) : undefined;

  return (
    <div className="patron-login">
      <Card style={{ width: 400, maxWidth: '100%' }} styles={{ body: { padding: 32 } }} data-testid="login-page">
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <Segmented<AppLocale>
            size="small"
            data-testid="login-language"
            value={isAppLocale(i18n.language) ? i18n.language : 'zh-CN'}
            options={supportedLocales.map((locale) => ({ value: locale, label: t(`lang.${locale}`) }))}
            onChange={(locale) => {
              setChosenLocale(locale);
              void applyLocale(locale);
            }}
          />
        </Flex>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {error ? (
          <Alert
            data-testid={locked ? 'login-locked' : 'login-error'}
            type={locked ? 'warning' : 'error'}
            showIcon
            title={lockedMinutes ? t('login.lockedFor', { minutes: lockedMinutes }) : errorText(error)}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form<LoginForm> layout="vertical" requiredMark={false} onFinish={onFinish} disabled={login.isPending}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
