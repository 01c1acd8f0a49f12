import sqlite3 from 'sqlite3';
import { DataSource, type QueryRunner } from 'typeorm';
import { databaseTypeOf } from './backup-tables';

// One read transaction: every query sees the database as it was when the first one ran, while
// publishes carry on committing.
export interface Snapshot {
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

// PostgreSQL: REPEATABLE READ READ ONLY on a connection of the pool (a snapshot, no locks).
// MySQL/MariaDB (InnoDB): a consistent snapshot taken at START TRANSACTION.
// SQLite: TypeORM's driver runs every query of the app on ONE connection, so a transaction
// opened there would swallow the app's writes; the snapshot is a read transaction on a second
// connection of our own. In WAL mode (the server sets it) a reader sees the last commit before
// its first read and never blocks the writer; the WAL is only checkpointed past it once it ends.
export async function openSnapshot(dataSource: DataSource): Promise<Snapshot> {
  switch (databaseTypeOf(dataSource)) {
    case 'postgres':
      return runnerSnapshot(dataSource.createQueryRunner('slave'), ['START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY']);
    case 'mysql':
      return runnerSnapshot(dataSource.createQueryRunner('slave'), ['SET TRANSACTION ISOLATION LEVEL REPEATABLE READ', 'START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY']);
    case 'sqlite': {
      const { database, busyTimeout } = dataSource.options as { database: string; busyTimeout?: number };
      if (database === ':memory:') throw new Error('an in-memory SQLite database cannot be backed up');
      const own = await new DataSource({ type: 'sqlite', database, busyTimeout, entities: [], migrations: [], driver: { verbose: () => sqlite3 } }).initialize();
      try {
        // Deferred: the snapshot is the state at the first SELECT.
        return await runnerSnapshot(own.createQueryRunner(), ['BEGIN'], () => own.destroy());
      } catch (error) {
        await own.destroy();
        throw error;
      }
    }
  }
}

async function runnerSnapshot(runner: QueryRunner, begin: string[], afterRelease: () => Promise<void> = async () => {}): Promise<Snapshot> {
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    try {
      // Read only: nothing to keep; ROLLBACK also ends a transaction a failed query aborted.
      await runner.query('ROLLBACK').catch(() => undefined);
    } finally {
      await runner.release();
      await afterRelease();
    }
  };
  try {
    for (const statement of begin) await runner.query(statement);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    query: (sql, params) => runner.query(sql, params) as Promise<Record<string, unknown>[]>,
    close,
  };
}
