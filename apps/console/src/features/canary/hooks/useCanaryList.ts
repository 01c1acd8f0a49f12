import { useCallback, useEffect, useState } from 'react';
import type { CanaryView } from '@switchboard/shared';
import { ApiError, isApiError } from '../../../api/api-error';
import { listCanaries } from '../../../api/canary.api';

export const LIST_REFRESH_MS = 2_000;

export interface CanaryList {
  items: CanaryView[] | undefined;
  status: 'loading' | 'ready' | 'error';
  error?: ApiError;
  reload: () => void;
}

// The active canaries of a namespace, read again every couple of seconds (plans step and end
// on their own). Later reads replace the list quietly; a failed one keeps the last list.
export function useCanaryList(namespaceId: string): CanaryList {
  const [state, setState] = useState<Omit<CanaryList, 'reload'>>({
    items: undefined,
    status: 'loading',
  });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ items: undefined, status: 'loading' });
    const read = () =>
      listCanaries(namespaceId, controller.signal).then(
        (items) => setState({ items, status: 'ready' }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const failure = isApiError(error)
            ? error
            : new ApiError('INTERNAL_ERROR', 0, String(error));
          setState((s) => (s.items ? s : { items: undefined, status: 'error', error: failure }));
        },
      );
    void read();
    const timer = setInterval(() => void read(), LIST_REFRESH_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [namespaceId, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
