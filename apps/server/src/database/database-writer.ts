import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

// Every write goes through here. TypeORM's SQLite driver works on one connection, so two
// transactions interleaving on it would nest or swallow each other's statements; writes are
// therefore serialised on SQLite (its single writer serialises them anyway). PostgreSQL and
// MySQL use a pool and run writes concurrently.
@Injectable()
export class DatabaseWriter {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialise: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.serialise = dataSource.options.type === 'sqlite';
  }

  write<T>(work: () => Promise<T>): Promise<T> {
    if (!this.serialise) return work();
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.write(() => this.dataSource.transaction(work));
  }
}
