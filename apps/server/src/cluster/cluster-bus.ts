import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ClusterNodeView, ClusterNodesView } from '@switchboard/shared';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';
import { ClusterConnection } from './cluster-connection';
import { ClusterLease } from './cluster-lease';
import { ClusterNotices, type NoticeHandler, type Resync } from './cluster-notices';
import { ClusterQuestions, type Answerer } from './cluster-questions';

// Where a node stands in the change feed (cluster/replication.ts).
export interface FeedStatus {
  appliedSeq: number;
  headSeq: number;
  lag: number;
  lagging: boolean;
  fullReloads: number;
  readFromFeed: number;
}

// The question every node answers with its own description (GET /api/v1/cluster/nodes).
const NODE_QUESTION = 'node.describe';

// Cluster mode: the nodes sharing one database tell each other of every committed change over a
// Redis channel, so each keeps its in-memory indexes current and pushes to its own listeners.
// A notice is sent after the commit, and a receiver never trusts it beyond the database: it
// either reloads the change from the database or applies a record only when it is newer than
// what it holds. Redis pub/sub delivers at most once, so after every (re)subscription each
// area resyncs from the database in full: a notice lost while a node was cut off costs a
// reload, never a stale index. On a single node (no REDIS_URL) announcing does nothing.
//
// One provider for its three roles, each in its own file: notices (publish/subscribe),
// questions (ask/answer across the nodes) and the lease of the node that runs the cluster's jobs.
@Injectable()
export class ClusterBus implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly nodeId = randomUUID();
  private readonly connection: ClusterConnection;
  private readonly notices: ClusterNotices;
  private readonly questions: ClusterQuestions;
  private readonly lease: ClusterLease;
  private readonly startedAt = new Date();
  private feedStatus: () => FeedStatus = () => ({ appliedSeq: 0, headSeq: 0, lag: 0, lagging: false, fullReloads: 0, readFromFeed: 0 });

  constructor(@Inject(SETTINGS) private readonly settings: Settings) {
    this.connection = new ClusterConnection(this.nodeId, settings.cluster?.name);
    this.questions = new ClusterQuestions(this.connection, () => this.notices.nodesHeardLately());
    this.notices = new ClusterNotices(this.connection, this.questions);
    this.lease = new ClusterLease(this.connection);
    this.answer(NODE_QUESTION, () => this.describe());
  }

  // The nodes of the cluster that answer within a second, this one first, then by start.
  async nodes(): Promise<ClusterNodesView> {
    const others = ((await this.ask(NODE_QUESTION, null)) as ClusterNodeView[]).map((node) => ({ ...node, self: false }));
    others.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.nodeId.localeCompare(b.nodeId));
    return { enabled: this.enabled, name: this.settings.cluster?.name ?? null, nodes: [this.describe(), ...others], at: new Date().toISOString() };
  }

  private describe(): ClusterNodeView {
    const feed = this.feedStatus();
    return {
      nodeId: this.nodeId,
      self: true,
      leader: this.leads,
      connected: this.connected,
      hostname: hostname(),
      startedAt: this.startedAt.toISOString(),
      rssBytes: process.memoryUsage.rss(),
      noticesSent: this.notices.sent,
      noticesReceived: this.notices.received,
      appliedSeq: feed.appliedSeq,
      lag: feed.lag,
    };
  }

  // The replication tells where this node stands in the change feed.
  reportFeed(read: () => FeedStatus): void {
    this.feedStatus = read;
  }

  feed(): FeedStatus {
    return this.feedStatus();
  }

  // The bus of a single node, for code used outside the application (specs, tools).
  static standalone(): ClusterBus {
    return new ClusterBus({ cluster: null } as Settings);
  }

  get enabled(): boolean {
    return this.settings.cluster !== null;
  }

  // Whether this node hears the others (always true on a single node): /health/ready tells it.
  get connected(): boolean {
    return !this.enabled || this.connection.subscribed;
  }

  // Whether this node runs the cluster's own jobs (canary plans stepping, promoting, aborting):
  // one node at a time holds a lease in Redis, renewed while it lives; on a single node, always.
  get leads(): boolean {
    return !this.enabled || this.lease.held;
  }

  // When a notice of this node last arrived (every node sends one at least once a second).
  lastHeardFrom(node: string): number | undefined {
    return this.notices.lastHeardFrom(node);
  }

  // For /metrics: notices sent and received, other nodes heard from lately.
  stats(): { sent: number; received: number; nodesHeard: number } {
    return { sent: this.notices.sent, received: this.notices.received, nodesHeard: this.notices.nodesHeardLately().length };
  }

  // `handler` runs for every notice of `kind` another node announces.
  on(kind: string, handler: NoticeHandler): void {
    this.notices.on(kind, handler);
  }

  // `answerer` answers the questions of `kind` other nodes ask (what only this node's memory
  // holds, such as the clients listening to it).
  answer(kind: string, answerer: Answerer): void {
    this.questions.answer(kind, answerer);
  }

  // Asks every other node and gathers their answers: those of the nodes heard from lately, or
  // whatever arrived within a second. On a single node: none.
  ask(kind: string, data: unknown): Promise<unknown[]> {
    return this.questions.ask(kind, data);
  }

  // `run` reloads an area from the database: after each (re)subscription.
  onResync(area: string, run: Resync): void {
    this.notices.onResync(area, run);
  }

  // Tells the other nodes of a committed change. Never fails the change.
  announce(kind: string, data: unknown): void {
    this.notices.announce(kind, data);
  }

  // A hash in Redis shared by the nodes (cluster mode only), for state kept in memory.
  // Writes unless the hash holds a newer version (the value is JSON with an `atMs`).
  sharedPutIfNewer(hash: string, field: string, value: string, atMs: number): Promise<boolean> {
    return this.connection.sharedPutIfNewer(hash, field, value, atMs);
  }

  sharedDelete(hash: string, field: string): void {
    this.connection.sharedDelete(hash, field);
  }

  sharedRead(hash: string): Promise<Record<string, string>> {
    return this.connection.sharedRead(hash);
  }

  // After every module loaded its indexes, so the first resync finds their handlers in place.
  async onApplicationBootstrap(): Promise<void> {
    const cluster = this.settings.cluster;
    if (!cluster) return;
    await this.connection.open(cluster.redisUrl, {
      notice: (message) => this.notices.receive(message),
      reply: (message) => this.questions.replied(message),
      reconnected: () => this.notices.resyncInTurn(() => this.connection.resubscribed()),
    });
    await this.notices.resync();
    this.connection.listening();
    await this.lease.start();
    this.connection.logger.log(`cluster node ${this.nodeId} on channel ${this.connection.channel}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.connection.stopListening();
    await this.lease.stop();
    await this.connection.close();
  }
}
