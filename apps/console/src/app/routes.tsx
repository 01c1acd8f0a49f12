import {
  ApartmentOutlined,
  AuditOutlined,
  KeyOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Requirement } from '../auth/permissions';
import type { MessageKey } from '../i18n/messages.en';

export { HOME_PATH } from './home-path';

export interface AppRoute {
  path: string;
  titleKey: MessageKey; // page title and nav label
  icon: ReactNode;
  Page: LazyExoticComponent<ComponentType>;
  inNav: boolean; // only pages that work are listed
  requires?: Requirement; // absent: every signed-in user; the nav hides what the user may not use
}

// The ONE route table: App builds the router from it and AppLayout derives the nav from it.
// Pages are lazy so each becomes its own chunk.
export const APP_ROUTES: readonly AppRoute[] = [
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

export function findRoute(pathname: string): AppRoute | undefined {
  return APP_ROUTES.find(
    (route) => pathname === route.path || pathname.startsWith(`${route.path}/`),
  );
}

// The nav entries a user may follow (the route table is the only source).
export function navRoutes(can: (requirement: Requirement) => boolean): AppRoute[] {
  return APP_ROUTES.filter((route) => route.inNav && (!route.requires || can(route.requires)));
}
