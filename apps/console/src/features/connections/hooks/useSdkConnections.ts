import type { SdkConnectionsView } from '@switchboard/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isApiError } from '../../../api/api-error';
import { listSdkConnections } from '../../../api/connections.api';

// The server pushes nothing for this list: it is asked again this often while the page is visible.
export const REFRESH_EVERY_MS = 5_000;

export interface SdkConnections {
  view: SdkConnectionsView | undefined; // the last list received, kept while a refresh runs or fails
  receivedAtMs: number; // local time the last list arrived
  status: 'loading' | 'ready' | 'error'; // 'error': the last load failed
  error?: ApiError;
  refresh: () => void;
}

type State = Omit<SdkConnections, 'refresh'>;
const INITIAL: State = { view: undefined, receivedAtMs: 0, status: 'loading' };

// The SDK connections of a namespace: loaded on mounting, again every `everyMs` while the
// document is visible, at once when it becomes visible again, and on refresh(). A periodic load
// never overlaps one in flight; refresh() replaces it.
export function useSdkConnections(namespaceId: string, everyMs = REFRESH_EVERY_MS): SdkConnections {
  const [state, setState] = useState<State>(INITIAL);
  const inFlight = useRef<AbortController | undefined>(undefined);

  const load = useCallback(
    (replace: boolean) => {
      if (inFlight.current && !replace) return;
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      listSdkConnections(namespaceId, controller.signal).then(
        (view) => {
          if (controller.signal.aborted) return;
          inFlight.current = undefined;
          setState({ view, receivedAtMs: Date.now(), status: 'ready' });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          inFlight.current = undefined;
          setState((s) => ({
            ...s,
            status: 'error',
            error: isApiError(error) ? error : new ApiError('INTERNAL_ERROR', 0, String(error)),
          }));
        },
      );
    },
    [namespaceId],
  );

  useEffect(() => {
    setState(INITIAL);
    load(true);
    const visible = () => document.visibilityState === 'visible';
    const timer = window.setInterval(() => {
      if (visible()) load(false);
    }, everyMs);
    const onVisibility = () => {
      if (visible()) load(false);
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      inFlight.current?.abort();
      inFlight.current = undefined;
    };
  }, [load, everyMs]);

  const refresh = useCallback(() => load(true), [load]);
  return { ...state, refresh };
}
