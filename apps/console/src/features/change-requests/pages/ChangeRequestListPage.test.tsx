import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChangeRequestSummaryView } from '@switchboard/shared';
import type { TopicHandlers } from '../../../api/realtime-client';
import { I18nProvider } from '../../../i18n/I18nProvider';
import { summaryView } from '../test-fixtures';
import { ChangeRequestListPage } from './ChangeRequestListPage';

const api = vi.hoisted(() => ({ listChangeRequests: vi.fn() }));
vi.mock('../../../api/change-requests.api', () => api);

// The namespace's topic, fed by a stand-in for the shared realtime client.
const live = vi.hoisted(() => ({
  handlers: undefined as TopicHandlers<'change-requests'> | undefined,
  topic: undefined as unknown,
}));
vi.mock('../../../api/realtime-client', () => ({
  realtime: {
    subscribe: (topic: unknown, handlers: TopicHandlers<'change-requests'>) => {
      live.topic = topic;
      live.handlers = handlers;
      return () => undefined;
    },
  },
}));

const page = (items: ChangeRequestSummaryView[]) => ({ items, total: items.length, pageNo: 1, pageSize: 200 });

function renderPage(path = '/ns/prod/change-requests') {
  return render(
    <I18nProvider language="en">
      <App>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/ns/:namespaceId/change-requests" element={<ChangeRequestListPage />} />
          </Routes>
        </MemoryRouter>
      </App>
    </I18nProvider>,
  );
}

const rowOf = (id: string) => document.querySelector(`tr[data-row-key="${id}"]`) as HTMLElement | null;

beforeEach(() => {
  api.listChangeRequests.mockReset();
  live.handlers = undefined;
});

describe('ChangeRequestListPage', () => {
  it('should list the open requests with author, state, approvals and configs, linked to their page', async () => {
    api.listChangeRequests.mockResolvedValue(
      page([summaryView({ approvals: [{ user: 'bob', at: '2026-01-01T00:00:00.000Z' }], requiredApprovals: 2 })]),
    );
    renderPage();
    const link = await screen.findByRole('link', { name: 'Update DEFAULT_GROUP/app.yaml' });
    expect(link.getAttribute('href')).toBe('/ns/prod/change-requests/cr-1');
    const row = within(rowOf('cr-1') as HTMLElement);
    expect(row.getByText('alice')).toBeTruthy();
    expect(row.getByText('Open')).toBeTruthy();
    expect(row.getByText('1 / 2')).toBeTruthy();
    expect(row.getByText('DEFAULT_GROUP/app.yaml')).toBeTruthy();
    expect(api.listChangeRequests).toHaveBeenCalledWith('prod', { pageSize: 200, state: 'open' }, expect.anything());
    expect(live.topic).toEqual({ kind: 'change-requests', namespaceId: 'prod' });
  });

  it('should load the chosen state, and every state for All', async () => {
    api.listChangeRequests.mockResolvedValue(page([]));
    renderPage();
    expect(await screen.findByText('No change request is Open')).toBeTruthy();
    api.listChangeRequests.mockResolvedValue(page([summaryView({ id: 'cr-9', state: 'applied', title: 'Done' })]));
    fireEvent.click(screen.getByText('Applied'));
    expect(await screen.findByRole('link', { name: 'Done' })).toBeTruthy();
    expect(api.listChangeRequests).toHaveBeenLastCalledWith('prod', { pageSize: 200, state: 'applied' }, expect.anything());
    fireEvent.click(screen.getByText('All'));
    await waitFor(() =>
      expect(api.listChangeRequests).toHaveBeenLastCalledWith('prod', { pageSize: 200 }, expect.anything()),
    );
  });

  it('should show a new request and a transition live, without a reload', async () => {
    api.listChangeRequests.mockResolvedValue(page([summaryView()]));
    renderPage();
    await screen.findByRole('link', { name: 'Update DEFAULT_GROUP/app.yaml' });
    act(() => live.handlers?.onSnapshot([summaryView()]));
    const changed = (request: ChangeRequestSummaryView) =>
      act(() =>
        live.handlers?.onEvent({
          name: 'change-request.changed',
          payload: { transition: 'opened', request, actor: 'carol', at: request.updatedAt },
        }),
      );
    changed(summaryView({ id: 'cr-2', title: 'Second', author: 'carol', updatedAt: '2026-01-02T00:00:00.000Z' }));
    expect(screen.getByRole('link', { name: 'Second' })).toBeTruthy();
    changed(summaryView({ state: 'applied', revision: 4, updatedAt: '2026-01-03T00:00:00.000Z' }));
    expect(rowOf('cr-1')).toBeNull();
    expect(rowOf('cr-2')).not.toBeNull();
    expect(api.listChangeRequests).toHaveBeenCalledTimes(1);
  });
});
