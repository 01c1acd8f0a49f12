import { act, fireEvent, render, screen } from '@testing-library/react';
import { App } from 'antd';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { NamespaceView } from '@switchboard/shared';
import type { TopicHandlers } from '../../../api/realtime-client';
import { SignedIn, testAdmin, testUser } from '../../../auth/auth-test-utils';
import { I18nProvider } from '../../../i18n/I18nProvider';
import { NamespaceListPage } from './NamespaceListPage';

// The page with its live hook, fed by a stand-in for the shared realtime client.
const live = vi.hoisted(() => ({
  handlers: undefined as TopicHandlers<'namespaces'> | undefined,
  unsubscribed: 0,
}));
vi.mock('../../../api/realtime-client', () => ({
  realtime: {
    subscribe: (_topic: unknown, handlers: TopicHandlers<'namespaces'>) => {
      live.handlers = handlers;
      return () => (live.unsubscribed += 1);
    },
  },
}));

const ns = (namespaceId: string, builtIn = false): NamespaceView => ({
  namespaceId,
  name: `${namespaceId} name`,
  description: '',
  configQuota: 200,
  configCount: 3,
  builtIn,
  reviewPolicy: { mode: 'off', minApprovals: 1 },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

function renderPage(user = testAdmin()) {
  return render(
    <I18nProvider language="en">
      <SignedIn user={user}>
        <App>
          <NamespaceListPage />
        </App>
      </SignedIn>
    </I18nProvider>,
  );
}

const rowOf = (id: string) => document.querySelector(`tr[data-row-key="${id}"]`);

beforeEach(() => {
  live.handlers = undefined;
  live.unsubscribed = 0;
});

describe('NamespaceListPage', () => {
  it('should show loading until the snapshot arrives and then the rows', () => {
    renderPage();
    expect(document.querySelector('.ant-spin-spinning')).not.toBeNull();
    act(() => live.handlers?.onSnapshot([ns('public', true), ns('dev')]));
    expect(rowOf('public')).not.toBeNull();
    expect(rowOf('dev')).not.toBeNull();
    expect(screen.getByText('2 namespaces')).toBeTruthy();
  });

  it('should offer delete for ordinary namespaces but not for the built-in one', () => {
    renderPage();
    act(() => live.handlers?.onSnapshot([ns('public', true), ns('dev')]));
    expect(screen.queryByRole('button', { name: 'Delete namespace public' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Delete namespace dev' })).toBeTruthy();
    expect(screen.getByText('Built-in')).toBeTruthy();
  });

  it('should offer no create, edit or delete to a user who may only read', () => {
    renderPage(
      testUser({ permissions: [{ role: 'readers', namespaceId: 'public', action: 'read' }] }),
    );
    act(() => live.handlers?.onSnapshot([ns('public', true)]));
    expect(rowOf('public')).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Create namespace' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit namespace public' })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
    expect(screen.getByText(/Only administrators can create/)).toBeTruthy();
  });

  it('should apply live changes without reloading', () => {
    renderPage();
    act(() => live.handlers?.onSnapshot([ns('public', true)]));
    act(() =>
      live.handlers?.onEvent({
        name: 'namespace.changed',
        payload: { change: 'created', namespace: ns('qa'), at: '2026-01-01T00:00:00.000Z' },
      }),
    );
    expect(rowOf('qa')).not.toBeNull();
    act(() =>
      live.handlers?.onEvent({
        name: 'namespace.changed',
        payload: { change: 'deleted', namespace: ns('qa'), at: '2026-01-01T00:00:00.000Z' },
      }),
    );
    expect(rowOf('qa')).toBeNull();
  });

  it('should show the empty state when the filter matches nothing', () => {
    renderPage();
    act(() => live.handlers?.onSnapshot([ns('public', true)]));
    fireEvent.change(screen.getByLabelText('Filter namespaces'), {
      target: { value: 'nothing-like-this' },
    });
    expect(screen.getByText('No namespace matches “nothing-like-this”.')).toBeTruthy();
  });

  it('should unsubscribe when the page unmounts', () => {
    const { unmount } = renderPage();
    unmount();
    expect(live.unsubscribed).toBe(1);
  });
});
