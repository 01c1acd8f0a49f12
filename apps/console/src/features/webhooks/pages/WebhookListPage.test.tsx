import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebhookDeliveryView, WebhookView } from '@switchboard/shared';
import { I18nProvider } from '../../../i18n/I18nProvider';
import { DELIVERY_LOG_REFRESH_MS } from '../components/DeliveryLogDrawer';
import { WebhookListPage } from './WebhookListPage';

const api = vi.hoisted(() => ({
  listWebhooks: vi.fn(),
  createWebhook: vi.fn(),
  updateWebhook: vi.fn(),
  deleteWebhook: vi.fn(),
  listWebhookDeliveries: vi.fn(),
  testWebhook: vi.fn(),
}));
vi.mock('../webhooks.api', () => api);
vi.mock('../../../api/namespaces.api', () => ({ listNamespaces: vi.fn().mockResolvedValue([]) }));

const AT = '2026-01-01T00:00:00.000Z';
const delivery = (overrides: Partial<WebhookDeliveryView> = {}): WebhookDeliveryView => ({
  id: 'd-1',
  webhookId: 'h-1',
  eventId: 'e-1',
  eventType: 'config.published',
  status: 'succeeded',
  attempts: 1,
  responseStatus: 200,
  latencyMs: 12,
  error: null,
  createdAt: AT,
  lastAttemptAt: AT,
  nextAttemptAt: null,
  ...overrides,
});
const hook = (id: string, overrides: Partial<WebhookView> = {}): WebhookView => ({
  id,
  name: `hook ${id}`,
  url: `https://hooks.example.com/${id}`,
  events: ['config.published'],
  namespaceId: null,
  enabled: true,
  secretHint: 'abcd',
  createdAt: AT,
  updatedAt: AT,
  createdBy: 'admin',
  lastDelivery: null,
  ...overrides,
});

function renderPage() {
  return render(
    <I18nProvider language="en">
      <App>
        <WebhookListPage />
      </App>
    </I18nProvider>,
  );
}

const rowOf = (id: string) => document.querySelector<HTMLElement>(`tr[data-row-key="${id}"]`)!;

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
});
afterEach(() => vi.useRealTimers());

describe('WebhookListPage', () => {
  it('should list each hook with its URL, scope, enabled state and last delivery', async () => {
    api.listWebhooks.mockResolvedValue([
      hook('h-1', { lastDelivery: delivery({ status: 'failed' }) }),
      hook('h-2', { namespaceId: 'dev', enabled: false, events: ['config.published', 'canary.started'] }),
    ]);
    renderPage();
    await waitFor(() => expect(rowOf('h-1')).not.toBeNull());
    const first = within(rowOf('h-1'));
    expect(first.getByTestId('webhook-url').textContent).toBe('https://hooks.example.com/h-1');
    expect(first.getByText('All namespaces')).toBeTruthy();
    expect(first.getByTestId('delivery-status').textContent).toBe('failed');
    const second = within(rowOf('h-2'));
    expect(second.getByText('dev')).toBeTruthy();
    expect(second.getByTestId('webhook-events').textContent).toBe('2 events');
    expect(second.getByRole('switch', { name: 'Webhook hook h-2 enabled' }).getAttribute('aria-checked')).toBe('false');
    expect(second.getByText('never')).toBeTruthy();
  });

  it('should refuse an ftp URL in the form, and show the secret once after creating', async () => {
    api.listWebhooks.mockResolvedValue([]);
    api.createWebhook.mockResolvedValue({ ...hook('h-9', { name: 'ci' }), secret: 'the-only-time-shown-secret' });
    renderPage();
    fireEvent.click(await screen.findByTestId('webhook-create'));
    fireEvent.change(await screen.findByTestId('webhook-form-name'), { target: { value: 'ci' } });
    fireEvent.change(screen.getByTestId('webhook-form-url'), { target: { value: 'ftp://files.example.com/in' } });
    fireEvent.click(screen.getByTestId('webhook-form-submit'));
    expect(await screen.findByText('Enter an http:// or https:// URL without a user name or password.')).toBeTruthy();
    expect(api.createWebhook).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId('webhook-form-url'), { target: { value: 'https://ci.example.com/hook' } });
    fireEvent.click(screen.getByTestId('webhook-form-submit'));
    expect((await screen.findByTestId('webhook-secret-value')).textContent).toBe('the-only-time-shown-secret');
    expect(api.createWebhook).toHaveBeenCalledWith({ name: 'ci', url: 'https://ci.example.com/hook', events: ['config.published'], namespaceId: null, enabled: true });
  });

  it('should send a test event and show the delivery log, refreshed while open', async () => {
    api.listWebhooks.mockResolvedValue([hook('h-1')]);
    api.testWebhook.mockResolvedValue(delivery({ id: 'd-test', eventType: 'webhook.test' }));
    api.listWebhookDeliveries.mockResolvedValue({ items: [delivery({ status: 'retrying', attempts: 2, responseStatus: 500, latencyMs: 31, error: 'status 500' })], total: 1, pageNo: 1, pageSize: 50 });
    renderPage();
    await waitFor(() => expect(rowOf('h-1')).not.toBeNull());
    fireEvent.click(within(rowOf('h-1')).getByTestId('webhook-test'));
    await waitFor(() => expect(api.testWebhook).toHaveBeenCalledWith('h-1'));
    expect(await screen.findByText('Test event delivered to hook h-1 (200).')).toBeTruthy();

    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    fireEvent.click(screen.getByRole('button', { name: 'Deliveries of webhook hook h-1' }));
    const table = await screen.findByTestId('delivery-table');
    await waitFor(() => expect(within(table).getByText('status 500')).toBeTruthy());
    expect(within(table).getByTestId('delivery-status').textContent).toBe('retrying');
    expect(within(table).getByText('31 ms')).toBeTruthy();
    expect(within(table).getByText('500')).toBeTruthy();
    const calls = api.listWebhookDeliveries.mock.calls.length;
    act(() => {
      vi.advanceTimersByTime(DELIVERY_LOG_REFRESH_MS);
    });
    await waitFor(() => expect(api.listWebhookDeliveries.mock.calls.length).toBe(calls + 1));
    expect(api.listWebhookDeliveries).toHaveBeenLastCalledWith('h-1', { pageSize: 50 }, expect.anything());
  });
});
