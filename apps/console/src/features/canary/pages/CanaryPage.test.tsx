import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CanaryRolloutView, CanaryView, ConfigView } from '@switchboard/shared';
import type { TopicHandlers } from '../../../api/realtime-client';
import { SignedIn, testAdmin, testUser } from '../../../auth/auth-test-utils';
import { I18nProvider } from '../../../i18n/I18nProvider';
import { CanaryPage } from './CanaryPage';

// The page fed by a stand-in for the shared realtime client and the canary API.
const live = vi.hoisted(() => ({ handlers: undefined as TopicHandlers<'canary'> | undefined }));
vi.mock('../../../api/realtime-client', () => ({
  realtime: {
    subscribe: (_topic: unknown, handlers: TopicHandlers<'canary'>) => {
      live.handlers = handlers;
      return () => undefined;
    },
  },
}));
const api = vi.hoisted(() => ({
  getStableConfig: vi.fn(),
  listGuardServices: vi.fn(),
  listCanaryEvents: vi.fn(),
  startCanary: vi.fn(),
  updateCanary: vi.fn(),
  promoteCanary: vi.fn(),
  abortCanary: vi.fn(),
  getCanaryRollout: vi.fn(),
}));
vi.mock('../../../api/canary.api', () => api);
// CodeMirror needs a layout engine; a text area keeps the editor's contract in jsdom.
vi.mock('../../../ui/code-editor/LazyCodeEditor', () => ({
  LazyCodeEditor: (props: { value: string; onChange?: (v: string) => void; ariaLabel: string }) => (
    <textarea
      aria-label={props.ariaLabel}
      value={props.value}
      onChange={(e) => props.onChange?.(e.target.value)}
    />
  ),
}));

const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: 'app.properties' };

const canary: CanaryView = {
  ...key,
  id: 'c1',
  revision: 3,
  status: 'active',
  baseVersion: 4,
  candidate: { content: 'a=2\n', md5: 'md5-new', type: 'properties', sizeBytes: 4 },
  target: { ips: ['10.0.0.9'], tags: ['canary'], weight: 30 },
  plan: null,
  progress: null,
  startedAt: '2026-01-01T00:00:00.000Z',
  startedBy: 'admin',
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'admin',
  endedReason: null,
};

const client = (n: number, holds: 'stable' | 'candidate', expected: 'stable' | 'candidate') => ({
  clientId: `127.0.0.${n}`,
  clientIp: `127.0.0.${n}`,
  transport: 'long-poll' as const,
  md5: holds === 'stable' ? 'md5-old' : 'md5-new',
  holds,
  expected,
});

const rollout = (
  withCanary: CanaryView | null,
  clients = [client(2, 'stable', 'stable')],
): CanaryRolloutView => {
  const counts = { stable: 0, candidate: 0, other: 0, total: clients.length };
  for (const c of clients) counts[c.holds] += 1;
  return {
    ...key,
    canary: withCanary,
    stableMd5: 'md5-old',
    candidateMd5: withCanary ? 'md5-new' : '',
    clients,
    counts,
  };
};

function renderPage(user = testAdmin()) {
  return render(
    <I18nProvider language="en">
      <SignedIn user={user}>
        <App>
          <MemoryRouter initialEntries={['/ns/public/configs/DEFAULT_GROUP/app.properties/canary']}>
            <Routes>
              <Route
                path="/ns/:namespaceId/configs/:group/:dataId/canary"
                element={<CanaryPage />}
              />
            </Routes>
          </MemoryRouter>
        </App>
      </SignedIn>
    </I18nProvider>,
  );
}

beforeEach(() => {
  live.handlers = undefined;
  for (const fn of Object.values(api)) fn.mockReset();
  api.getStableConfig.mockResolvedValue({
    ...key,
    content: 'a=1\n',
    type: 'properties',
  } as ConfigView);
  api.listGuardServices.mockResolvedValue({ items: [], total: 0, pageNo: 1, pageSize: 500 });
  api.listCanaryEvents.mockResolvedValue({ items: [], total: 0, pageNo: 1, pageSize: 10 });
});

describe('CanaryPage', () => {
  it('should offer the start form prefilled with the stable content when no canary runs', async () => {
    renderPage();
    act(() => live.handlers?.onSnapshot(rollout(null)));
    expect(screen.getByText('No active canary')).toBeTruthy();
    const editor = (await screen.findByLabelText('Candidate content')) as HTMLTextAreaElement;
    expect(editor.value).toBe('a=1\n');
    fireEvent.change(editor, { target: { value: 'a=2\n' } });
    api.startCanary.mockResolvedValue(canary);
    fireEvent.click(screen.getByRole('button', { name: /Start canary release/ }));
    await waitFor(() => expect(api.startCanary).toHaveBeenCalled());
    expect(api.startCanary).toHaveBeenCalledWith(key, {
      content: 'a=2\n',
      type: 'properties',
      target: { ips: [], tags: [], weight: 10 },
    });
  });

  it('should show server field errors next to the start form', async () => {
    renderPage();
    act(() => live.handlers?.onSnapshot(rollout(null)));
    await screen.findByLabelText('Candidate content');
    const { ApiError } = await import('../../../api/api-error');
    api.startCanary.mockRejectedValue(
      new ApiError('VALIDATION_FAILED', 400, 'bad', [
        { field: 'target.weight', rule: 'range', message: 'must be a number from 0 to 100' },
      ]),
    );
    fireEvent.click(screen.getByRole('button', { name: /Start canary release/ }));
    expect(await screen.findByText('must be a number from 0 to 100')).toBeTruthy();
  });

  it('should show the live split and follow rollout events', () => {
    renderPage();
    act(() =>
      live.handlers?.onSnapshot(
        rollout(canary, [client(2, 'stable', 'stable'), client(3, 'stable', 'candidate')]),
      ),
    );
    expect(screen.getByTestId('rollout-count-candidate').textContent).toBe('0');
    expect(screen.getByTestId('rollout-converging').textContent).toContain(
      '1 of 2 clients up to date',
    );
    act(() =>
      live.handlers?.onEvent({
        name: 'canary.rollout',
        payload: {
          key,
          rollout: rollout(canary, [
            client(2, 'stable', 'stable'),
            client(3, 'candidate', 'candidate'),
          ]),
          at: '2026-01-01T00:00:01.000Z',
        },
      }),
    );
    expect(screen.getByTestId('rollout-count-candidate').textContent).toBe('1');
    expect(screen.getByTestId('rollout-converged')).toBeTruthy();
    expect(screen.getByTestId('canary-candidate-md5').textContent).toContain('md5-new');
  });

  it('should promote with the revision it showed, after confirmation', async () => {
    renderPage();
    act(() => live.handlers?.onSnapshot(rollout(canary)));
    api.promoteCanary.mockResolvedValue({ ...key, version: 5 } as ConfigView);
    fireEvent.click(screen.getByTestId('canary-promote'));
    expect(api.promoteCanary).not.toHaveBeenCalled();
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Promote to everyone' }));
    await waitFor(() =>
      expect(api.promoteCanary).toHaveBeenCalledWith(key, { expectedRevision: 3 }),
    );
    expect(await screen.findByText('Promoted: version 5 is now stable')).toBeTruthy();
  });

  it('should abort with the reason given in the confirmation', async () => {
    renderPage();
    act(() => live.handlers?.onSnapshot(rollout(canary)));
    api.abortCanary.mockResolvedValue(canary);
    fireEvent.click(screen.getByTestId('canary-abort'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Reason (optional)'), {
      target: { value: 'errors up' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Abort canary release' }));
    await waitFor(() =>
      expect(api.abortCanary).toHaveBeenCalledWith(key, {
        reason: 'errors up',
        expectedRevision: 3,
      }),
    );
  });

  it('should change the weight with the revision it was decided on', async () => {
    renderPage();
    act(() => live.handlers?.onSnapshot(rollout(canary)));
    api.updateCanary.mockResolvedValue({ ...canary, revision: 4 });
    fireEvent.change(screen.getByRole('spinbutton', { name: 'New weight' }), {
      target: { value: '60' },
    });
    fireEvent.click(screen.getByTestId('canary-weight-apply'));
    await waitFor(() =>
      expect(api.updateCanary).toHaveBeenCalledWith(key, {
        target: { weight: 60 },
        expectedRevision: 3,
      }),
    );
  });

  it('should show the rollout but no controls or start form to a user who may only read', async () => {
    renderPage(testUser({ permissions: [{ role: 'r', namespaceId: 'public', action: 'read' }] }));
    act(() => live.handlers?.onSnapshot(rollout(null)));
    expect(screen.queryByTestId('canary-start-card')).toBeNull();
    expect(screen.getByText(/starting one needs write permission/)).toBeTruthy();
    act(() => live.handlers?.onSnapshot(rollout(canary)));
    expect(screen.getByTestId('rollout-panel')).toBeTruthy();
    expect(screen.getByTestId('canary-details')).toBeTruthy();
    expect(screen.queryByTestId('canary-promote')).toBeNull();
    expect(screen.queryByTestId('canary-abort')).toBeNull();
    expect(screen.queryByTestId('canary-weight-apply')).toBeNull();
  });

  it('should tell how the canary ended once it is gone', async () => {
    renderPage();
    act(() => live.handlers?.onSnapshot(rollout(canary)));
    api.listCanaryEvents.mockResolvedValue({
      items: [
        {
          ...key,
          canaryId: 'c1',
          revision: 3,
          action: 'aborted',
          candidateMd5: 'md5-new',
          target: canary.target,
          step: null,
          reason: 'errors up',
          actor: 'admin',
          sourceIp: '127.0.0.1',
          at: '2026-01-01T00:02:00.000Z',
        },
      ],
      total: 1,
      pageNo: 1,
      pageSize: 10,
    });
    act(() =>
      live.handlers?.onEvent({
        name: 'canary.rollout',
        payload: { key, rollout: rollout(null), at: '2026-01-01T00:02:00.000Z' },
      }),
    );
    expect(await screen.findByTestId('canary-outcome')).toBeTruthy();
    expect(screen.getByText('Reason: errors up')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Start another canary release/ })).toBeTruthy();
  });

  it('should read the rollout over HTTP when the live channel fails', async () => {
    renderPage();
    const { ApiError } = await import('../../../api/api-error');
    api.getCanaryRollout.mockResolvedValue(rollout(canary));
    act(() => live.handlers?.onError?.(new ApiError('SERVICE_UNAVAILABLE', 0, 'down')));
    expect(await screen.findByTestId('canary-active')).toBeTruthy();
    expect(api.getCanaryRollout).toHaveBeenCalledWith(key, expect.anything());
    expect(screen.getByText('Refreshed every few seconds')).toBeTruthy();
  });
});
