import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ConfigKey } from '@switchboard/shared';
import { Clock } from '../common/clock';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';
import { configKeyString, parseConfigKeyString } from './domain/config-keys';
import { ClusterBus } from '../cluster/cluster-bus';

// Cluster mode: the question of who listens to a config on the other nodes.
const LISTENERS_QUESTION = 'listeners';

export interface ListenerEntry {
  clientId: string;
  clientIp: string;
  identity?: string; // a socket.io client's declared id, a gRPC connection's id (its weighted canary bucket)
  labels?: readonly string[]; // declared labels (canary tag matching)
  transport: 'long-poll' | 'socket' | 'grpc';
  md5: string;
  lastSeenMs: number;
}

// Who has what: per config, every listening client and the md5 it last reported (long poll) or
// was sent (socket) or last read (gRPC). Long-poll clients that stop polling are forgotten after
// a TTL; socket and gRPC clients when they unsubscribe or disconnect. Observers hear of every change of who holds what
// (the live canary rollout view).
@Injectable()
export class ConfigListeners implements OnModuleInit, OnModuleDestroy {
  private readonly byConfig = new Map<string, Map<string, ListenerEntry>>();
  private timer?: NodeJS.Timeout;
  private readonly observers: ((key: ConfigKey) => void)[] = [];

  constructor(
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly cluster: ClusterBus,
  ) {}

  onModuleInit(): void {
    // Cluster mode: each node knows the clients listening to it; a listing asks the others.
    this.cluster.answer(LISTENERS_QUESTION, (key) => this.list(key as ConfigKey));
    this.timer = setInterval(() => this.prune(), Math.min(this.settings.config.listenerTtlMs, 30_000));
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  observe(observer: (key: ConfigKey) => void): () => void {
    this.observers.push(observer);
    return () => this.observers.splice(this.observers.indexOf(observer), 1);
  }

  report(key: ConfigKey, entry: Omit<ListenerEntry, 'lastSeenMs'>): void {
    this.put(configKeyString(key), key, entry, entry.md5, this.clock.now().getTime());
  }

  // A long poll's configs (`id`: configKeyString(key)), all reported by one client at one time.
  reportAll(entries: readonly { id: string; key: ConfigKey; md5: string }[], client: Omit<ListenerEntry, 'lastSeenMs' | 'md5'>): void {
    const nowMs = this.clock.now().getTime();
    for (const entry of entries) this.put(entry.id, entry.key, client, entry.md5, nowMs);
  }

  private put(id: string, key: ConfigKey, client: Omit<ListenerEntry, 'lastSeenMs' | 'md5'>, md5: string, nowMs: number): void {
    let clients = this.byConfig.get(id);
    if (!clients) this.byConfig.set(id, (clients = new Map()));
    const previous = clients.get(client.clientId);
    // A client reporting again what it reported before (every poll of a long-polling client):
    // only the time moves.
    if (previous && previous.md5 === md5 && sameClient(previous, client)) {
      previous.lastSeenMs = nowMs;
      return;
    }
    clients.set(client.clientId, { ...client, md5, lastSeenMs: nowMs });
    if (previous?.md5 !== md5) this.changed(key);
  }

  // A client that already listens fetched the config: it now holds this md5.
  touch(key: ConfigKey, clientId: string, md5: string): void {
    const entry = this.byConfig.get(configKeyString(key))?.get(clientId);
    if (!entry) return;
    const moved = entry.md5 !== md5;
    Object.assign(entry, { md5, lastSeenMs: this.clock.now().getTime() });
    if (moved) this.changed(key);
  }

  forget(key: ConfigKey, clientId: string): void {
    const id = configKeyString(key);
    const clients = this.byConfig.get(id);
    if (!clients?.delete(clientId)) return;
    if (clients.size === 0) this.byConfig.delete(id);
    this.changed(key);
  }

  private changed(key: ConfigKey): void {
    if (this.observers.length) for (const observer of this.observers) observer(key);
  }

  get(key: ConfigKey, clientId: string): ListenerEntry | undefined {
    return this.byConfig.get(configKeyString(key))?.get(clientId);
  }

  // The clients listening to this node.
  list(key: ConfigKey): ListenerEntry[] {
    return [...(this.byConfig.get(configKeyString(key))?.values() ?? [])];
  }

  // The clients listening to any node of the cluster (this node's alone on a single node). A
  // client that moved between nodes is listed once, as the node that saw it last has it.
  async listAcrossCluster(key: ConfigKey): Promise<ListenerEntry[]> {
    const byClient = new Map<string, ListenerEntry>();
    const elsewhere = (await this.cluster.ask(LISTENERS_QUESTION, key)) as ListenerEntry[][];
    for (const entry of [...this.list(key), ...elsewhere.flat()]) {
      const known = byClient.get(entry.clientId);
      if (!known || known.lastSeenMs < entry.lastSeenMs) byClient.set(entry.clientId, entry);
    }
    return [...byClient.values()];
  }

  private prune(): void {
    const oldest = this.clock.now().getTime() - this.settings.config.listenerTtlMs;
    for (const [id, clients] of this.byConfig) {
      let pruned = false;
      for (const [clientId, entry] of clients) {
        if (entry.transport === 'long-poll' && entry.lastSeenMs < oldest) pruned = clients.delete(clientId);
      }
      if (clients.size === 0) this.byConfig.delete(id);
      if (pruned) this.changed(parseConfigKeyString(id));
    }
  }
}

function sameClient(entry: ListenerEntry, client: Omit<ListenerEntry, 'lastSeenMs' | 'md5'>): boolean {
  if (entry.clientIp !== client.clientIp || entry.identity !== client.identity || entry.transport !== client.transport) return false;
  const a = entry.labels;
  const b = client.labels;
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
