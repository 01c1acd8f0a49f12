import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InstancesChangedEvent, InstanceView, ServiceView } from '@switchboard/shared';
import type { TopicHandlers } from '../../../api/realtime-client';
import { SignedIn, testAdmin, testUser } from '../../../auth/auth-test-utils';
import { I18nProvider } from '../../../i18n/I18nProvider';
import { ServiceDetailPage } from './ServiceDetailPage';

const live = vi.hoisted(() => ({
  topic: undefined as unknown,
  handlers: undefined as TopicHandlers<'service'> | undefined,
}));
vi.mock('../../../api/realtime-client', () => ({
  realtime: {
    subscribe: (topic: unknown, handlers: TopicHandlers<'service'>) => {
      live.topic = topic;
      live.handlers = handlers;
      return () => undefined;
    },
  },
}));
const api = vi.hoisted(() => ({
  getService: vi.fn(),
  updateInstance: vi.fn(),
  deregisterInstance: vi.fn(),
}));
vi.mock('../../../api/services.api', () => api);

const key = { namespaceId: 'dev', groupName: 'DEFAULT_GROUP', serviceName: 'orders' };
const inst = (ip: string, overrides: Partial<InstanceView> = {}): InstanceView => ({
  instanceId: `${ip}#8080#DEFAULT#DEFAULT_GROUP@@orders`,
  ip,
  port: 8080,
  clusterName: 'DEFAULT',
  weight: 1,
  healthy: true,
  enabled: true,
  ephemeral: true,
  metadata: { zone: 'a' },
  tags: [],
  lastHeartbeatAt: '2026-01-01T00:00:00.000Z',
  registeredAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});
const service = (protectThreshold = 0): ServiceView => ({
  ...key,
  protectThreshold,
  clusterCount: 1,
  instanceCount: 2,
  healthyInstanceCount: 2,
  metadata: { owner: 'team-a' },
  clusters: [{ name: 'DEFAULT', healthCheck: { type: 'TCP' }, metadata: {} }],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

function renderPage(user = testAdmin()) {
  return render(
    <I18nProvider language="en">
      <SignedIn user={user}>
        <App>
          <MemoryRouter initialEntries={['/ns/dev/services/DEFAULT_GROUP/orders']}>
            <Routes>
              <Route
                path="/ns/:namespaceId/services/:groupName/:serviceName"
                element={<ServiceDetailPage />}
              />
            </Routes>
          </MemoryRouter>
        </App>
      </SignedIn>
    </I18nProvider>,
  );
}

let revision = 10;
const snapshot = (instances: InstanceView[]) =>
  act(() =>
    live.handlers?.onSnapshot({
      service: key,
      instances,
      reachProtectionThreshold: false,
      revision,
    }),
  );
const emit = (change: InstancesChangedEvent['change'], instance: InstanceView) =>
  act(() =>
    live.handlers?.onEvent({
      name: 'service.instancesChanged',
      payload: {
        service: key,
        change,
        instance,
        revision: ++revision,
        at: '2026-01-01T00:00:01.000Z',
      },
    }),
  );
const rowOf = (ip: string) =>
  document.querySelector(
    `tr[data-row-key="${ip}#8080#DEFAULT#DEFAULT_GROUP@@orders"]`,
  ) as HTMLElement;

beforeEach(() => {
  revision = 10;
  live.handlers = undefined;
  api.getService.mockReset().mockResolvedValue(service());
  api.updateInstance.mockReset();
  api.deregisterInstance.mockReset().mockResolvedValue(undefined);
});

describe('ServiceDetailPage', () => {
  it('should show the service and its instances, with health changes and removals live', async () => {
    renderPage();
    expect(live.topic).toEqual({ kind: 'service', ...key });
    snapshot([inst('10.0.0.1'), inst('10.0.0.2')]);
    await screen.findByText('owner=team-a');
    expect(screen.getByTestId('service-instance-counts').textContent).toBe('2 / 2');
    emit('healthChanged', inst('10.0.0.2', { healthy: false }));
    expect(
      rowOf('10.0.0.2')
        .querySelector('[data-testid="instance-health"]')
        ?.getAttribute('data-healthy'),
    ).toBe('false');
    expect(screen.getByTestId('service-instance-counts').textContent).toBe('1 / 2');
    emit('expired', inst('10.0.0.2', { healthy: false }));
    expect(rowOf('10.0.0.2')).toBeNull();
    expect(screen.getByText('1 instances')).toBeTruthy();
  });

  it('should warn when the healthy share falls to the protect threshold', async () => {
    api.getService.mockResolvedValue(service(0.5));
    renderPage();
    snapshot([inst('10.0.0.1'), inst('10.0.0.2')]);
    await screen.findByText('owner=team-a');
    expect(screen.queryByTestId('service-protection-alert')).toBeNull();
    emit('healthChanged', inst('10.0.0.2', { healthy: false }));
    expect(screen.getByTestId('service-protection-alert').textContent).toContain(
      '1 of 2 enabled instances are healthy',
    );
    expect(screen.getByTestId('service-protection').getAttribute('data-reached')).toBe('true');
  });

  it('should save the weight on Enter and show it before the event arrives', async () => {
    api.updateInstance.mockImplementation(async (_s, _i, body) => inst('10.0.0.1', body));
    renderPage();
    snapshot([inst('10.0.0.1')]);
    const weight = screen.getByLabelText('Weight of 10.0.0.1:8080');
    fireEvent.focus(weight);
    fireEvent.change(weight, { target: { value: '5' } });
    fireEvent.keyDown(weight, { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.blur(weight);
    await waitFor(() => expect(api.updateInstance).toHaveBeenCalledTimes(1));
    expect(api.updateInstance).toHaveBeenCalledWith(
      key,
      { clusterName: 'DEFAULT', ip: '10.0.0.1', port: 8080 },
      { weight: 5 },
    );
    await waitFor(() => expect((weight as HTMLInputElement).value).toBe('5'));
  });

  it('should tag and untag canary with one click', async () => {
    api.updateInstance.mockImplementation(async (_s, _i, body) => inst('10.0.0.1', body));
    renderPage();
    snapshot([inst('10.0.0.1', { tags: ['zone-a'] })]);
    fireEvent.click(screen.getByRole('button', { name: 'Tag 10.0.0.1:8080 as canary' }));
    await waitFor(() =>
      expect(api.updateInstance).toHaveBeenCalledWith(key, expect.anything(), {
        tags: ['zone-a', 'canary'],
      }),
    );
    await screen.findByRole('button', { name: 'Remove tag canary from 10.0.0.1:8080' });
    expect(
      [...rowOf('10.0.0.1').querySelectorAll('[data-testid="instance-tag"]')].map(
        (e) => e.textContent,
      ),
    ).toEqual(['zone-a', 'canary']);
  });

  it('should disable an instance with its switch and show an error when the server refuses', async () => {
    api.updateInstance.mockRejectedValue(Object.assign(new Error('no'), {}));
    renderPage();
    snapshot([inst('10.0.0.1')]);
    fireEvent.click(screen.getByRole('switch', { name: 'Enabled: 10.0.0.1:8080' }));
    await waitFor(() =>
      expect(api.updateInstance).toHaveBeenCalledWith(key, expect.anything(), { enabled: false }),
    );
    await screen.findByText('Something went wrong.');
    expect(
      screen.getByRole('switch', { name: 'Enabled: 10.0.0.1:8080' }).getAttribute('aria-checked'),
    ).toBe('true');
  });

  it('should edit metadata in a dialog and send the whole map', async () => {
    api.updateInstance.mockImplementation(async (_s, _i, body) => inst('10.0.0.1', body));
    renderPage();
    snapshot([inst('10.0.0.1')]);
    fireEvent.click(screen.getByRole('button', { name: 'Edit metadata of 10.0.0.1:8080' }));
    const value = await screen.findByLabelText('Value of entry 1');
    fireEvent.change(value, { target: { value: 'b' } });
    fireEvent.click(screen.getByRole('button', { name: /Add entry/ }));
    fireEvent.change(await screen.findByLabelText('Key of entry 2'), { target: { value: 'rack' } });
    fireEvent.change(screen.getByLabelText('Value of entry 2'), { target: { value: 'r1' } });
    fireEvent.click(screen.getByTestId('instance-metadata-submit'));
    await waitFor(() =>
      expect(api.updateInstance).toHaveBeenCalledWith(key, expect.anything(), {
        metadata: { zone: 'b', rack: 'r1' },
      }),
    );
    await screen.findByText('Instance 10.0.0.1:8080 saved');
  });

  it('should deregister only after confirmation', async () => {
    renderPage();
    snapshot([inst('10.0.0.1')]);
    fireEvent.click(screen.getByRole('button', { name: 'Deregister 10.0.0.1:8080' }));
    expect(api.deregisterInstance).not.toHaveBeenCalled();
    fireEvent.click(await screen.findByRole('button', { name: 'Deregister' }));
    await waitFor(() => expect(api.deregisterInstance).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(rowOf('10.0.0.1')).toBeNull());
  });

  it('should offer no edit controls to a user who may only read the namespace', async () => {
    renderPage(
      testUser({ permissions: [{ role: 'readers', namespaceId: 'dev', action: 'read' }] }),
    );
    snapshot([inst('10.0.0.1', { tags: ['canary'] })]);
    await screen.findByText('owner=team-a');
    expect(screen.queryByLabelText('Weight of 10.0.0.1:8080')).toBeNull();
    expect(screen.queryByRole('switch')).toBeNull();
    expect(screen.queryByRole('button', { name: /canary/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Edit/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Deregister/ })).toBeNull();
    expect(rowOf('10.0.0.1').querySelector('[data-testid="instance-weight"]')?.textContent).toBe(
      '1',
    );
    expect(rowOf('10.0.0.1').textContent).toContain('canary');
  });
});
