import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

type TransactionWork = (manager: EntityManager) => Promise<unknown>;

interface QueuedTransaction {
  work: TransactionWork;
  batch?: { kind: string; payload: unknown };
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

// Writes one kind of change for many transactions of a group at once (multi-row statements):
// on SQLite each statement is a round trip to the driver's thread, so a group of N publishes
// costs two statements instead of 2 × N.
export type BatchWriter = (manager: EntityManager, payloads: unknown[]) => Promise<void>;

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
@Injectable()
export class DatabaseWriter {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialise: boolean;
  // The group still open for more transactions; a plain write closes it, so everything runs in
  // the order it was asked for.
  private open: QueuedTransaction[] | undefined;
  private readonly batchWriters = new Map<string, BatchWriter>();

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

  registerBatchWriter(kind: string, writer: BatchWriter): void {
    this.batchWriters.set(kind, writer);
  }

  // `batch`: the same change as data, for a registered batch writer; `work` stays the way to
  // write it alone (databases that write concurrently, or a group that has to be retried).
  transaction<T>(work: (manager: EntityManager) => Promise<T>, batch?: { kind: string; payload: unknown }): Promise<T> {
    if (!this.serialise) return this.dataSource.transaction(work);
    return new Promise<T>((resolve, reject) => {
      const item = { work, batch, resolve: resolve as (value: unknown) => void, reject };
      if (this.open && this.open.length < MAX_GROUP) {
        this.open.push(item);
        return;
      }
      const group = [item];
      void this.write(() => this.commitGroup(group));
      this.open = group; // after write(), which closes the previous group
    });
  }

  // Runs when the writer reaches the group: from then on, new transactions form the next one.
  private async commitGroup(group: QueuedTransaction[]): Promise<void> {
    if (this.open === group) this.open = undefined;
    try {
      const values = new Map<QueuedTransaction, unknown>();
      await this.dataSource.transaction(async (manager) => {
        const batches = new Map<string, QueuedTransaction[]>();
        for (const item of group) {
          if (item.batch && this.batchWriters.has(item.batch.kind)) {
            const list = batches.get(item.batch.kind) ?? [];
            list.push(item);
            batches.set(item.batch.kind, list);
          } else values.set(item, await item.work(manager));
        }
        for (const [kind, items] of batches) {
          await this.batchWriters.get(kind)!(manager, items.map((item) => item.batch!.payload));
          for (const item of items) values.set(item, true);
        }
      });
      for (const item of group) item.resolve(values.get(item));
      return;
    } catch (error) {
      if (group.length === 1) {
        group[0].reject(error);
        return;
      }
    }
    // One of them failed and took the whole group back: each runs again on its own, so only
    // the failing one fails (rare: works are checked before they are queued).
    for (const item of group) {
      try {
        item.resolve(await this.dataSource.transaction(item.work));
      } catch (error) {
        item.reject(error);
      }
    }
  }
}
