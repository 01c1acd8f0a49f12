import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource, LessThan, MoreThan, type Repository } from 'typeorm';
import { ChangeFeedEntity, ChangeFeedHeadEntity, type CommittedEntry, type FeedSink } from '../database/change-feed';
import { DatabaseWriter } from '../database/database-writer';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';
import { ClusterBus } from './cluster-bus';

// What an area of replicated state (configs, canaries, namespaces, ...) gives the replication.
export interface ReplicatedArea {
  // Brings this node's memory of `key` up to what is committed: to `payload` (the committed record
  // a notice carried) when given, else to what the database holds. Applying a change twice, or
  // after a newer one, changes nothing.
  apply(key: string, payload: unknown): Promise<void> | void;
  // The whole area again from the database.
  reloadAll(): Promise<void>;
}

interface FeedNotice {
  entries: CommittedEntry[];
}

const FEED_NOTICE = 'feed';
// Rows read from the feed at a time while catching up.
const CATCH_UP_PAGE = 1000;
// A gap may be a notice still on its way (several nodes writing at once number their changes
// in turns, and their notices arrive in any order): it is read from the feed only when the
// applied sequence has not moved for this long.
const GAP_GRACE_MS = 250;
const TRIM_EVERY_MS = 60_000;

// Cluster mode's one replication layer. Every change to replicated state is written to the
// durable change feed in its own transaction (the writer does it: database/change-feed.ts); after
// the commit this node announces it over Redis with its sequence and, for speed, the committed
// record. Every node applies changes in feed order: a notice with the next sequence is applied
// at once; a gap (a sequence it has not seen) is read from the feed; and every
// CLUSTER_FEED_POLL_MS it reads the head of the feed, so a lost notice (a node killed between its
// commit and its notice, Redis restarted or cut off) costs at most that long. A node further
// behind than the feed keeps (CLUSTER_FEED_RETENTION_MS) reloads every area in full. The command
// services only name their changes to the writer; they do not know about cluster mode.
//
// Ephemeral instances are not in the feed: they live in memory and in a Redis hash (AP).
@Injectable()
export class Replication implements FeedSink, OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Replication');
  private readonly areas = new Map<string, ReplicatedArea>();
  private feed!: Repository<ChangeFeedEntity>;
  private heads!: Repository<ChangeFeedHeadEntity>;
  // Every change up to `applied` is in memory; `ahead` holds the ones applied above it.
  private applied = 0;
  private readonly ahead = new Set<number>();
  // The highest sequence known to be committed.
  private head = 0;
  private started = false;
  // All work on the indexes runs in turn, in feed order.
  private chain: Promise<void> = Promise.resolve();
  private catchUpQueued = false;
  private gapTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private lastTrimMs = 0;
  private behindSinceMs: number | null = null;
  private failing = false;
  private fullReloads = 0;
  private readFromFeed = 0;
  private readonly settings: NonNullable<Settings['cluster']> | null;

  constructor(
    private readonly cluster: ClusterBus,
    private readonly writer: DatabaseWriter,
    private readonly dataSource: DataSource,
    @Inject(SETTINGS) settings: Settings,
  ) {
    this.settings = settings.cluster;
  }

  // The replication of a single node (nothing to replicate), for code used outside the
  // application (specs, tools).
  static standalone(): Replication {
    return new Replication(ClusterBus.standalone(), undefined as unknown as DatabaseWriter, undefined as unknown as DataSource, { cluster: null } as Settings);
  }

  get node(): string {
    return this.cluster.nodeId;
  }

  get enabled(): boolean {
    return this.settings !== null;
  }

  // `area` names the changes of one kind; its handler applies those made on other nodes.
  register(area: string, handler: ReplicatedArea): void {
    this.areas.set(area, handler);
  }

  onModuleInit(): void {
    if (!this.settings) return;
    this.feed = this.dataSource.getRepository(ChangeFeedEntity);
    this.heads = this.dataSource.getRepository(ChangeFeedHeadEntity);
    this.writer.feedTo(this);
    this.cluster.reportFeed(() => this.stats());
    this.cluster.on(FEED_NOTICE, (notice) => this.received(notice as FeedNotice));
    // At start: everything from the database as of a known head. After Redis comes back: what
    // the feed holds beyond what this node applied.
    this.cluster.onResync('change feed', () => (this.started ? this.catchUp() : this.start()));
  }

  onApplicationBootstrap(): void {
    if (!this.settings) return;
    this.pollTimer = setInterval(() => this.poll(), this.settings.feedPollMs);
    this.pollTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.pollTimer);
    clearTimeout(this.gapTimer);
  }

  // For /metrics, the node list and readiness.
  stats(): { appliedSeq: number; headSeq: number; lag: number; lagging: boolean; fullReloads: number; readFromFeed: number } {
    const lag = Math.max(0, this.head - this.applied);
    const lagging = this.behindSinceMs !== null && Date.now() - this.behindSinceMs > (this.settings?.lagWarnMs ?? Infinity);
    return { appliedSeq: this.applied, headSeq: this.head, lag, lagging, fullReloads: this.fullReloads, readFromFeed: this.readFromFeed };
  }

  // FeedSink: this node's own commits, already in its memory; told to the others.
  committed(entries: CommittedEntry[]): void {
    for (const entry of entries) this.see(entry.seq);
    this.compact();
    if (this.settings?.withholdNotices) return;
    this.cluster.announce(FEED_NOTICE, { entries } satisfies FeedNotice);
  }

  private see(seq: number): void {
    if (seq > this.applied) this.ahead.add(seq);
    if (seq > this.head) this.head = seq;
  }

  // Moves `applied` over every sequence applied in a row; a gap left behind is read from the
  // feed unless its notice arrives first.
  private compact(): void {
    while (this.ahead.delete(this.applied + 1)) this.applied += 1;
    this.trackLag();
    if (this.ahead.size > 0 && this.started && !this.gapTimer) this.watchGap(this.applied);
  }

  // Reads the gap after `appliedThen` from the feed if the applied sequence is still there after
  // the grace; one that moved on meanwhile is watched again from where it now stands.
  private watchGap(appliedThen: number): void {
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      if (this.ahead.size === 0) return;
      if (this.applied !== appliedThen) return this.watchGap(this.applied);
      this.catchUp().catch((error: unknown) => this.logger.warn(`change feed: reading a gap failed (${(error as Error).message}); the next poll tries again`));
    }, GAP_GRACE_MS);
    this.gapTimer.unref();
  }

  private trackLag(): void {
    if (this.applied >= this.head) this.behindSinceMs = null;
    else this.behindSinceMs ??= Date.now();
  }

  private inTurn(work: () => Promise<void>): Promise<void> {
    const run = this.chain.then(work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  // A notice of another node: its changes are applied in turn (and in order with the other
  // notices, which wait for them).
  private received(notice: FeedNotice): Promise<void> {
    return this.inTurn(async () => {
      for (const entry of notice.entries) if (entry.seq > this.head) this.head = entry.seq;
      try {
        for (const entry of notice.entries) {
          if (entry.seq <= this.applied || this.ahead.has(entry.seq)) continue;
          await this.applyEntry(entry.area, entry.key, entry.payload);
          this.see(entry.seq);
        }
      } finally {
        // What could not be applied (the database away) is a gap the feed fills later.
        this.compact();
      }
    });
  }

  private async applyEntry(area: string, key: string, payload: unknown): Promise<void> {
    const handler = this.areas.get(area);
    if (!handler) return;
    try {
      await handler.apply(key, payload);
    } catch (error) {
      // Named without the record (it may hold content); applying is tried again from the feed.
      throw new Error(`applying a ${area} change: ${(error as Error).message}`, { cause: error });
    }
  }

  // The first load, in turn with the notices that arrived meanwhile: the head first, then every
  // area, so nothing committed after the head is missed (it is read from the feed next).
  private start(): Promise<void> {
    return this.inTurn(async () => {
      await this.reloadEverything();
      this.started = true;
      this.compact();
    });
  }

  private async reloadEverything(): Promise<void> {
    const head = await this.readHead();
    for (const [area, handler] of this.areas) {
      try {
        await handler.reloadAll();
      } catch (error) {
        this.logger.error(`reloading ${area} from the database failed: ${(error as Error).message}`);
        throw error;
      }
    }
    this.fullReloads += 1;
    if (head > this.applied) this.applied = head;
    for (const seq of this.ahead) if (seq <= this.applied) this.ahead.delete(seq);
    if (head > this.head) this.head = head;
  }

  // Reads what the feed holds beyond `applied` and applies it; a node whose next change was
  // trimmed already reloads in full.
  catchUp(): Promise<void> {
    if (this.catchUpQueued) return this.chain;
    this.catchUpQueued = true;
    return this.inTurn(async () => {
      this.catchUpQueued = false;
      for (;;) {
        const rows = await this.feed.find({ where: { seq: MoreThan(this.applied) }, order: { seq: 'ASC' }, take: CATCH_UP_PAGE });
        if (rows.length === 0) break;
        if (rows[0].seq > this.applied + 1) {
          this.logger.warn(`change feed: changes ${this.applied + 1} to ${rows[0].seq - 1} are no longer in the feed; reloading everything`);
          await this.reloadEverything();
          continue;
        }
        // Each key once, at its last change: applying reads what is committed now.
        const last = new Map<string, ChangeFeedEntity>();
        for (const row of rows) {
          if (this.ahead.has(row.seq)) continue;
          const id = `${row.area}\u0001${row.key}`;
          last.delete(id);
          last.set(id, row);
        }
        for (const row of last.values()) await this.applyEntry(row.area, row.key, undefined);
        this.readFromFeed += last.size;
        for (const row of rows) this.see(row.seq);
        this.compact();
        if (rows.length < CATCH_UP_PAGE) break;
      }
    });
  }

  // The backstop: the feed's head every CLUSTER_FEED_POLL_MS; the leader also trims old rows.
  private poll(): void {
    if (!this.started) return;
    void this.readHead()
      .then(async (head) => {
        if (head > this.head) this.head = head;
        this.trackLag();
        if (head > this.applied) await this.catchUp();
        await this.trim();
        if (this.failing) this.logger.log('change feed: reading the database again');
        this.failing = false;
      })
      .catch((error: unknown) => {
        if (!this.failing) this.logger.warn(`change feed: cannot read the database (${(error as Error).message}); trying again every ${this.settings!.feedPollMs} ms`);
        this.failing = true;
      });
  }

  private async readHead(): Promise<number> {
    return (await this.heads.findOneBy({ id: 1 }))?.seq ?? 0;
  }

  private async trim(): Promise<void> {
    const nowMs = Date.now();
    if (!this.cluster.leads || nowMs - this.lastTrimMs < Math.min(TRIM_EVERY_MS, this.settings!.feedRetentionMs)) return;
    this.lastTrimMs = nowMs;
    // The newest row always stays, so a node can tell how far the feed reaches.
    await this.feed.delete({ atMs: LessThan(nowMs - this.settings!.feedRetentionMs), seq: LessThan(this.head) });
  }
}
