import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

type TransactionWork = (manager: EntityManager) => Promise<unknown>;

interface QueuedTransaction {
  work: TransactionWork;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

// Transactions committed together at most (a bound on how long one batch holds the writer).
const MAX_GROUP = 256;

// Every write goes through here. TypeORM's SQLite driver works on one connection, so two
// transactions interleaving on it would nest or swallow each other's statements; writes are
// therefore serialised on SQLite (its single writer serialises them anyway). PostgreSQL and
// MySQL use a pool and run writes concurrently.
//
// Group commit (SQLite): transactions queued while the writer is busy run together in one
// database transaction, each inside its own savepoint, so one that fails rolls back alone. They
// all commit with one fsync and each caller is answered only after that commit: acknowledged
// still means durable, at a fraction of the fsyncs under concurrent writers.
@Injectable()
export class DatabaseWriter {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialise: boolean;
  // The group still open for more transactions; a plain write closes it, so everything runs in
  // the order it was asked for.
  private open: QueuedTransaction[] | undefined;

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

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialise) return this.dataSource.transaction(work);
    return new Promise<T>((resolve, reject) => {
      const item = { work, resolve: resolve as (value: unknown) => void, reject };
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
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await this.dataSource.transaction(async (manager) => {
        for (const item of group) {
          try {
            // Nested: a savepoint of the group's transaction.
            outcomes.push({ ok: true, value: await manager.transaction(item.work) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed: nothing of the group is durable.
      for (const item of group) item.reject(error);
      return;
    }
    group.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}
