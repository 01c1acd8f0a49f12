import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ClusterNodeView, ClusterNodesView } from '@switchboard/shared';
import type { Redis } from 'ioredis';
import { lazyRequire } from '../common/lazy-require';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';

// Loaded only in cluster mode: a single node never needs the Redis client.
const loadRedis = lazyRequire<typeof import('ioredis')>('ioredis');

// The lease of the node that runs the cluster's jobs: taken when free, extended by its holder.
const LEASE_MS = 6000;
const TAKE_LEASE = `local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
const RELEASE_LEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// The question every node answers with its own description (GET /api/v1/cluster/nodes).
const NODE_QUESTION = 'node.describe';

type NoticeHandler = (data: unknown) => Promise<void> | void;
type Answerer = (data: unknown) => unknown;

// How long a question to the other nodes waits for their answers (a node that does not answer in
// time is left out of the result).
const ASK_TIMEOUT_MS = 1000;
// Nodes heard from within this long are expected to answer.
const ALIVE_WITHIN_MS = 3000;
type Resync = () => Promise<void>;

interface Notice {
  node: string;
  kind: string;
  data: unknown;
  ask?: string; // a question's id: the other nodes answer on the asker's reply channel
}

interface Reply {
  node: string;
  ask: string;
  data: unknown;
}

// Cluster mode: the nodes sharing one database tell each other of every committed change over a
// Redis channel, so each keeps its in-memory indexes current and pushes to its own listeners.
// A notice is sent after the commit, and a receiver never trusts it beyond the database: it
// either reloads the change from the database or applies a record only when it is newer than
// what it holds. Redis pub/sub delivers at most once, so after every (re)subscription each
// area resyncs from the database in full: a notice lost while a node was cut off costs a
// reload, never a stale index. On a single node (no REDIS_URL) announcing does nothing.
@Injectable()
export class ClusterBus implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ClusterBus.name);
  readonly nodeId = randomUUID();
  private readonly handlers = new Map<string, NoticeHandler>();
  private readonly resyncs: { area: string; run: Resync }[] = [];
  private publisher: Redis | undefined;
  private subscriber: Redis | undefined;
  private readonly channel: string;
  private readonly leaseKey: string;
  private leaseUntilMs = 0;
  private leaseTimer: NodeJS.Timeout | undefined;
  private started = false;
  private receiving: Promise<void> = Promise.resolve();
  private readonly heardAtMs = new Map<string, number>();
  private sent = 0;
  private received = 0;
  private readonly answerers = new Map<string, Answerer>();
  private readonly asked = new Map<string, { replies: unknown[]; waiting: Set<string>; answered: Set<string>; done: () => void }>();
  private readonly replyChannel: string;
  private subscribed = false;
  private readonly ownStart = `{"node":${JSON.stringify(this.nodeId)},`;
  private readonly startedAt = new Date();

  constructor(@Inject(SETTINGS) private readonly settings: Settings) {
    this.channel = this.keyOf('changes');
    this.leaseKey = this.keyOf('lease');
    this.replyChannel = this.keyOf(`replies:${this.nodeId}`);
    this.answer(NODE_QUESTION, () => this.describe());
  }

  // The nodes of the cluster that answer within a second, this one first, then by start.
  async nodes(): Promise<ClusterNodesView> {
    const others = ((await this.ask(NODE_QUESTION, null)) as ClusterNodeView[]).map((node) => ({ ...node, self: false }));
    others.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.nodeId.localeCompare(b.nodeId));
    return { enabled: this.enabled, name: this.settings.cluster?.name ?? null, nodes: [this.describe(), ...others], at: new Date().toISOString() };
  }

  private describe(): ClusterNodeView {
    return {
      nodeId: this.nodeId,
      self: true,
      leader: this.leads,
      connected: this.connected,
      hostname: hostname(),
      startedAt: this.startedAt.toISOString(),
      rssBytes: process.memoryUsage.rss(),
      noticesSent: this.sent,
      noticesReceived: this.received,
    };
  }

  // Channels and keys are named after the cluster, so several clusters can share one Redis.
  private keyOf(name: string): string {
    return `${this.settings.cluster?.name ?? 'switchboard'}:${name}`;
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
    return !this.enabled || this.subscribed;
  }

  // Whether this node runs the cluster's own jobs (canary plans stepping, promoting, aborting):
  // one node at a time holds a lease in Redis, renewed while it lives; on a single node, always.
  get leads(): boolean {
    return !this.enabled || (this.leaseUntilMs > Date.now() && this.subscribed);
  }

  // When a notice of this node last arrived (every node sends one at least once a second).
  lastHeardFrom(node: string): number | undefined {
    return this.heardAtMs.get(node);
  }

  // For /metrics: notices sent and received, other nodes heard from lately.
  stats(): { sent: number; received: number; nodesHeard: number } {
    const nowMs = Date.now();
    return { sent: this.sent, received: this.received, nodesHeard: [...this.heardAtMs.values()].filter((at) => nowMs - at <= ALIVE_WITHIN_MS).length };
  }

  // `handler` runs for every notice of `kind` another node announces.
  on(kind: string, handler: NoticeHandler): void {
    this.handlers.set(kind, handler);
  }

  // `answerer` answers the questions of `kind` other nodes ask (what only this node's memory
  // holds, such as the clients listening to it).
  answer(kind: string, answerer: Answerer): void {
    this.answerers.set(kind, answerer);
  }

  // Asks every other node and gathers their answers: those of the nodes heard from lately, or
  // whatever arrived within a second. On a single node: none.
  async ask(kind: string, data: unknown): Promise<unknown[]> {
    if (!this.publisher || !this.subscribed) return [];
    const nowMs = Date.now();
    const expected = [...this.heardAtMs].filter(([, at]) => nowMs - at <= ALIVE_WITHIN_MS).map(([node]) => node);
    if (expected.length === 0) return [];
    const id = randomUUID();
    return new Promise<unknown[]>((resolve) => {
      const entry = { replies: [] as unknown[], waiting: new Set(expected), answered: new Set<string>(), done: () => undefined as void };
      const timer = setTimeout(() => entry.done(), ASK_TIMEOUT_MS);
      entry.done = () => {
        clearTimeout(timer);
        this.asked.delete(id);
        resolve(entry.replies);
      };
      this.asked.set(id, entry);
      const notice: Notice = { node: this.nodeId, kind, data, ask: id };
      this.publisher!.publish(this.channel, JSON.stringify(notice)).catch(() => entry.done());
    });
  }

  // `run` reloads an area from the database: after each (re)subscription.
  onResync(area: string, run: Resync): void {
    this.resyncs.push({ area, run });
  }

  // Tells the other nodes of a committed change. Never fails the change: a notice that cannot be
  // sent is logged, and the others catch up at their next resync.
  announce(kind: string, data: unknown): void {
    if (!this.publisher) return;
    const notice: Notice = { node: this.nodeId, kind, data };
    this.sent += 1;
    this.publisher.publish(this.channel, JSON.stringify(notice)).catch((error: unknown) => this.logger.warn(`cluster notice ${kind} not sent: ${(error as Error).message}`));
  }

  // A hash in Redis shared by the nodes (cluster mode only): state that lives in memory rather
  // than in the database (ephemeral instances), so a node that starts or reconnects can load it.
  sharedPut(hash: string, field: string, value: string): void {
    this.publisher?.hset(this.keyOf(hash), field, value).catch((error: unknown) => this.logger.warn(`cluster state ${hash} not written: ${(error as Error).message}`));
  }

  sharedDelete(hash: string, field: string): void {
    this.publisher?.hdel(this.keyOf(hash), field).catch((error: unknown) => this.logger.warn(`cluster state ${hash} not written: ${(error as Error).message}`));
  }

  async sharedRead(hash: string): Promise<Record<string, string>> {
    return this.publisher ? this.publisher.hgetall(this.keyOf(hash)) : {};
  }

  // After every module loaded its indexes, so the first resync finds their handlers in place.
  async onApplicationBootstrap(): Promise<void> {
    const cluster = this.settings.cluster;
    if (!cluster) return;
    const { Redis: RedisClient } = loadRedis();
    // Auto-pipelining: the notices of one turn of the loop (a commit group's changes) go out in one write.
    const options = { lazyConnect: true, maxRetriesPerRequest: null, enableAutoPipelining: true, connectionName: `switchboard-${this.nodeId}` };
    this.publisher = new RedisClient(cluster.redisUrl, options);
    this.subscriber = new RedisClient(cluster.redisUrl, options);
    let lastError: Error | undefined;
    for (const [role, client] of [['publisher', this.publisher], ['subscriber', this.subscriber]] as const) {
      client.on('error', (error: Error) => {
        lastError = error;
        if (this.started) this.logger.warn(`cluster ${role} connection: ${error.message}`);
      });
    }
    // Notices are handled one after the other, in the order they came (a service before the
    // instance registered in it).
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receiving = this.receiving.then(() => this.receive(message));
      else if (channel === this.replyChannel) this.replied(message);
    });
    // ioredis subscribes again by itself after a reconnect; notices sent in between are lost.
    this.subscriber.on('ready', () => {
      if (!this.started) return;
      this.logger.warn('cluster connection back: reloading from the database');
      this.receiving = this.receiving.then(() => this.resync()).then(() => {
        this.subscribed = this.subscriber?.status === 'ready';
      });
    });
    this.subscriber.on('close', () => {
      if (this.subscribed) this.logger.warn('cluster connection lost: changes on other nodes reach this one after it is back');
      this.subscribed = false;
    });
    try {
      await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    } catch (error) {
      // The URL may carry a password: only where it points is told.
      const url = new URL(cluster.redisUrl);
      throw new Error(`cluster mode: Redis at ${url.hostname}:${url.port || 6379} (REDIS_URL) cannot be reached: ${lastError?.message ?? (error as Error).message}`, { cause: error });
    }
    await this.subscriber.subscribe(this.channel, this.replyChannel);
    await this.resync();
    this.started = true;
    this.subscribed = true;
    await this.renewLease();
    this.leaseTimer = setInterval(() => void this.renewLease(), LEASE_MS / 3);
    this.leaseTimer.unref();
    this.logger.log(`cluster node ${this.nodeId} on channel ${this.channel}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.started = false;
    this.subscribed = false;
    clearInterval(this.leaseTimer);
    // Hand the lease on at once rather than when it runs out.
    if (this.leaseUntilMs > Date.now()) await this.publisher?.eval(RELEASE_LEASE, 1, this.leaseKey, this.nodeId).catch(() => undefined);
    this.leaseUntilMs = 0;
    await Promise.all([this.subscriber, this.publisher].map((client) => client?.quit().catch(() => client.disconnect())));
  }

  // Takes the lease when nobody holds it, or extends our own. A node that does not hear the
  // others lets its lease run out, so one that does takes the jobs over.
  private async renewLease(): Promise<void> {
    if (!this.publisher) return;
    if (!this.subscribed) {
      this.leaseUntilMs = 0;
      return;
    }
    const askedAt = Date.now();
    try {
      const held = await this.publisher.eval(TAKE_LEASE, 1, this.leaseKey, this.nodeId, String(LEASE_MS));
      const before = this.leaseUntilMs > askedAt;
      this.leaseUntilMs = held === 1 ? askedAt + LEASE_MS : 0;
      if (before !== this.leaseUntilMs > askedAt) this.logger.log(held === 1 ? 'this node now runs the cluster jobs' : 'another node runs the cluster jobs');
    } catch (error) {
      this.logger.warn(`cluster lease not renewed: ${(error as Error).message}`);
    }
  }

  private async receive(message: string): Promise<void> {
    // Redis hands every subscriber its own notices too: ours are known by their start (the node
    // comes first in every notice), without parsing a whole record.
    if (message.startsWith(this.ownStart)) return;
    let notice: Notice;
    try {
      notice = JSON.parse(message) as Notice;
    } catch {
      this.logger.warn('cluster notice ignored: not JSON');
      return;
    }
    if (notice.node === this.nodeId) return;
    this.heardAtMs.set(notice.node, Date.now());
    this.received += 1;
    if (notice.ask !== undefined) {
      const answerer = this.answerers.get(notice.kind);
      const reply: Reply = { node: this.nodeId, ask: notice.ask, data: answerer ? answerer(notice.data) : null };
      const to = this.keyOf(`replies:${notice.node}`);
      this.publisher?.publish(to, JSON.stringify(reply)).catch((error: unknown) => this.logger.warn(`cluster answer ${notice.kind} not sent: ${(error as Error).message}`));
      return;
    }
    const handler = this.handlers.get(notice.kind);
    if (!handler) return;
    try {
      await handler(notice.data);
    } catch (error) {
      this.logger.error(`cluster notice ${notice.kind} failed: ${(error as Error).message}`, (error as Error).stack);
    }
  }

  private replied(message: string): void {
    let reply: Reply;
    try {
      reply = JSON.parse(message) as Reply;
    } catch {
      return;
    }
    const entry = this.asked.get(reply.ask);
    if (!entry || entry.answered.has(reply.node)) return;
    entry.answered.add(reply.node);
    entry.waiting.delete(reply.node);
    if (reply.data !== null) entry.replies.push(reply.data);
    if (entry.waiting.size === 0) entry.done();
  }

  private async resync(): Promise<void> {
    for (const { area, run } of this.resyncs) {
      try {
        await run();
      } catch (error) {
        this.logger.error(`cluster resync of ${area} failed: ${(error as Error).message}`, (error as Error).stack);
      }
    }
  }
}
