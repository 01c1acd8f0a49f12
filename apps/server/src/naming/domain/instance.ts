import type { ClusterView, ServiceKey } from '@switchboard/shared';

export interface HeartbeatTimeouts {
  intervalMs: number; // what the client is told to beat at
  unhealthyAfterMs: number;
  expireAfterMs: number;
}

// One registered instance as the in-memory registry holds it. Replaced on every visible change,
// so an event can carry the state before and after; the one exception is lastBeatMs, which a
// heartbeat updates in place (the hot path allocates nothing and emits nothing).
export interface Instance {
  readonly ip: string;
  readonly port: number;
  readonly clusterName: string;
  readonly weight: number;
  readonly healthy: boolean;
  readonly enabled: boolean;
  readonly ephemeral: boolean;
  readonly metadata: Readonly<Record<string, string>>;
  readonly tags: readonly string[];
  readonly registeredAtMs: number;
  lastBeatMs: number | null; // ephemeral instances kept alive by heartbeats
  readonly heartbeat: HeartbeatTimeouts;
  readonly ownerConnectionId?: string; // kept alive by this socket.io connection instead of beats
  // Cluster mode: kept alive by a socket.io connection to this other node, which removes it when
  // the connection closes (or, should that node vanish, the node running the cluster's jobs).
  readonly ownerNode?: string;
}

export interface Service {
  readonly key: ServiceKey;
  readonly protectThreshold: number;
  readonly metadata: Readonly<Record<string, string>>;
  readonly clusters: readonly ClusterView[];
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}
