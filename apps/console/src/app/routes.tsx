import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BranchesOutlined,
  CloudServerOutlined,
  ClusterOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  FileTextOutlined,
  KeyOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { matchPath } from 'react-router-dom';
import type { Requirement } from '../auth/permissions';
import type { MessageKey } from '../i18n/messages.en';

export { HOME_PATH } from './home-path';

export interface AppRoute {
  path: string; // a react-router pattern; namespace-scoped pages start with /ns/:namespaceId
  titleKey: MessageKey; // page title and nav label
  icon: ReactNode;
  Page: LazyExoticComponent<ComponentType>;
  inNav: boolean; // only pages that work are listed
  navPath?: string; // pages outside the nav: the nav entry to highlight
  requires?: Requirement; // absent: every signed-in user; the nav hides what the user may not use
}

const NS = '/ns/:namespaceId';
const page = <M extends Record<string, ComponentType>>(load: () => Promise<M>, name: keyof M) =>
  lazy(() => load().then((m) => ({ default: m[name] })));

// The ONE route table: App builds the router from it and AppLayout derives the nav from it.
// Pages are lazy so each becomes its own chunk (the editor and the heavy pages load on demand).
export const APP_ROUTES: readonly AppRoute[] = [
  {
    path: '/overview',
    titleKey: 'nav.overview',
    icon: <DashboardOutlined />,
    Page: page(() => import('../features/overview/pages/OverviewPage'), 'OverviewPage'),
    inNav: true,
  },
  {
    path: `${NS}/services`,
    titleKey: 'nav.services',
    icon: <CloudServerOutlined />,
    Page: page(() => import('../features/services/pages/ServiceListPage'), 'ServiceListPage'),
    inNav: true,
  },
  {
    path: `${NS}/services/:groupName/:serviceName`,
    titleKey: 'nav.services',
    icon: <CloudServerOutlined />,
    Page: page(() => import('../features/services/pages/ServiceDetailPage'), 'ServiceDetailPage'),
    inNav: false,
    navPath: `${NS}/services`,
  },
  {
    path: `${NS}/configs`,
    titleKey: 'nav.configs',
    icon: <FileTextOutlined />,
    Page: page(() => import('../features/configs/pages/ConfigListPage'), 'ConfigListPage'),
    inNav: true,
  },
  {
    path: `${NS}/configs/new`,
    titleKey: 'nav.configs',
    icon: <FileTextOutlined />,
    Page: page(() => import('../features/configs/pages/ConfigEditorPage'), 'ConfigEditorPage'),
    inNav: false,
    navPath: `${NS}/configs`,
  },
  {
    path: `${NS}/configs/:group/:dataId`,
    titleKey: 'nav.configs',
    icon: <FileTextOutlined />,
    Page: page(() => import('../features/configs/pages/ConfigDetailPage'), 'ConfigDetailPage'),
    inNav: false,
    navPath: `${NS}/configs`,
  },
  {
    path: `${NS}/configs/:group/:dataId/canary`,
    titleKey: 'nav.canary',
    icon: <ExperimentOutlined />,
    Page: page(() => import('../features/canary/pages/CanaryPage'), 'CanaryPage'),
    inNav: false,
    navPath: `${NS}/canaries`,
  },
  {
    path: `${NS}/canaries`,
    titleKey: 'nav.canary',
    icon: <ExperimentOutlined />,
    Page: page(() => import('../features/canary/pages/CanaryListPage'), 'CanaryListPage'),
    inNav: true,
  },
  {
    path: `${NS}/change-requests`,
    titleKey: 'nav.changeRequests',
    icon: <BranchesOutlined />,
    Page: page(
      () => import('../features/change-requests/pages/ChangeRequestListPage'),
      'ChangeRequestListPage',
    ),
    inNav: true,
  },
  {
    path: `${NS}/change-requests/:id`,
    titleKey: 'nav.changeRequests',
    icon: <BranchesOutlined />,
    Page: page(
      () => import('../features/change-requests/pages/ChangeRequestDetailPage'),
      'ChangeRequestDetailPage',
    ),
    inNav: false,
    navPath: `${NS}/change-requests`,
  },
  {
    path: `${NS}/connections`,
    titleKey: 'nav.connections',
    icon: <ApiOutlined />,
    Page: page(() => import('../features/connections/pages/ConnectionsPage'), 'ConnectionsPage'),
    inNav: true,
  },
  {
    path: '/namespaces',
    titleKey: 'nav.namespaces',
    icon: <ApartmentOutlined />,
    Page: lazy(() =>
      import('../features/namespaces/pages/NamespaceListPage').then((m) => ({
        default: m.NamespaceListPage,
      })),
    ),
    inNav: true,
  },
  {
    path: '/users',
    titleKey: 'nav.users',
    icon: <UserOutlined />,
    Page: lazy(() =>
      import('../features/users/pages/UserListPage').then((m) => ({ default: m.UserListPage })),
    ),
    inNav: true,
    requires: 'admin',
  },
  {
    path: '/roles',
    titleKey: 'nav.roles',
    icon: <TeamOutlined />,
    Page: lazy(() =>
      import('../features/roles/pages/RoleListPage').then((m) => ({ default: m.RoleListPage })),
    ),
    inNav: true,
    requires: 'admin',
  },
  {
    path: '/permissions',
    titleKey: 'nav.permissions',
    icon: <SafetyCertificateOutlined />,
    Page: lazy(() =>
      import('../features/permissions/pages/PermissionListPage').then((m) => ({
        default: m.PermissionListPage,
      })),
    ),
    inNav: true,
    requires: 'admin',
  },
  {
    path: '/audit',
    titleKey: 'nav.audit',
    icon: <AuditOutlined />,
    Page: lazy(() =>
      import('../features/audit/pages/AuditLogPage').then((m) => ({ default: m.AuditLogPage })),
    ),
    inNav: true,
    requires: 'admin',
  },
  {
    path: '/cluster',
    titleKey: 'nav.cluster',
    icon: <ClusterOutlined />,
    Page: page(() => import('../features/cluster/pages/ClusterPage'), 'ClusterPage'),
    inNav: true,
    requires: 'admin',
  },
  {
    path: '/webhooks',
    titleKey: 'nav.webhooks',
    icon: <SendOutlined />,
    Page: page(() => import('../features/webhooks/pages/WebhookListPage'), 'WebhookListPage'),
    inNav: true,
    requires: 'admin',
  },
  {
    path: '/access-tokens',
    titleKey: 'nav.accessTokens',
    icon: <KeyOutlined />,
    Page: lazy(() =>
      import('../features/access-tokens/pages/AccessTokenListPage').then((m) => ({
        default: m.AccessTokenListPage,
      })),
    ),
    inNav: true,
  },
];

// The route of a location: an exact match first, else the route it lies under.
export function findRoute(pathname: string): AppRoute | undefined {
  return (
    APP_ROUTES.find((route) => matchPath({ path: route.path, end: true }, pathname)) ??
    APP_ROUTES.find((route) => matchPath({ path: route.path, end: false }, pathname))
  );
}

// The nav entries a user may follow (the route table is the only source).
export function navRoutes(can: (requirement: Requirement) => boolean): AppRoute[] {
  return APP_ROUTES.filter((route) => route.inNav && (!route.requires || can(route.requires)));
}

// Where a nav entry leads: namespace-scoped entries open in the current namespace.
export function navTarget(route: AppRoute, namespaceId: string): string {
  return route.path.replace(':namespaceId', encodeURIComponent(namespaceId));
}
