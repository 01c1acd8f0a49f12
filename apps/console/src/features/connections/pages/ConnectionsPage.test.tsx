import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SdkConnectionsView, SdkConnectionView } from '@switchboard/shared';
import { ApiError } from '../../../api/api-error';
import { I18nProvider } from '../../../i18n/I18nProvider';
import { connection } from '../test-fixtures';
import { ConnectionsPage } from './ConnectionsPage';

const api = vi.hoisted(() => ({ listSdkConnections: vi.fn() }));
vi.mock('../../../api/connections.api', () => api);

const AT = '2026-01-01T00:10:00.000Z';
const viewOf = (connections: SdkConnectionView[], at = AT): SdkConnectionsView => ({ namespaceId: 'dev', connections, at });

const provider = connection('10.0.0.1', {
  connectionId: 'c-provider',
  clientVersion: 'Nacos-Java-Client:v2.4.0',
  labels: { source: 'sdk', module: 'naming', app_team: 'orders' },
  connectedAt: '2026-01-01T00:07:00.000Z', // 3 min before the list
  lastActiveAt: '2026-01-01T00:09:55.000Z',
  subscriptions: [{ namespaceId: 'dev', groupName: 'DEFAULT_GROUP', serviceName: 'orders', clusters: 'DEFAULT' }],
});
const listener = connection('10.0.0.2', {
  connectionId: 'c-listener',
  clientVersion: 'Nacos-Java-Client:v3.0.1',
  labels: { source: 'sdk', module: 'config', AppName: 'billing' },
  namespaceId: 'prod',
  listenedConfigs: [{ namespaceId: 'dev', group: 'PAY', dataId: 'limits.yaml' }],
});

let visibility: DocumentVisibilityState = 'visible';
const setVisibility = (state: DocumentVisibilityState) => {
  visibility = state;
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
};

function renderPage() {
  return render(
    <I18nProvider language="en">
      <App>
        <MemoryRouter initialEntries={['/ns/dev/connections']}>
          <Routes>
            <Route path="/ns/:namespaceId/connections" element={<ConnectionsPage />} />
          </Routes>
        </MemoryRouter>
      </App>
    </I18nProvider>,
  );
}

const rowOf = (id: string) => document.querySelector<HTMLElement>(`tr[data-row-key="${id}"]`);

beforeEach(() => {
  api.listSdkConnections.mockReset();
  visibility = 'visible';
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  // Only the page's refresh interval is driven by hand; promises and timeouts run as usual.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});

afterEach(() => vi.useRealTimers());

describe('ConnectionsPage', () => {
  it('should list each connection with its address, SDK version, labels, ages and what it uses', async () => {
    api.listSdkConnections.mockResolvedValue(viewOf([listener, provider]));
    renderPage();
    await screen.findByText('2 connections');
    expect(api.listSdkConnections).toHaveBeenCalledWith('dev', expect.anything());
    const first = rowOf('c-provider');
    expect(first).not.toBeNull();
    const cells = within(first as HTMLElement);
    expect(cells.getByTestId('connection-client-ip').textContent).toBe('10.0.0.1');
    expect(cells.getByText('from 10.0.0.1:50000')).toBeTruthy();
    expect(cells.getByTestId('connection-version').textContent).toBe('Nacos-Java-Client:v2.4.0');
    expect(cells.getAllByTestId('connection-label').map((tag) => tag.textContent)).toEqual(['module=naming', 'app_team=orders']);
    expect(cells.getByTestId('connection-labels-more').textContent).toBe('+1'); // source=sdk, folded
    expect(cells.getByTestId('connection-usage').textContent).toBe('1 service0 configs');
    expect(cells.getByTestId('connection-connected').textContent).toMatch(/^3 min ago$/);
    expect(cells.getByTestId('connection-last-active').textContent).toMatch(/^\d s ago$/);
    expect(cells.getByTestId('connection-node').textContent).toBe('3f2a9c1e');
    // Sorted by address: the provider's row comes first.
    const keys = [...document.querySelectorAll('tbody tr[data-row-key]')].map((row) => row.getAttribute('data-row-key'));
    expect(keys).toEqual(['c-provider', 'c-listener']);
    // A client that declared another namespace and listens to a config of this one says so.
    expect(within(rowOf('c-listener') as HTMLElement).getByTestId('connection-other-namespace').textContent).toBe('declared prod');
  });

  it('should expand a row into its subscribed services and listened configs, linking to their pages', async () => {
    api.listSdkConnections.mockResolvedValue(viewOf([provider, listener]));
    renderPage();
    await screen.findByText('2 connections');
    const expanders = screen.getAllByRole('button', { name: /expand row/i });
    fireEvent.click(expanders[0]);
    fireEvent.click(expanders[1]);
    const details = await screen.findAllByTestId('connection-details');
    const byId = (id: string) => within(details.find((d) => d.dataset.connectionId === id) as HTMLElement);
    const service = byId('c-provider').getByTestId('connection-service-link');
    expect(service.textContent).toBe('orders');
    expect(service.getAttribute('href')).toBe('/ns/dev/services/DEFAULT_GROUP/orders');
    expect(byId('c-provider').getByText('clusters DEFAULT')).toBeTruthy();
    expect(byId('c-provider').getAllByTestId('connection-detail-label').map((tag) => tag.textContent)).toEqual(['module=naming', 'app_team=orders', 'source=sdk']);
    expect(byId('c-provider').getByText('No config of this namespace listened to.')).toBeTruthy();
    const config = byId('c-listener').getByTestId('connection-config-link');
    expect(config.textContent).toBe('limits.yaml');
    expect(config.getAttribute('href')).toBe('/ns/dev/configs/PAY/limits.yaml');
    expect(byId('c-listener').getByText('Subscribed services (0)')).toBeTruthy();
  });

  it('should explain how SDKs connect when none is connected', async () => {
    let answer!: (view: ReturnType<typeof viewOf>) => void;
    api.listSdkConnections.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    renderPage();
    // While the first answer is awaited, nothing is said to be empty.
    expect(screen.queryByText('No Nacos SDK is connected to this namespace')).toBeNull();
    answer(viewOf([]));
    expect(await screen.findByText('No Nacos SDK is connected to this namespace')).toBeTruthy();
    expect(screen.getByText(/connect over gRPC to the server’s HTTP port \+ 1000/)).toBeTruthy();
    expect(screen.getByText('0 connections')).toBeTruthy();
  });

  it('should filter the rows by what the user types', async () => {
    api.listSdkConnections.mockResolvedValue(viewOf([provider, listener]));
    renderPage();
    await screen.findByText('2 connections');
    fireEvent.change(screen.getByLabelText('Filter connections'), { target: { value: 'limits' } });
    expect(screen.getByText('1 connection')).toBeTruthy();
    expect(rowOf('c-provider')).toBeNull();
    expect(rowOf('c-listener')).not.toBeNull();
    fireEvent.change(screen.getByLabelText('Filter connections'), { target: { value: 'nope' } });
    expect(screen.getByText('No connection matches “nope”.')).toBeTruthy();
  });

  it('should ask again every 5 s while visible, at once when visible again, and on Refresh', async () => {
    api.listSdkConnections.mockResolvedValueOnce(viewOf([provider, listener])).mockResolvedValue(viewOf([provider]));
    renderPage();
    await screen.findByText('2 connections');
    expect(api.listSdkConnections).toHaveBeenCalledTimes(1);
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    await screen.findByText('1 connection');
    expect(api.listSdkConnections).toHaveBeenCalledTimes(2);

    setVisibility('hidden');
    act(() => {
      vi.advanceTimersByTime(15_000);
    });
    expect(api.listSdkConnections).toHaveBeenCalledTimes(2);
    setVisibility('visible');
    await waitFor(() => expect(api.listSdkConnections).toHaveBeenCalledTimes(3));

    fireEvent.click(screen.getByTestId('connections-refresh'));
    await waitFor(() => expect(api.listSdkConnections).toHaveBeenCalledTimes(4));
  });

  it('should keep the last list with a warning when a refresh fails', async () => {
    api.listSdkConnections.mockResolvedValueOnce(viewOf([provider])).mockRejectedValueOnce(new ApiError('SERVICE_UNAVAILABLE', 503, 'down'));
    renderPage();
    await screen.findByText('1 connection');
    fireEvent.click(screen.getByTestId('connections-refresh'));
    await screen.findByTestId('connections-stale');
    expect(rowOf('c-provider')).not.toBeNull();
  });

  it('should offer a retry when the first load fails', async () => {
    api.listSdkConnections.mockRejectedValueOnce(new ApiError('SERVICE_UNAVAILABLE', 503, 'down')).mockResolvedValue(viewOf([]));
    renderPage();
    await screen.findByTestId('connections-error');
    fireEvent.click(within(screen.getByTestId('connections-error')).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('No Nacos SDK is connected to this namespace')).toBeTruthy();
  });
});
