import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ERROR_CODES } from '@switchboard/shared';
import { isApiError } from '../api/api-error';
import { errorMessage } from '../api/error-display';
import { HOME_PATH } from '../app/home-path';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { Logo } from '../app/Logo';
import type { Translate } from '../i18n/translate';
import { useI18n } from '../i18n/useI18n';
import { PageLoading } from '../ui/PageLoading';
import { safeNext } from './login-path';
import { useAuth } from './useCurrentUser';

interface LoginValues {
  username: string;
  password: string;
}

// Wrong user and wrong password get the same message, so the page does not reveal which
// user names exist.
export function loginErrorMessage(error: unknown, t: Translate): string {
  if (isApiError(error) && error.code === ERROR_CODES.LOGIN_LOCKED) return t('login.error.locked');
  if (isApiError(error) && (error.status === 401 || error.code === ERROR_CODES.UNAUTHENTICATED))
    return t('login.error.credentials');
  return errorMessage(error, t);
}

export function LoginPage() {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string>();
  const next = safeNext(params.get('next'), HOME_PATH);

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.name')}`;
  }, [t]);

  if (auth.status === 'loading') return <PageLoading />;
  // Signed in already, or the server runs without authentication: nothing to log in to.
  if (auth.status === 'signedIn' && !submitting) return <Navigate to={next} replace />;

  const submit = async ({ username, password }: LoginValues) => {
    setSubmitting(true);
    setFailure(undefined);
    try {
      await auth.login(username.trim(), password);
      navigate(next, { replace: true });
    } catch (error) {
      setFailure(loginErrorMessage(error, t));
    } finally {
      setSubmitting(false);
    }
  };

  const notice = !failure && auth.endReason === 'expired' ? t('login.expired') : undefined;

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      gap={24}
      style={{ minHeight: '100vh', padding: 24, background: token.colorBgLayout }}
    >
      <Flex align="center" gap={10}>
        <Logo color={token.colorPrimary} size={32} />
        <Typography.Text strong style={{ fontSize: 22 }} data-testid="product-name">
          {t('app.name')}
        </Typography.Text>
      </Flex>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {(failure || notice) && (
          // One banner: a failed login replaces the "session expired" notice. The key remounts
          // it so the new text is announced as a fresh alert.
          <Alert
            key={failure ? 'error' : 'notice'}
            type={failure ? 'error' : 'info'}
            showIcon
            title={failure || notice}
            style={{ marginBottom: 16 }}
            data-testid={failure ? 'login-error' : 'login-notice'}
            role="alert"
          />
        )}
        <Form<LoginValues>
          name="login"
          layout="vertical"
          requiredMark={false}
          onFinish={submit}
          disabled={submitting}
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.username.required') }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.password.required') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={submitting}
            data-testid="login-submit"
          >
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      <LanguageSwitch />
    </Flex>
  );
}
