import { randomBytes } from 'node:crypto';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import type { Settings } from '../../settings/settings';
import { dataSourceOptions } from '../data-source-options';

// The databases a spec can run against: embedded SQLite always, and the PostgreSQL and
// MariaDB/MySQL servers of this machine, each run in its own fresh schema / database.
export const TEST_DB_URLS = {
  postgres: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  mysql: process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test',
};

export type TestDbType = Settings['db']['type'];
export const TEST_DB_TYPES: TestDbType[] = ['sqlite', 'postgres', 'mysql'];

export interface TestDatabase {
  db: Settings['db'];
  drop: () => Promise<void>;
}

async function adminQuery(type: 'postgres' | 'mysql', sql: string): Promise<void> {
  const admin = new DataSource({ type, url: TEST_DB_URLS[type] } as ConstructorParameters<typeof DataSource>[0]);
  await admin.initialize();
  try {
    await admin.query(sql);
  } finally {
    await admin.destroy();
  }
}

export async function createTestDatabase(type: TestDbType): Promise<TestDatabase> {
  const name = `sb_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  switch (type) {
    case 'sqlite':
      return { db: { type: 'sqlite', file: ':memory:', busyTimeoutMs: 5000, synchronous: 'FULL' }, drop: async () => {} };
    case 'postgres':
      await adminQuery('postgres', `CREATE SCHEMA "${name}"`);
      return {
        db: { type: 'postgres', url: TEST_DB_URLS.postgres, schema: name },
        drop: () => adminQuery('postgres', `DROP SCHEMA "${name}" CASCADE`),
      };
    case 'mysql': {
      await adminQuery('mysql', `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
      const url = new URL(TEST_DB_URLS.mysql);
      url.pathname = `/${name}`;
      return { db: { type: 'mysql', url: url.toString() }, drop: () => adminQuery('mysql', `DROP DATABASE \`${name}\``) };
    }
  }
}

// Is the server for this type reachable? SQLite always is.
export async function isDatabaseAvailable(type: TestDbType): Promise<boolean> {
  if (type === 'sqlite') return true;
  try {
    await adminQuery(type, 'SELECT 1');
    return true;
  } catch {
    return false;
  }
}

// Opens a data source on a fresh database with every migration applied (as at start-up), with
// the entities the spec uses (each area registers its own; the database knows none of them).
export async function openMigratedDataSource(test: TestDatabase, entities: DataSourceOptions['entities']): Promise<DataSource> {
  return new DataSource(dataSourceOptions(test.db, entities)).initialize();
}

// Runs a spec body once per database type, each on a fresh migrated database. Unreachable
// servers are skipped loudly, unless REQUIRE_DATABASES=1 (CI), where they fail.
export function describeOnEachDatabase(name: string, entities: DataSourceOptions['entities'], body: (handle: { readonly dataSource: DataSource; readonly type: TestDbType }) => void): void {
  describe.each(TEST_DB_TYPES)(`${name} on %s`, (type) => {
    let test: TestDatabase | undefined;
    let dataSource: DataSource | undefined;
    let available = false;

    beforeAll(async () => {
      available = process.env.REQUIRE_DATABASES === '1' || (await isDatabaseAvailable(type));
      if (!available) {
        console.warn(`\n!!! ${type} is not reachable: its specs are SKIPPED (set REQUIRE_DATABASES=1 to fail instead)\n`);
        return;
      }
      test = await createTestDatabase(type);
      dataSource = await openMigratedDataSource(test, entities);
    });

    afterAll(async () => {
      await dataSource?.destroy();
      await test?.drop();
    });

    beforeEach((context) => {
      if (!available) context.skip();
    });

    body({
      get dataSource() {
        if (!dataSource) throw new Error(`no ${type} data source`);
        return dataSource;
      },
      type,
    });
  });
}
