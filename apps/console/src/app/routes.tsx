import { ApartmentOutlined } from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { MessageKey } from '../i18n/messages.en';

export interface AppRoute {
  path: string;
  titleKey: MessageKey; // page title and nav label
  icon: ReactNode;
  Page: LazyExoticComponent<ComponentType>;
  inNav: boolean; // only pages that work are listed
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
];

export const HOME_PATH = '/namespaces';

export function findRoute(pathname: string): AppRoute | undefined {
  return APP_ROUTES.find(
    (route) => pathname === route.path || pathname.startsWith(`${route.path}/`),
  );
}
