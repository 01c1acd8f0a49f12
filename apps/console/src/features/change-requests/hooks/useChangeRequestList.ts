import { useMemo } from 'react';
import type { ChangeRequestSummaryView } from '@switchboard/shared';
import type { ApiError } from '../../../api/api-error';
import { listChangeRequests } from '../../../api/change-requests.api';
import { useLiveTopic } from '../../../api/useLiveTopic';
import { useRemoteData } from '../../../api/useRemoteData';
import { liveFromSnapshot, liveWithEvent, mergeLive, type StateFilter } from '../change-request-list';

// Enough for a namespace's recent requests on one screen; older ones are found by state.
export const LIST_PAGE_SIZE = 200;

export interface ChangeRequestList {
  items: ChangeRequestSummaryView[] | undefined;
  status: 'loading' | 'ready' | 'error';
  error?: ApiError;
  reload: () => void;
}

// The requests of a namespace in one state (or all), loaded over HTTP and kept current by the
// namespace's `change-requests` topic: a new request or a transition shows without a reload.
export function useChangeRequestList(namespaceId: string, filter: StateFilter): ChangeRequestList {
  const page = useRemoteData(
    (signal) =>
      listChangeRequests(
        namespaceId,
        { pageSize: LIST_PAGE_SIZE, ...(filter === 'all' ? {} : { state: filter }) },
        signal,
      ),
    [namespaceId, filter],
  );
  const live = useLiveTopic(
    { kind: 'change-requests', namespaceId },
    liveFromSnapshot,
    (state, event) => liveWithEvent(state, event.payload.request),
  );
  // While another state loads, the rows of the previous one are not shown as if they matched.
  const loaded = page.status === 'ready' ? page.data : undefined;
  const items = useMemo(
    () => (loaded ? mergeLive(loaded.items, live.state, filter) : undefined),
    [loaded, live.state, filter],
  );
  return { items, status: page.status, error: page.error, reload: page.reload };
}
