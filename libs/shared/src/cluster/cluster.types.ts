// One node of the cluster as it describes itself (a single node is a cluster of one).
export interface ClusterNodeView {
  nodeId: string; // random at each start
  self: boolean; // the node that answered this request
  leader: boolean; // runs the cluster's jobs (heartbeat verdicts, probes, canary plans)
  connected: boolean; // hears the other nodes over Redis (always true on a single node)
  hostname: string;
  startedAt: string; // ISO 8601
  rssBytes: number;
  noticesSent: number;
  noticesReceived: number;
  appliedSeq: number; // the change feed sequence up to which this node applied every change (0 on a single node)
  lag: number; // changes committed in the cluster that this node has not applied yet
}

// The nodes that answered within a second, this one first.
export interface ClusterNodesView {
  enabled: boolean; // cluster mode (REDIS_URL set)
  name: string | null; // CLUSTER_NAME in cluster mode
  nodes: ClusterNodeView[];
  at: string; // ISO 8601
}
