import type { NamespaceChangedEvent, NamespaceView } from '@switchboard/shared';
import type { ApiError } from '../../../api/api-error';

export interface NamespaceListState {
  status: 'loading' | 'ready' | 'error';
  items: NamespaceView[]; // sorted: built-in first, then by id
  error?: ApiError;
}

export type NamespaceListAction =
  | { type: 'snapshot'; items: NamespaceView[] }
  | { type: 'changed'; event: NamespaceChangedEvent }
  | { type: 'upserted'; namespace: NamespaceView } // our own successful create/update
  | { type: 'removed'; namespaceId: string } // our own successful delete
  | { type: 'failed'; error: ApiError }
  | { type: 'retrying' };

export const initialNamespaceListState: NamespaceListState = { status: 'loading', items: [] };

// Every action is idempotent: our own writes are applied at once and again when their
// `namespace.changed` event arrives, and a delta may repeat what a snapshot already holds.
export function namespaceListReducer(
  state: NamespaceListState,
  action: NamespaceListAction,
): NamespaceListState {
  switch (action.type) {
    case 'snapshot':
      return { status: 'ready', items: sortNamespaces(action.items) };
    case 'changed':
      if (action.event.change === 'deleted')
        return remove(state, action.event.namespace.namespaceId);
      return upsert(state, action.event.namespace);
    case 'upserted':
      return upsert(state, action.namespace);
    case 'removed':
      return remove(state, action.namespaceId);
    case 'failed':
      // A failure after data arrived keeps the data (it is only possibly stale).
      return state.status === 'ready' ? state : { status: 'error', items: [], error: action.error };
    case 'retrying':
      return state.status === 'error' ? initialNamespaceListState : state;
  }
}

function upsert(state: NamespaceListState, incoming: NamespaceView): NamespaceListState {
  const current = state.items.find((n) => n.namespaceId === incoming.namespaceId);
  // Ignore a delta older than what we show (e.g. replayed after a newer snapshot).
  if (current && Date.parse(current.updatedAt) > Date.parse(incoming.updatedAt)) return state;
  if (current && sameNamespace(current, incoming)) return state; // the echo of our own write
  const others = state.items.filter((n) => n.namespaceId !== incoming.namespaceId);
  return { ...state, items: sortNamespaces([...others, incoming]) };
}

function remove(state: NamespaceListState, namespaceId: string): NamespaceListState {
  if (!state.items.some((n) => n.namespaceId === namespaceId)) return state;
  return { ...state, items: state.items.filter((n) => n.namespaceId !== namespaceId) };
}

function sameNamespace(a: NamespaceView, b: NamespaceView): boolean {
  const keys = Object.keys(a) as (keyof NamespaceView)[];
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

export function sortNamespaces(items: NamespaceView[]): NamespaceView[] {
  return [...items].sort((a, b) =>
    a.builtIn !== b.builtIn ? (a.builtIn ? -1 : 1) : a.namespaceId.localeCompare(b.namespaceId),
  );
}
