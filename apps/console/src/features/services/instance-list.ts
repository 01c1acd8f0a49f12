import type { InstanceListView, InstancesChangedEvent, InstanceView } from '@switchboard/shared';

// The instances of one service as the `service` topic delivers them: a snapshot, then one
// event per change, each carrying the service's instance revision after it.

export interface InstanceListState {
  instances: InstanceView[]; // sorted by cluster, then address
  revision: number;
  reachProtectionThreshold: boolean; // as of the snapshot
  snapshot: number; // tells snapshots apart: a new one (after a reconnect) starts afresh
}

// What this console changed itself and the server confirmed, shown at once even when the
// change's own event is late (or the socket is down). It holds until the list moves past the
// revision it was made at: the next event or snapshot carries the server's truth.
export interface LocalEdit {
  instanceId: string;
  snapshot: number;
  revision: number;
  patch?: Partial<Pick<InstanceView, 'weight' | 'enabled' | 'metadata' | 'tags'>>;
  removed?: boolean;
}

export interface Protection {
  reached: boolean;
  healthy: number;
  total: number; // enabled instances: disabled ones never take part in discovery
}

export function sortInstances(items: readonly InstanceView[]): InstanceView[] {
  return [...items].sort(
    (a, b) =>
      a.clusterName.localeCompare(b.clusterName) || compareIp(a.ip, b.ip) || a.port - b.port,
  );
}

// Numeric order for IPv4 (10.0.0.9 before 10.0.0.10); anything else by text.
function compareIp(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  if (pa.length === 4 && pb.length === 4 && [...pa, ...pb].every(Number.isInteger)) {
    for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
    return 0;
  }
  return a.localeCompare(b);
}

let snapshots = 0;

export function initInstanceList(snapshot: InstanceListView): InstanceListState {
  snapshots += 1;
  return {
    snapshot: snapshots,
    instances: sortInstances(snapshot.instances),
    revision: snapshot.revision,
    reachProtectionThreshold: snapshot.reachProtectionThreshold,
  };
}

export function applyInstancesChanged(
  state: InstanceListState,
  event: InstancesChangedEvent,
): InstanceListState {
  // Already part of the snapshot (an event that raced the subscription).
  if (event.revision <= state.revision) return state;
  const others = state.instances.filter((i) => i.instanceId !== event.instance.instanceId);
  const removed = event.change === 'deregistered' || event.change === 'expired';
  return {
    ...state,
    revision: event.revision,
    instances: removed ? others : sortInstances([...others, event.instance]),
  };
}

// Edits still ahead of the list; older ones are dropped.
export function pendingEdits(edits: readonly LocalEdit[], state: InstanceListState): LocalEdit[] {
  const pending = edits.filter(
    (edit) => edit.snapshot === state.snapshot && edit.revision >= state.revision,
  );
  return pending.length === edits.length ? (edits as LocalEdit[]) : pending;
}

export function withLocalEdits(
  state: InstanceListState,
  edits: readonly LocalEdit[],
): InstanceView[] {
  const pending = pendingEdits(edits, state);
  if (!pending.length) return state.instances;
  return state.instances.flatMap((instance) => {
    let current: InstanceView | undefined = instance;
    for (const edit of pending) {
      if (edit.instanceId !== instance.instanceId || !current) continue;
      current = edit.removed ? undefined : { ...current, ...edit.patch };
    }
    return current ? [current] : [];
  });
}

// The server's rule: with the healthy share of the enabled instances at or below the
// threshold, discovery returns every instance, healthy or not.
export function protectionOf(instances: readonly InstanceView[], threshold: number): Protection {
  const enabled = instances.filter((i) => i.enabled);
  const healthy = enabled.filter((i) => i.healthy).length;
  const total = enabled.length;
  return { reached: total > 0 && healthy / total <= Math.max(0, threshold), healthy, total };
}
