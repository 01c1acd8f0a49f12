import { ReloadOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { errorMessage } from '../api/error-display';
import { useI18n } from '../i18n/useI18n';
import { PageLoading } from '../ui/PageLoading';
import { loginPath } from './login-path';
import type { Requirement } from './permissions';
import { useAuth, usePermissions } from './useCurrentUser';

// The one place that sends a signed-out user to the login page, remembering where they were.
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const auth = useAuth();
  const location = useLocation();
  if (auth.status === 'loading') return <PageLoading />;
  if (auth.status === 'signedOut')
    return <Navigate to={loginPath(location, auth.endReason)} replace />;
  if (auth.status === 'error')
    return (
      <Result
        status="warning"
        title={t('auth.unavailable')}
        subTitle={errorMessage(auth.error, t)}
        extra={
          <Button type="primary" icon={<ReloadOutlined />} onClick={auth.retry}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  return children;
}

// A page the user may not use (typed URL, stale link): say so instead of a failing page.
export function RequirePermission({
  requires,
  children,
}: {
  requires?: Requirement;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { can } = usePermissions();
  if (!requires || can(requires)) return children;
  return (
    <Result
      status="403"
      title={t('auth.forbidden.title')}
      subTitle={t('auth.forbidden.description')}
      data-testid="page-forbidden"
    />
  );
}
