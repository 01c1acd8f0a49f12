import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChangeRequestView } from '@switchboard/shared';
import { ApiError } from '../../../api/api-error';
import type { TopicHandlers } from '../../../api/realtime-client';
import { I18nProvider } from '../../../i18n/I18nProvider';
import { itemView, NOTHING_ALLOWED, requestView, summaryView } from '../test-fixtures';
import { ChangeRequestDetailPage } from './ChangeRequestDetailPage';

const api = vi.hoisted(() => ({
  getChangeRequest: vi.fn(),
  approveChangeRequest: vi.fn(),
  rejectChangeRequest: vi.fn(),
  applyChangeRequest: vi.fn(),
  withdrawChangeRequest: vi.fn(),
  rebaseChangeRequest: vi.fn(),
  commentChangeRequest: vi.fn(),
}));
vi.mock('../../../api/change-requests.api', () => api);

const live = vi.hoisted(() => ({ handlers: undefined as TopicHandlers<'change-requests'> | undefined }));
vi.mock('../../../api/realtime-client', () => ({
  realtime: {
    subscribe: (_topic: unknown, handlers: TopicHandlers<'change-requests'>) => {
      live.handlers = handlers;
      return () => undefined;
    },
  },
}));

// CodeMirror is not what is tested here: the two texts stand in for the merge view.
vi.mock('../../../ui/code-editor/LazyDiffViewer', () => ({
  LazyDiffViewer: (props: { original: string; modified: string; originalLabel: string; modifiedLabel: string }) => (
    <div data-testid="diff">
      <pre aria-label={props.originalLabel}>{props.original}</pre>
      <pre aria-label={props.modifiedLabel}>{props.modified}</pre>
    </div>
  ),
}));

function renderPage() {
  return render(
    <I18nProvider language="en">
      <App>
        <MemoryRouter initialEntries={['/ns/prod/change-requests/cr-1']}>
          <Routes>
            <Route path="/ns/:namespaceId/change-requests/:id" element={<ChangeRequestDetailPage />} />
          </Routes>
        </MemoryRouter>
      </App>
    </I18nProvider>,
  );
}

// Buttons are named by their icon and their text ("check Approve").
const button = (name: string) => screen.queryByRole('button', { name: new RegExp(`${name}$`) });
const allowed = (granted: Partial<ChangeRequestView['allowed']>) => ({ ...NOTHING_ALLOWED, ...granted });

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  live.handlers = undefined;
});

describe('ChangeRequestDetailPage', () => {
  it('should show the request, its diff, and only Withdraw to its author', async () => {
    api.getChangeRequest.mockResolvedValue(requestView({ allowed: allowed({ withdraw: true, edit: true }) }));
    renderPage();
    expect((await screen.findByTestId('change-request-title')).textContent).toBe('Update DEFAULT_GROUP/app.yaml');
    expect(screen.getByTestId('change-request-description').textContent).toBe('Raise the limit');
    expect(screen.getByLabelText('Base (version 1)').textContent).toBe('a: 1\n');
    expect(screen.getByLabelText('Proposed').textContent).toBe('a: 2\n');
    expect(button('Withdraw')).not.toBeNull();
    for (const name of ['Approve', 'Reject', 'Apply', 'Rebase']) expect(button(name)).toBeNull();
  });

  it('should offer Approve and Reject to a reviewer, then Apply once approved', async () => {
    api.getChangeRequest.mockResolvedValue(requestView({ allowed: allowed({ approve: true, reject: true }) }));
    api.approveChangeRequest.mockResolvedValue(
      requestView({
        state: 'approved',
        revision: 2,
        approvals: [{ user: 'bob', at: '2026-01-01T00:01:00.000Z' }],
        allowed: allowed({ reject: true, apply: true }),
      }),
    );
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: /Approve$/ }));
    await waitFor(() => expect(button('Apply')).not.toBeNull());
    expect(api.approveChangeRequest).toHaveBeenCalledWith({ namespaceId: 'prod', id: 'cr-1' }, { expectedRevision: 1 });
    expect(button('Approve')).toBeNull();
    expect(button('Withdraw')).toBeNull();
    expect(screen.getByTestId('change-request-detail-state').textContent).toBe('Approved');
    expect(screen.getByTestId('change-request-approver').textContent).toBe('bob');
  });

  it('should warn of a stale request and offer Rebase only when allowed', async () => {
    api.getChangeRequest.mockResolvedValue(
      requestView({ items: [itemView({ stale: true, headVersion: 2 })], allowed: allowed({ rebase: true, withdraw: true }) }),
    );
    renderPage();
    expect((await screen.findByTestId('change-request-stale')).textContent).toContain('The configuration changed since this request was made');
    expect(screen.getByTestId('change-item-stale').textContent).toBe(
      'Proposed against version 1, but the configuration is now at version 2.',
    );
    expect(screen.getAllByRole('button', { name: /Rebase/ })).toHaveLength(2);
  });

  it('should read the request again when the topic tells of a newer revision', async () => {
    api.getChangeRequest.mockResolvedValueOnce(requestView());
    renderPage();
    await screen.findByTestId('change-request-title');
    act(() => live.handlers?.onSnapshot([summaryView()]));
    api.getChangeRequest.mockResolvedValueOnce(
      requestView({ state: 'applied', revision: 3, appliedVersions: [{ group: 'DEFAULT_GROUP', dataId: 'app.yaml', version: 2 }] }),
    );
    act(() =>
      live.handlers?.onEvent({
        name: 'change-request.changed',
        payload: { transition: 'applied', request: summaryView({ state: 'applied', revision: 3 }), actor: 'bob', at: '' },
      }),
    );
    await waitFor(() => expect(screen.getByTestId('change-request-detail-state').textContent).toBe('Applied'));
    expect(screen.getByTestId('change-request-applied-version').textContent).toBe('DEFAULT_GROUP/app.yaml is now version 2.');
    expect(api.getChangeRequest).toHaveBeenCalledTimes(2);
  });

  it('should show a refused action with the error display and read the request again', async () => {
    api.getChangeRequest.mockResolvedValue(requestView({ allowed: allowed({ approve: true }) }));
    api.approveChangeRequest.mockRejectedValue(new ApiError('CHANGE_REQUEST_CONFLICT', 409, 'moved'));
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: /Approve$/ }));
    expect(await screen.findByText(/The change request changed meanwhile/)).toBeTruthy();
    await waitFor(() => expect(api.getChangeRequest).toHaveBeenCalledTimes(2));
  });

  it('should add a comment', async () => {
    api.getChangeRequest.mockResolvedValue(requestView());
    api.commentChangeRequest.mockResolvedValue(
      requestView({ revision: 2, comments: [{ id: 1, author: 'bob', body: 'Looks good', at: '2026-01-01T00:02:00.000Z' }] }),
    );
    renderPage();
    fireEvent.change(await screen.findByLabelText('Add a comment'), { target: { value: 'Looks good' } });
    fireEvent.click(screen.getByRole('button', { name: 'Comment' }));
    expect((await screen.findByTestId('change-request-comment')).textContent).toContain('Looks good');
    expect(api.commentChangeRequest).toHaveBeenCalledWith({ namespaceId: 'prod', id: 'cr-1' }, { body: 'Looks good' });
  });
});
