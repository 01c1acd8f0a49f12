import { Flex, Layout, Menu, Typography, theme } from 'antd';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useI18n } from '../i18n/useI18n';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { PageLoading } from '../ui/PageLoading';
import { ConnectionIndicator } from './ConnectionIndicator';
import { LanguageSwitch } from './LanguageSwitch';
import { usePermissions } from '../auth/useCurrentUser';
import { Logo } from './Logo';
import { NamespaceSwitcher } from '../namespace/NamespaceSwitcher';
import { useCurrentNamespace } from '../namespace/useCurrentNamespace';
import { findRoute, navRoutes, navTarget } from './routes';
import { UserMenu } from './UserMenu';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const { token } = theme.useToken();
  const current = findRoute(pathname);
  const { can } = usePermissions();
  const { namespaceId } = useCurrentNamespace();

  useEffect(() => {
    document.title = current ? `${t(current.titleKey)} · ${t('app.name')}` : t('app.name');
  }, [current, t]);

  const navItems = navRoutes(can).map((route) => ({
    key: route.path,
    icon: route.icon,
    label: <Link to={navTarget(route, namespaceId)}>{t(route.titleKey)}</Link>,
  }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          paddingInline: 24,
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, color: 'inherit' }}>
          <Logo color={token.colorPrimary} />
          <Typography.Text strong style={{ fontSize: 18 }} data-testid="product-name">
            {t('app.name')}
          </Typography.Text>
        </Link>
        <Typography.Text type="secondary" className="sb-tagline">
          {t('app.tagline')}
        </Typography.Text>
        <Flex gap={20} align="center" style={{ marginLeft: 'auto' }}>
          <NamespaceSwitcher />
          <ConnectionIndicator />
          <LanguageSwitch />
          <UserMenu />
        </Flex>
      </Header>
      <Layout>
        <Sider
          width={208}
          breakpoint="md"
          collapsedWidth={56}
          theme="light"
          style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}
        >
          <nav aria-label={t('nav.label')}>
            <Menu
              mode="inline"
              selectedKeys={current ? [current.navPath ?? current.path] : []}
              items={navItems}
              style={{ borderInlineEnd: 'none', paddingTop: 8 }}
            />
          </nav>
        </Sider>
        <Content style={{ padding: 24, minWidth: 0 }}>
          <main
            style={{
              background: token.colorBgContainer,
              borderRadius: token.borderRadiusLG,
              padding: 24,
              minHeight: 360,
            }}
          >
            {/* keyed by path so a crashed page recovers when the user navigates away */}
            <ErrorBoundary key={pathname}>
              <Suspense fallback={<PageLoading />}>
                <Outlet />
              </Suspense>
            </ErrorBoundary>
          </main>
        </Content>
      </Layout>
    </Layout>
  );
}
