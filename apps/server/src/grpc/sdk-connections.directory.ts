// The Nacos SDK connections of the whole cluster. Each node holds its own; a listing asks the
// others (a cluster question), and the counts per namespace, which the overview shows, are told
// by every node when they change and every few seconds (a node not heard of for a while counts
// no more: its connections went with it). From the same counts a node holding more than its
// share of the connections asks the newest of the excess to move (ConnectResetRequest: the SDK
// connects to the next server of its list), so a node that joins or comes back gets its share.
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { SdkConnectionView } from '@switchboard/shared';
import { ClusterBus } from '../cluster/cluster-bus';
import { Clock } from '../common/clock';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';
import { DomainEvents } from '../common/events/domain-events';
import type { GrpcConnection } from './grpc-connection';
import './grpc.events';
import { NacosGrpcServer } from './nacos-grpc.server';

const COUNTS_NOTICE = 'sdk-connection-counts';
const CONNECTIONS_QUESTION = 'sdk-connections';
const TELL_EVERY_MS = 5_000;
const FORGET_AFTER_MS = 3 * TELL_EVERY_MS;
const DEBOUNCE_MS = 500;

interface CountsNotice {
  nodeId: string;
  counts: Record<string, number>;
}

@Injectable()
export class SdkConnectionsDirectory implements OnModuleInit, OnModuleDestroy {
  private readonly remote = new Map<string, { counts: Record<string, number>; atMs: number }>();
  private movedAtMs = 0;
  private timer?: NodeJS.Timeout;
  private debounce?: NodeJS.Timeout;
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    private readonly grpc: NacosGrpcServer,
    private readonly cluster: ClusterBus,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  onModuleInit(): void {
    this.unsubscribers.push(this.grpc.onChanged(() => this.changedHere()));
    this.cluster.answer(CONNECTIONS_QUESTION, (namespaceId) => this.local(namespaceId as string));
    this.cluster.on(COUNTS_NOTICE, (data) => {
      const notice = data as CountsNotice;
      if (notice.nodeId === this.cluster.nodeId) return;
      const before = JSON.stringify(this.remote.get(notice.nodeId)?.counts ?? {});
      this.remote.set(notice.nodeId, { counts: notice.counts, atMs: this.clock.now().getTime() });
      if (before !== JSON.stringify(notice.counts)) this.events.emit('grpc.connectionsChanged', { at: this.clock.now() });
    });
    if (!this.cluster.enabled) return;
    this.timer = setInterval(() => {
      this.tell();
      this.forgetSilentNodes();
      if (this.settings.grpc.rebalance) this.rebalance();
    }, TELL_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    clearTimeout(this.debounce);
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  // Connections per declared namespace, across the cluster.
  counts(): Map<string, number> {
    const counts = new Map(Object.entries(this.ownCounts()));
    for (const { counts: remote } of this.remote.values()) for (const [namespaceId, n] of Object.entries(remote)) counts.set(namespaceId, (counts.get(namespaceId) ?? 0) + n);
    return counts;
  }

  // This node's connections per declared namespace.
  private ownCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const connection of this.grpc.list()) counts[connection.info.namespaceId] = (counts[connection.info.namespaceId] ?? 0) + 1;
    return counts;
  }

  // The connections of a namespace on every node that answers, this node's first.
  async list(namespaceId: string): Promise<SdkConnectionView[]> {
    const elsewhere = (await this.cluster.ask(CONNECTIONS_QUESTION, namespaceId)) as SdkConnectionView[][];
    return [...this.local(namespaceId), ...elsewhere.flat()];
  }

  // This node's connections that declared the namespace or subscribe or listen in it.
  local(namespaceId: string): SdkConnectionView[] {
    const views: SdkConnectionView[] = [];
    for (const connection of this.grpc.list()) {
      const view = this.view(connection, namespaceId);
      if (view.namespaceId === namespaceId || view.subscriptions.length || view.listenedConfigs.length) views.push(view);
    }
    return views;
  }

  private view(connection: GrpcConnection, namespaceId: string): SdkConnectionView {
    const { info } = connection;
    return {
      connectionId: info.id,
      nodeId: this.cluster.nodeId,
      clientIp: info.clientIp,
      remoteAddress: `${info.remoteIp}:${info.remotePort}`,
      clientVersion: info.clientVersion,
      labels: { ...info.labels },
      namespaceId: info.namespaceId,
      connectedAt: new Date(info.connectedAtMs).toISOString(),
      lastActiveAt: new Date(info.lastActiveMs).toISOString(),
      subscriptions: [...connection.subscriptions.values()].filter((s) => s.key.namespaceId === namespaceId).map((s) => ({ ...s.key, clusters: s.clusters })),
      listenedConfigs: [...connection.listening.values()].filter((l) => l.key.namespaceId === namespaceId).map((l) => ({ ...l.key })),
    };
  }

  private changedHere(): void {
    this.events.emit('grpc.connectionsChanged', { at: this.clock.now() });
    if (!this.cluster.enabled || this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      this.tell();
    }, DEBOUNCE_MS);
    this.debounce.unref();
  }

  private tell(): void {
    this.cluster.announce(COUNTS_NOTICE, { nodeId: this.cluster.nodeId, counts: this.ownCounts() } satisfies CountsNotice);
  }

  // Asks the newest connections above this node's share to move. After asking, a node waits for
  // the counts to show where they went before it asks again.
  private rebalance(): void {
    const nowMs = this.clock.now().getTime();
    if (nowMs - this.movedAtMs < 2 * TELL_EVERY_MS || this.remote.size === 0) return;
    const own = this.grpc.list();
    let total = own.length;
    for (const { counts } of this.remote.values()) for (const n of Object.values(counts)) total += n;
    const share = Math.ceil(total / (this.remote.size + 1));
    const excess = own.length - share - Math.floor(share / 10); // a tenth over is fine
    if (excess <= 0) return;
    this.movedAtMs = nowMs;
    const newest = own.sort((a, b) => b.info.connectedAtMs - a.info.connectedAtMs).slice(0, own.length - share);
    for (const connection of newest) void this.grpc.push(connection, 'ConnectResetRequest', { module: 'internal' });
  }

  private forgetSilentNodes(): void {
    const oldest = this.clock.now().getTime() - FORGET_AFTER_MS;
    let forgot = false;
    for (const [nodeId, entry] of this.remote) {
      if (entry.atMs >= oldest) continue;
      this.remote.delete(nodeId);
      forgot = true;
    }
    if (forgot) this.events.emit('grpc.connectionsChanged', { at: this.clock.now() });
  }
}
