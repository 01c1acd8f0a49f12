import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isApiError } from './api-error';

export interface RemoteData<T> {
  data: T | undefined;
  status: 'loading' | 'ready' | 'error';
  error?: ApiError;
  reload: () => void;
}

// Loads once on mount (and again on reload or when `deps` change); a newer load wins.
export function useRemoteData<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[] = [],
): RemoteData<T> {
  const [state, setState] = useState<Omit<RemoteData<T>, 'reload'>>({
    data: undefined,
    status: 'loading',
  });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, status: 'loading', error: undefined }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, status: 'ready' });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({
          ...s,
          status: 'error',
          error: isApiError(error) ? error : new ApiError('INTERNAL_ERROR', 0, String(error)),
        }));
      },
    );
    return () => controller.abort();
    // `deps` are the caller's: the loader itself may change on every render.
  }, [generation, ...deps]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
