import { Injectable } from '@nestjs/common';
import type { Database as SqliteDatabase } from 'sqlite3';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { ChangeFeedEntity, ChangeFeedHeadEntity, type CommittedEntry, type FeedEntry, type FeedSink } from './change-feed';
import { isDatabaseUnavailable } from './errors';
import { batchScript, postgresScript } from './sql-literals';

type TransactionWork = (manager: EntityManager) => Promise<unknown>;

interface QueuedTransaction {
  work: TransactionWork;
  batch?: { kind: string; payload: unknown };
  feed?: FeedEntry[];
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

// One statement of a batch; `changes`: the number of rows it must change, or the group fails
// (a guarded update that found a row moved on).
export interface BatchStatement {
  sql: string;
  params: unknown[];
  changes?: number;
}

// Writes one kind of change for many transactions of a group at once (multi-row statements):
// on SQLite each statement is a round trip to the driver's thread, so a group of N publishes
// costs two statements instead of 2 × N.
export type BatchWriter = (payloads: unknown[]) => BatchStatement[];

class BatchRefused extends Error {}

// Transactions committed together at most (a bound on how long one batch holds the writer).
const MAX_GROUP = 256;

// Every write goes through here. TypeORM's SQLite driver works on one connection, so two
// transactions interleaving on it would nest or swallow each other's statements; writes are
// therefore serialised on SQLite (its single writer serialises them anyway). PostgreSQL and
// MySQL use a pool and run writes concurrently.
//
// Group commit (SQLite): transactions queued while the writer is busy run together in one
// database transaction; they all commit with one fsync and each caller is answered only after
// that commit: acknowledged still means durable, at a fraction of the fsyncs under concurrent
// writers. If one of them fails, the group is rolled back and each runs again alone, so only
// that one fails (works are database statements only, safe to run again).
//
// PostgreSQL and MySQL write concurrently, so their writes are not serialised; their batchable
// changes (those with a registered batch writer: config changes, audit rows) are still grouped
// the same way, one group committing while the next gathers: a publish is two or three
// multi-row statements shared by the group instead of a transaction of its own with a round
// trip per statement (bench/PROFILE.md, "Cluster mode").
//
// Cluster mode: a transaction names the changes it makes (`feed`), and they are written to the
// change feed in the same transaction (database/change-feed.ts); after the commit the sink (the
// cluster's replication) hears of them with their sequences. On a single node nothing is written.
@Injectable()
export class DatabaseWriter {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialise: boolean;
  // The group still open for more transactions; a plain write closes it, so everything runs in
  // the order it was asked for.
  private open: QueuedTransaction[] | undefined;
  private readonly batchWriters = new Map<string, BatchWriter>();
  private sink: FeedSink | undefined;

  constructor(private readonly dataSource: DataSource) {
    this.serialise = dataSource.options.type === 'sqlite';
  }

  write<T>(work: () => Promise<T>): Promise<T> {
    if (!this.serialise) return work();
    this.open = undefined;
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  // From now on transactions write their changes to the feed, and `sink` hears of each commit.
  feedTo(sink: FeedSink): void {
    if (this.serialise) throw new Error('the change feed needs PostgreSQL or MySQL');
    this.sink = sink;
  }

  registerBatchWriter(kind: string, writer: BatchWriter): void {
    this.batchWriters.set(kind, writer);
  }

  // `batch`: the same change as data, for a registered batch writer; `work` stays the way to
  // write it alone (databases that write concurrently, or a group that has to be retried).
  // `feed`: the changes it makes to replicated state (cluster mode writes them to the feed).
  transaction<T>(work: (manager: EntityManager) => Promise<T>, batch?: { kind: string; payload: unknown }, feed?: FeedEntry[]): Promise<T> {
    if (!this.serialise) {
      if (!batch || !this.batchWriters.has(batch.kind)) return this.runAlone(work, feed);
      return new Promise<T>((resolve, reject) => this.joinBatchGroup({ work, batch, feed, resolve: resolve as (value: unknown) => void, reject }));
    }
    return new Promise<T>((resolve, reject) => {
      const item = { work, batch, feed, resolve: resolve as (value: unknown) => void, reject };
      if (this.open && this.open.length < MAX_GROUP) {
        this.open.push(item);
        return;
      }
      const group = [item];
      void this.write(() => this.commitGroup(group));
      this.open = group; // after write(), which closes the previous group
    });
  }

  // PostgreSQL and MySQL: batchable changes queue behind the group being committed (only they are chained;
  // every other write goes straight to the pool).
  private batchTail: Promise<unknown> = Promise.resolve();

  private joinBatchGroup(item: QueuedTransaction): void {
    if (this.open && this.open.length < MAX_GROUP) {
      this.open.push(item);
      return;
    }
    const group = [item];
    const run = () => this.commitGroup(group);
    this.batchTail = this.batchTail.then(run, run);
    this.open = group;
  }

  // Runs when the writer reaches the group: from then on, new transactions form the next one.
  private async commitGroup(group: QueuedTransaction[]): Promise<void> {
    if (this.open === group) this.open = undefined;
    try {
      const values = new Map<QueuedTransaction, unknown>();
      const batches = new Map<string, QueuedTransaction[]>();
      const works: QueuedTransaction[] = [];
      for (const item of group) {
        if (item.batch && this.batchWriters.has(item.batch.kind)) {
          const list = batches.get(item.batch.kind) ?? [];
          list.push(item);
          batches.set(item.batch.kind, list);
        } else works.push(item);
      }
      const statements: BatchStatement[] = [];
      for (const [kind, items] of batches) {
        statements.push(...this.batchWriters.get(kind)!(items.map((item) => item.batch!.payload)));
        for (const item of items) values.set(item, true);
      }
      const feed = this.sink ? group.flatMap((item) => item.feed ?? []) : [];
      let committed: CommittedEntry[] = [];
      const raw = this.rawSqlite();
      const feedStatement = feed.length && this.dataSource.options.type === 'postgres' ? this.postgresFeedStatement(feed) : undefined;
      const script = works.length === 0 && this.dataSource.options.type === 'postgres' ? postgresScript(feedStatement ? [...statements, feedStatement] : statements) : undefined;
      if (works.length === 0 && raw) {
        await runBatchTransaction(raw, statements);
      } else if (script !== undefined) {
        const rows = await this.postgresQuery(script).catch((error: unknown) => {
          throw isDivisionByZero(error) ? new BatchRefused() : error;
        });
        if (feed.length) committed = numbered(feed, rows);
      } else {
        await this.dataSource.transaction(async (manager) => {
          for (const item of works) values.set(item, await item.work(manager));
          for (const statement of statements) {
            const result = await manager.queryRunner!.query(statement.sql, statement.params, true);
            if (statement.changes !== undefined && result.affected !== statement.changes) throw new BatchRefused();
          }
          if (feed.length) committed = await this.appendFeed(manager, feed);
        });
      }
      if (committed.length) this.sink!.committed(committed);
      for (const item of group) item.resolve(values.get(item));
      return;
    } catch (error) {
      // A single change, or a database that cannot be reached: each would fail alike alone.
      if (group.length === 1 || isDatabaseUnavailable(error)) {
        for (const item of group) item.reject(error);
        return;
      }
    }
    // One of them failed and took the whole group back: each runs again on its own, so only
    // the failing one fails (rare: works are checked before they are queued).
    for (const item of group) {
      try {
        item.resolve(await this.runAlone(item.work, item.feed));
      } catch (error) {
        item.reject(error);
      }
    }
  }

  // One transaction of its own, with its changes written to the feed (cluster mode).
  private async runAlone<T>(work: (manager: EntityManager) => Promise<T>, feed: FeedEntry[] | undefined): Promise<T> {
    const sink = this.sink;
    if (!sink || !feed?.length) return this.dataSource.transaction(work);
    let committed: CommittedEntry[] = [];
    const value = await this.dataSource.transaction(async (manager) => {
      const result = await work(manager);
      committed = await this.appendFeed(manager, feed);
      return result;
    });
    sink.committed(committed);
    return value;
  }

  // Numbers the entries from the feed's counter and writes them, inside the caller's transaction.
  // The counter's row stays locked until the commit, which orders the sequences by commit.
  private async appendFeed(manager: EntityManager, feed: FeedEntry[]): Promise<CommittedEntry[]> {
    if (this.dataSource.options.type === 'postgres') {
      const { sql, params } = this.postgresFeedStatement(feed);
      return numbered(feed, (await manager.query(sql, params)) as { seq: string | number }[]);
    }
    const { head, table } = this.feedTables();
    await manager.query(`UPDATE ${head} SET seq = LAST_INSERT_ID(seq + ?) WHERE id = 1`, [feed.length]);
    const [{ seq }] = (await manager.query('SELECT LAST_INSERT_ID() AS seq')) as { seq: string | number }[];
    const first = Number(seq) - feed.length + 1;
    const params: unknown[] = [];
    const nowMs = Date.now();
    for (const [i, entry] of feed.entries()) params.push(first + i, entry.area, entry.key, this.sink!.node, nowMs);
    await manager.query(`INSERT INTO ${table} (seq, area, entry_key, node, at_ms) VALUES ${feed.map(() => '(?, ?, ?, ?, ?)').join(', ')}`, params);
    return feed.map((entry, i) => ({ ...entry, seq: first + i }));
  }

  // PostgreSQL: the counter's update and the feed's rows in one statement, answering the
  // sequences (it also ends a group's script, whose last result it is).
  private postgresFeedStatement(feed: FeedEntry[]): BatchStatement {
    const { head, table } = this.feedTables();
    const params: unknown[] = [];
    const nowMs = Date.now();
    const rows = feed.map((entry, i) => {
      params.push(entry.area, entry.key, this.sink!.node);
      const at = params.length;
      return `(${i + 1}, $${at - 2}, $${at - 1}, $${at}, ${nowMs})`;
    });
    const n = feed.length;
    return {
      sql:
        `WITH head AS (UPDATE ${head} SET seq = seq + ${n} WHERE id = 1 RETURNING seq) ` +
        `INSERT INTO ${table} (seq, area, entry_key, node, at_ms) SELECT head.seq - ${n} + v.i, v.area, v.entry_key, v.node, v.at_ms ` +
        `FROM head, (VALUES ${rows.join(', ')}) AS v(i, area, entry_key, node, at_ms) RETURNING seq`,
      params,
    };
  }

  private feedTables(): { head: string; table: string } {
    const path = (target: typeof ChangeFeedEntity | typeof ChangeFeedHeadEntity) =>
      this.dataSource
        .getMetadata(target)
        .tablePath.split('.')
        .map((part) => this.dataSource.driver.escape(part))
        .join('.');
    return { head: path(ChangeFeedHeadEntity), table: path(ChangeFeedEntity) };
  }

  // A script of several statements on one pooled connection; answers the rows of the last one.
  private async postgresQuery(script: string): Promise<{ seq: string | number }[]> {
    const pool = (this.dataSource.driver as unknown as { master: { query(sql: string): Promise<unknown> } }).master;
    try {
      const result = (await pool.query(script)) as { rows: { seq: string | number }[] } | { rows: { seq: string | number }[] }[];
      const results = Array.isArray(result) ? result : [result];
      return results.length ? results[results.length - 1].rows : [];
    } catch (error) {
      throw new QueryFailedError(script, [], error as Error);
    }
  }

  // The sqlite3 connection under TypeORM's SQLite driver, when that is the driver.
  private rawSqlite(): SqliteDatabase | undefined {
    return this.dataSource.options.type === 'sqlite' ? ((this.dataSource.driver as unknown as { databaseConnection?: SqliteDatabase }).databaseConnection ?? undefined) : undefined;
  }
}

// A group made only of batch statements skips the ORM's transaction and goes to the database
// thread once: the whole transaction as one script (BEGIN, the statements with their values
// written as SQL literals, a check of each guarded statement's change count, COMMIT), which
// SQLite stops at the first error; the transaction is then rolled back. One trip per group
// instead of one per statement, each of which waits for a turn of a busy event loop. Values a
// script cannot carry (a NUL character, an unusual type) or a very large group use one trip per
// statement with bound parameters instead.
function runBatchTransaction(db: SqliteDatabase, statements: BatchStatement[]): Promise<void> {
  const script = batchScript(statements);
  if (script === undefined) return runBatchSteps(db, statements);
  return new Promise<void>((resolve, reject) => {
    db.exec(script, (error: Error | null) => {
      if (!error) return resolve();
      // A failed statement leaves the transaction open (SQLite undoes only that statement).
      db.exec('ROLLBACK', () => reject(error));
    });
  });
}

// Entries with the sequences the feed's statement answered (consecutive, the last at the top).
function numbered(feed: FeedEntry[], rows: { seq: string | number }[]): CommittedEntry[] {
  const last = Math.max(...rows.map((row) => Number(row.seq)));
  return feed.map((entry, i) => ({ ...entry, seq: last - feed.length + 1 + i }));
}

function isDivisionByZero(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '22012';
}

// BEGIN and the statements are queued on the connection at once (the driver runs them in order
// on its thread); COMMIT follows once they all succeeded with the changes they must make.
function runBatchSteps(db: SqliteDatabase, statements: BatchStatement[]): Promise<void> {
  const step = (sql: string, params: unknown[] = []) =>
    new Promise<number>((resolve, reject) => {
      db.run(sql, params, function (this: { changes: number }, error: Error | null) {
        if (error) reject(error);
        else resolve(this.changes);
      });
    });
  let steps!: Promise<number[]>;
  db.serialize(() => {
    steps = Promise.all([step('BEGIN'), ...statements.map((s) => step(s.sql, s.params))]);
  });
  const checked = steps.then((changes) => {
    statements.forEach((s, i) => {
      if (s.changes !== undefined && changes[i + 1] !== s.changes) throw new BatchRefused();
    });
  });
  return checked.then(
    () => step('COMMIT').then(() => undefined, (error: unknown) => rollback(error)),
    (error: unknown) => rollback(error),
  );

  function rollback(error: unknown): Promise<never> {
    return step('ROLLBACK').then(
      () => Promise.reject(error),
      () => Promise.reject(error),
    );
  }
}
