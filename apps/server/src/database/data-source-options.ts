import sqlite3 from 'sqlite3';
import type { DataSourceOptions } from 'typeorm';
import type { Settings } from '../settings/settings';
import { MIGRATIONS } from './migrations';

// One place that turns settings into TypeORM options, for the app and the specs. The app's
// entities are those each area registers (TypeOrmModule.forFeature, loaded automatically); a
// spec names the ones it uses.
export function dataSourceOptions(db: Settings['db'], entities: DataSourceOptions['entities'] = []): DataSourceOptions {
  const common = { entities, migrations: MIGRATIONS, migrationsRun: true, synchronize: false, logging: false } as const;
  switch (db.type) {
    case 'sqlite':
      // TypeORM turns on the driver's verbose mode, which captures a stack trace on every call
      // (a large share of a publish's CPU time); the plain driver is handed over instead.
      return { ...common, type: 'sqlite', database: db.file, enableWAL: true, busyTimeout: db.busyTimeoutMs, driver: { verbose: () => sqlite3 } };
    case 'postgres':
      return { ...common, type: 'postgres', url: db.url, schema: db.schema };
    case 'mysql':
      return { ...common, type: 'mysql', url: db.url, charset: 'utf8mb4_unicode_ci', supportBigNumbers: true, bigNumberStrings: true };
  }
}
