import type {
  InstanceKey,
  InstanceView,
  ServiceKey,
  UpdateInstanceRequest,
} from '@switchboard/shared';
import { useCallback, useMemo, useRef, useState } from 'react';
import * as api from '../../../api/services.api';
import { useLiveTopic, type LiveTopic } from '../../../api/useLiveTopic';
import {
  applyInstancesChanged,
  initInstanceList,
  pendingEdits,
  withLocalEdits,
  type InstanceListState,
  type LocalEdit,
} from '../instance-list';

export interface UseServiceInstancesResult extends LiveTopic<InstanceListState> {
  instances: InstanceView[]; // the live list with this console's confirmed edits on top
  update: (instance: InstanceView, patch: UpdateInstanceRequest) => Promise<InstanceView>;
  deregister: (instance: InstanceView) => Promise<void>;
}

const addressOf = (i: InstanceView): InstanceKey => ({
  clusterName: i.clusterName,
  ip: i.ip,
  port: i.port,
});

// The instances of one service, live over the `service` topic. Writes go over HTTP; what they
// changed shows at once, before (or without) the event that reports it.
export function useServiceInstances(service: ServiceKey): UseServiceInstancesResult {
  const { namespaceId, groupName, serviceName } = service;
  const key = useMemo(
    () => ({ namespaceId, groupName, serviceName }),
    [namespaceId, groupName, serviceName],
  );
  const topic = useMemo(() => ({ kind: 'service' as const, ...key }), [key]);
  const live = useLiveTopic(topic, initInstanceList, (state, event) =>
    applyInstancesChanged(state, event.payload),
  );
  const [edits, setEdits] = useState<LocalEdit[]>([]);
  const latest = useRef(live.state);
  latest.current = live.state;

  const record = useCallback((edit: Omit<LocalEdit, 'snapshot' | 'revision'>) => {
    const state = latest.current;
    if (!state) return;
    setEdits((current) => [
      ...pendingEdits(current, state),
      { ...edit, snapshot: state.snapshot, revision: state.revision },
    ]);
  }, []);

  const update = useCallback(
    async (instance: InstanceView, patch: UpdateInstanceRequest) => {
      const saved = await api.updateInstance(key, addressOf(instance), patch);
      const confirmed = Object.fromEntries(
        (Object.keys(patch) as (keyof UpdateInstanceRequest)[]).map((field) => [
          field,
          saved[field],
        ]),
      );
      record({ instanceId: instance.instanceId, patch: confirmed });
      return saved;
    },
    [key, record],
  );

  const deregister = useCallback(
    async (instance: InstanceView) => {
      await api.deregisterInstance(key, addressOf(instance));
      record({ instanceId: instance.instanceId, removed: true });
    },
    [key, record],
  );

  const instances = useMemo(
    () => (live.state ? withLocalEdits(live.state, edits) : []),
    [live.state, edits],
  );
  return { ...live, instances, update, deregister };
}
