import { describe, expect, it } from 'vitest';
import type { NamespaceView } from '@switchboard/shared';
import { ApiError } from '../../../api/api-error';
import {
  initialNamespaceListState,
  namespaceListReducer,
  type NamespaceListState,
} from './namespace-list.reducer';

function ns(namespaceId: string, overrides: Partial<NamespaceView> = {}): NamespaceView {
  return {
    namespaceId,
    name: namespaceId,
    description: '',
    configQuota: 200,
    configCount: 0,
    builtIn: namespaceId === 'public',
    reviewPolicy: { mode: 'off', minApprovals: 1 },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const at = '2026-01-01T00:00:01.000Z';
const ids = (state: NamespaceListState) => state.items.map((n) => n.namespaceId);
const seeded = namespaceListReducer(initialNamespaceListState, {
  type: 'snapshot',
  items: [ns('zeta'), ns('public'), ns('alpha')],
});

describe('namespaceListReducer', () => {
  it('should be ready and sorted with built-in first when the snapshot arrives', () => {
    expect(seeded.status).toBe('ready');
    expect(ids(seeded)).toEqual(['public', 'alpha', 'zeta']);
  });

  it('should add a namespace when a created event arrives', () => {
    const next = namespaceListReducer(seeded, {
      type: 'changed',
      event: { change: 'created', namespace: ns('beta'), at },
    });
    expect(ids(next)).toEqual(['public', 'alpha', 'beta', 'zeta']);
  });

  it('should replace the namespace when an updated event arrives', () => {
    const updated = ns('alpha', { name: 'Alpha v2', updatedAt: at });
    const next = namespaceListReducer(seeded, {
      type: 'changed',
      event: { change: 'updated', namespace: updated, at },
    });
    expect(next.items.find((n) => n.namespaceId === 'alpha')?.name).toBe('Alpha v2');
    expect(next.items).toHaveLength(3);
  });

  it('should remove the namespace when a deleted event arrives', () => {
    const next = namespaceListReducer(seeded, {
      type: 'changed',
      event: { change: 'deleted', namespace: ns('zeta'), at },
    });
    expect(ids(next)).toEqual(['public', 'alpha']);
  });

  it('should not change anything when our own write is echoed by its event', () => {
    const created = ns('beta', { updatedAt: at });
    const once = namespaceListReducer(seeded, { type: 'upserted', namespace: created });
    const twice = namespaceListReducer(once, {
      type: 'changed',
      event: { change: 'created', namespace: created, at },
    });
    expect(twice).toBe(once);
    const removed = namespaceListReducer(twice, { type: 'removed', namespaceId: 'beta' });
    expect(
      namespaceListReducer(removed, {
        type: 'changed',
        event: { change: 'deleted', namespace: created, at },
      }),
    ).toBe(removed);
  });

  it('should ignore an update older than the one shown when events arrive out of order', () => {
    const newer = namespaceListReducer(seeded, {
      type: 'upserted',
      namespace: ns('alpha', { name: 'new', updatedAt: '2026-01-02T00:00:00.000Z' }),
    });
    const stale = namespaceListReducer(newer, {
      type: 'changed',
      event: { change: 'updated', namespace: ns('alpha', { name: 'old', updatedAt: at }), at },
    });
    expect(stale.items.find((n) => n.namespaceId === 'alpha')?.name).toBe('new');
  });

  it('should replace everything when a new snapshot arrives after a reconnect', () => {
    const next = namespaceListReducer(seeded, {
      type: 'snapshot',
      items: [ns('public'), ns('other')],
    });
    expect(ids(next)).toEqual(['public', 'other']);
  });

  it('should show the error when loading fails before any data and keep the data when it fails later', () => {
    const error = new ApiError('SERVICE_UNAVAILABLE', 0, 'down');
    expect(
      namespaceListReducer(initialNamespaceListState, { type: 'failed', error }),
    ).toMatchObject({ status: 'error', error });
    expect(namespaceListReducer(seeded, { type: 'failed', error })).toBe(seeded);
  });
});
