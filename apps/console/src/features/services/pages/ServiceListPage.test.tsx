import { act, fireEvent, render, screen } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RealtimeTopic, ServiceSummaryView } from '@switchboard/shared';
import { ApiError } from '../../../api/api-error';
import type { TopicHandlers } from '../../../api/realtime-client';
import { SignedIn, testAdmin } from '../../../auth/auth-test-utils';
import { I18nProvider } from '../../../i18n/I18nProvider';
import { ServiceListPage } from './ServiceListPage';

// The page with its live hook, fed by a stand-in for the shared realtime client.
const live = vi.hoisted(() => ({
  topic: undefined as unknown,
  handlers: undefined as TopicHandlers<'services'> | undefined,
  subscriptions: 0,
}));
vi.mock('../../../api/realtime-client', () => ({
  realtime: {
    subscribe: (topic: RealtimeTopic, handlers: TopicHandlers<'services'>) => {
      live.topic = topic;
      live.handlers = handlers;
      live.subscriptions += 1;
      return () => undefined;
    },
  },
}));

const svc = (
  serviceName: string,
  overrides: Partial<ServiceSummaryView> = {},
): ServiceSummaryView => ({
  namespaceId: 'dev',
  groupName: 'DEFAULT_GROUP',
  serviceName,
  protectThreshold: 0,
  clusterCount: 1,
  instanceCount: 3,
  healthyInstanceCount: 3,
  ...overrides,
});

function renderPage(path = '/ns/dev/services') {
  return render(
    <I18nProvider language="en">
      <SignedIn user={testAdmin()}>
        <App>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route path="/ns/:namespaceId/services" element={<ServiceListPage />} />
            </Routes>
          </MemoryRouter>
        </App>
      </SignedIn>
    </I18nProvider>,
  );
}

const rowOf = (key: string) => document.querySelector(`tr[data-row-key="${key}"]`);
const snapshot = (items: ServiceSummaryView[]) => act(() => live.handlers?.onSnapshot(items));

beforeEach(() => {
  live.topic = undefined;
  live.handlers = undefined;
  live.subscriptions = 0;
});

describe('ServiceListPage', () => {
  it('should subscribe to the namespace, show loading, then rows linking to their detail page', () => {
    renderPage();
    expect(live.topic).toEqual({ kind: 'services', namespaceId: 'dev' });
    expect(document.querySelector('.ant-spin-spinning')).not.toBeNull();
    snapshot([svc('orders', { healthyInstanceCount: 2 }), svc('billing', { groupName: 'PAY' })]);
    const row = rowOf('DEFAULT_GROUP@@orders');
    expect(row?.querySelector('[data-testid="service-healthy"]')?.textContent).toBe('2');
    expect(row?.querySelector('[data-testid="service-total"]')?.textContent).toBe('3');
    expect(screen.getByRole('link', { name: 'orders' }).getAttribute('href')).toBe(
      '/ns/dev/services/DEFAULT_GROUP/orders',
    );
    expect(screen.getByText('2 services')).toBeTruthy();
  });

  it('should update counts live and remove deleted services', () => {
    renderPage();
    snapshot([svc('orders')]);
    act(() =>
      live.handlers?.onEvent({
        name: 'service.changed',
        payload: { change: 'updated', service: svc('orders', { healthyInstanceCount: 1 }), at: '' },
      }),
    );
    expect(
      rowOf('DEFAULT_GROUP@@orders')?.querySelector('[data-testid="service-healthy"]')?.textContent,
    ).toBe('1');
    act(() =>
      live.handlers?.onEvent({
        name: 'service.changed',
        payload: { change: 'deleted', service: svc('orders'), at: '' },
      }),
    );
    expect(rowOf('DEFAULT_GROUP@@orders')).toBeNull();
    expect(screen.getByText('No services in this namespace yet')).toBeTruthy();
  });

  it('should filter by name and by the group in the URL, with an empty state when nothing matches', () => {
    renderPage('/ns/dev/services?group=PAY');
    snapshot([
      svc('orders'),
      svc('billing', { groupName: 'PAY' }),
      svc('refunds', { groupName: 'PAY' }),
    ]);
    expect(rowOf('DEFAULT_GROUP@@orders')).toBeNull();
    expect(rowOf('PAY@@billing')).not.toBeNull();
    fireEvent.change(screen.getByLabelText('Filter services by name'), {
      target: { value: 'REF' },
    });
    expect(rowOf('PAY@@billing')).toBeNull();
    expect(rowOf('PAY@@refunds')).not.toBeNull();
    fireEvent.change(screen.getByLabelText('Filter services by name'), {
      target: { value: 'nothing' },
    });
    expect(screen.getByText('No service matches the filter.')).toBeTruthy();
  });

  it('should page in the browser', () => {
    renderPage();
    snapshot(Array.from({ length: 25 }, (_, i) => svc(`svc-${String(i).padStart(2, '0')}`)));
    expect(document.querySelectorAll('tbody tr.ant-table-row')).toHaveLength(20);
    fireEvent.click(screen.getByTitle('2'));
    expect(document.querySelectorAll('tbody tr.ant-table-row')).toHaveLength(5);
    expect(rowOf('DEFAULT_GROUP@@svc-24')).not.toBeNull();
  });

  it('should show a refused subscription with a retry that subscribes again', () => {
    renderPage();
    act(() => live.handlers?.onError?.(new ApiError('FORBIDDEN', 0, 'no')));
    expect(screen.getByText('You are not allowed to do this.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Retry/ }));
    expect(live.subscriptions).toBe(2);
  });
});
