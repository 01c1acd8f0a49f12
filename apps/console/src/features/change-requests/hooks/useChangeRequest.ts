import { useCallback, useEffect, useState } from 'react';
import type { ChangeRequestView } from '@switchboard/shared';
import { ApiError, isApiError } from '../../../api/api-error';
import { getChangeRequest, type ChangeRequestKey } from '../../../api/change-requests.api';
import { useLiveTopic } from '../../../api/useLiveTopic';

export interface ChangeRequestDocument {
  request: ChangeRequestView | undefined;
  status: 'loading' | 'ready' | 'error';
  error?: ApiError;
  reload: () => void;
  replace: (request: ChangeRequestView) => void; // the answer of an action taken here
}

// The revision the topic last told of one request (0: nothing yet).
const toldRevision = (id: string) => ({
  init: (snapshot: { id: string; revision: number }[]) => snapshot.find((r) => r.id === id)?.revision ?? 0,
  apply: (revision: number, event: { payload: { request: { id: string; revision: number } } }) =>
    event.payload.request.id === id ? Math.max(revision, event.payload.request.revision) : revision,
});

// One change request, read again whenever the namespace's topic tells of a newer revision of it.
export function useChangeRequest({ namespaceId, id }: ChangeRequestKey): ChangeRequestDocument {
  const [doc, setDoc] = useState<Omit<ChangeRequestDocument, 'reload' | 'replace'>>({
    request: undefined,
    status: 'loading',
  });
  const [generation, setGeneration] = useState(0);
  const told = toldRevision(id);
  const live = useLiveTopic({ kind: 'change-requests', namespaceId }, told.init, told.apply);

  useEffect(() => {
    const controller = new AbortController();
    setDoc((d) => ({ ...d, status: d.request ? 'ready' : 'loading' }));
    getChangeRequest({ namespaceId, id }, controller.signal).then(
      (request) => {
        if (controller.signal.aborted) return;
        // An older answer than what is shown (a slow read racing an action) is dropped.
        setDoc((d) =>
          d.request && d.request.id === request.id && d.request.revision > request.revision
            ? d
            : { request, status: 'ready' },
        );
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = isApiError(error) ? error : new ApiError('INTERNAL_ERROR', 0, String(error));
        setDoc((d) => ({ ...d, status: 'error', error: failure }));
      },
    );
    return () => controller.abort();
  }, [namespaceId, id, generation]);

  const shown = doc.request?.revision;
  const newer = live.state ?? 0;
  useEffect(() => {
    if (shown !== undefined && newer > shown) setGeneration((g) => g + 1);
  }, [newer, shown]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const replace = useCallback(
    (request: ChangeRequestView) =>
      setDoc((d) =>
        d.request && d.request.revision > request.revision ? d : { request, status: 'ready' },
      ),
    [],
  );
  return { ...doc, reload, replace };
}
