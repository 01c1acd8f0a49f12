import type { ServiceSummaryView } from '@switchboard/shared';
import { useMemo } from 'react';
import { useLiveTopic, type LiveTopic } from '../../../api/useLiveTopic';
import { applyServiceChanged, sortServices } from '../service-list';

// Every service summary of a namespace, kept current by `service.changed` events.
export function useServiceList(namespaceId: string): LiveTopic<ServiceSummaryView[]> {
  const topic = useMemo(() => ({ kind: 'services' as const, namespaceId }), [namespaceId]);
  return useLiveTopic(topic, sortServices, (items, event) =>
    applyServiceChanged(items, event.payload),
  );
}
