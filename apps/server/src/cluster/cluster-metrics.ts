import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../common/metrics/metrics.service';
import { ClusterBus } from './cluster-bus';

// Cluster mode's state on /metrics (registered only in cluster mode): whether this node hears the
// others, whether it runs the cluster's jobs, how many other nodes it heard from lately, and the
// notices it sent and received.
@Injectable()
export class ClusterMetrics implements OnModuleInit {
  constructor(
    private readonly cluster: ClusterBus,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    if (!this.cluster.enabled) return;
    const cluster = this.cluster;
    const registers = [this.metrics.registry];
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    const counter = (name: string, help: string, read: () => number) =>
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    gauge('switchboard_cluster_connected', '1 while this node hears the other nodes over Redis', () => (cluster.connected ? 1 : 0));
    gauge('switchboard_cluster_leader', '1 while this node runs the cluster jobs (heartbeat verdicts, probes, canary plans)', () => (cluster.leads ? 1 : 0));
    gauge('switchboard_cluster_nodes_heard', 'Other nodes heard from in the last 3 seconds', () => cluster.stats().nodesHeard);
    gauge('switchboard_cluster_feed_applied_seq', 'The change feed sequence up to which this node applied every change', () => cluster.feed().appliedSeq);
    gauge('switchboard_cluster_feed_head_seq', 'The highest change feed sequence this node knows to be committed', () => cluster.feed().headSeq);
    gauge('switchboard_cluster_feed_lag', 'Changes committed in the cluster that this node has not applied yet (head minus applied)', () => cluster.feed().lag);
    counter('switchboard_cluster_full_reloads_total', 'Times this node reloaded every area from the database (at start, or further behind than the feed keeps)', () => cluster.feed().fullReloads);
    counter('switchboard_cluster_feed_read_total', 'Changes of other nodes this node read from the change feed rather than from their notice (a notice lost or late)', () => cluster.feed().readFromFeed);
    counter('switchboard_cluster_notices_sent_total', 'Change notices this node sent to the others', () => cluster.stats().sent);
    counter('switchboard_cluster_notices_received_total', 'Change notices this node received from the others', () => cluster.stats().received);
  }
}
