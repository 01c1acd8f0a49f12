import { useCallback, useEffect, useReducer } from 'react';
import type {
  CreateNamespaceRequest,
  NamespaceView,
  UpdateNamespaceRequest,
} from '@switchboard/shared';
import { isApiError, ApiError } from '../../../api/api-error';
import * as api from '../../../api/namespaces.api';
import { realtime } from '../../../api/realtime-client';
import {
  initialNamespaceListState,
  namespaceListReducer,
  type NamespaceListState,
} from './namespace-list.reducer';

export interface UseNamespacesResult extends NamespaceListState {
  create: (body: CreateNamespaceRequest) => Promise<NamespaceView>;
  update: (namespaceId: string, body: UpdateNamespaceRequest) => Promise<NamespaceView>;
  remove: (namespaceId: string) => Promise<void>;
  reload: () => void;
}

// The live namespace list: the subscription's snapshot seeds it and `namespace.changed`
// deltas keep it current. If the socket cannot deliver, the list is loaded over HTTP once.
export function useNamespaces(): UseNamespacesResult {
  const [state, dispatch] = useReducer(namespaceListReducer, initialNamespaceListState);

  const loadOverHttp = useCallback((signal?: AbortSignal) => {
    api.listNamespaces(signal).then(
      (items) => dispatch({ type: 'snapshot', items }),
      (error: unknown) => {
        if (signal?.aborted) return;
        dispatch({
          type: 'failed',
          error: isApiError(error) ? error : new ApiError('INTERNAL_ERROR', 0, String(error)),
        });
      },
    );
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    let fellBack = false;
    const unsubscribe = realtime.subscribe(
      { kind: 'namespaces' },
      {
        onSnapshot: (items) => dispatch({ type: 'snapshot', items }),
        onEvent: ({ payload }) => dispatch({ type: 'changed', event: payload }),
        onError: () => {
          if (fellBack) return;
          fellBack = true;
          loadOverHttp(controller.signal);
        },
      },
    );
    return () => {
      controller.abort();
      unsubscribe();
    };
  }, [loadOverHttp]);

  const create = useCallback(async (body: CreateNamespaceRequest) => {
    const namespace = await api.createNamespace(body);
    dispatch({ type: 'upserted', namespace });
    return namespace;
  }, []);

  const update = useCallback(async (namespaceId: string, body: UpdateNamespaceRequest) => {
    const namespace = await api.updateNamespace(namespaceId, body);
    dispatch({ type: 'upserted', namespace });
    return namespace;
  }, []);

  const remove = useCallback(async (namespaceId: string) => {
    await api.deleteNamespace(namespaceId);
    dispatch({ type: 'removed', namespaceId });
  }, []);

  const reload = useCallback(() => {
    dispatch({ type: 'retrying' });
    loadOverHttp();
  }, [loadOverHttp]);

  return { ...state, create, update, remove, reload };
}
