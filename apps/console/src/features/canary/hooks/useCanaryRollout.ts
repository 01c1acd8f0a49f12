import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CanaryRolloutView, ConfigKey } from '@switchboard/shared';
import { ApiError, isApiError } from '../../../api/api-error';
import { getCanaryRollout } from '../../../api/canary.api';
import { useLiveTopic } from '../../../api/useLiveTopic';

export const ROLLOUT_POLL_MS = 2_000;

export interface CanaryRollout {
  view: CanaryRolloutView | undefined;
  status: 'loading' | 'live' | 'polling' | 'error';
  error?: ApiError;
  refresh: () => void; // re-reads over HTTP (after an action, when not live)
}

const init = (snapshot: CanaryRolloutView) => snapshot;
const apply = (_state: CanaryRolloutView, event: { payload: { rollout: CanaryRolloutView } }) =>
  event.payload.rollout;

// The rollout of a config's canary, kept current by the `canary` topic (each event carries the
// whole view). When the socket cannot deliver, the view is read over HTTP every few seconds.
export function useCanaryRollout(key: ConfigKey): CanaryRollout {
  const { namespaceId, group, dataId } = key;
  const topic = useMemo(
    () => ({ kind: 'canary' as const, namespaceId, group, dataId }),
    [namespaceId, group, dataId],
  );
  const live = useLiveTopic(topic, init, apply);
  const [polled, setPolled] = useState<{ view?: CanaryRolloutView; error?: ApiError }>({});
  const [generation, setGeneration] = useState(0);
  const fallback = live.status === 'error';

  useEffect(() => {
    if (!fallback) return;
    const controller = new AbortController();
    const read = () =>
      getCanaryRollout({ namespaceId, group, dataId }, controller.signal).then(
        (view) => setPolled({ view }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setPolled((p) => ({
            ...p,
            error: isApiError(error) ? error : new ApiError('INTERNAL_ERROR', 0, String(error)),
          }));
        },
      );
    void read();
    const timer = setInterval(() => void read(), ROLLOUT_POLL_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [fallback, namespaceId, group, dataId, generation]);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);

  if (!fallback) return { view: live.state, status: live.status, refresh };
  const view = polled.view ?? live.state;
  if (view) return { view, status: 'polling', error: polled.error, refresh };
  return {
    view,
    status: polled.error ? 'error' : 'loading',
    error: polled.error ?? live.error,
    refresh,
  };
}
