import { useState } from 'react';
import type { ConfigKey } from '@switchboard/shared';
import { listCanaryEvents } from '../../../api/canary.api';
import { useRemoteData } from '../../../api/useRemoteData';

export const EVENTS_PAGE_SIZE = 10;

// The recorded history of a config's canaries, newest first. `version` names the state of the
// active canary (id and revision): when it changes, the history is read again.
export function useCanaryEvents(key: ConfigKey, version: string) {
  const [pageNo, setPageNo] = useState(1);
  const { namespaceId, group, dataId } = key;
  const remote = useRemoteData(
    (signal) =>
      listCanaryEvents(
        { namespaceId, group, dataId },
        { pageNo, pageSize: EVENTS_PAGE_SIZE },
        signal,
      ),
    [namespaceId, group, dataId, version, pageNo],
  );
  return { ...remote, pageNo, setPageNo };
}
