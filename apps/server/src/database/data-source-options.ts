import type { PoolOptions } from 'mysql2';
import sqlite3 from 'sqlite3';
import { AdvancedConsoleLogger, type DataSourceOptions } from 'typeorm';
import type { Settings } from '../settings/settings';
import { lazyRequire } from '../common/lazy-require';
import { MIGRATIONS } from './migrations';

// PostgreSQL and MySQL: how long a request may wait for the database before it fails (and is
// answered 503, database/errors.ts) instead of hanging while the database is down, restarting
// or not answering. A new connection (or, on PostgreSQL, a free one of the pool) within
// CONNECT_TIMEOUT_MS; a statement within STATEMENT_TIMEOUT_MS (PostgreSQL cancels it, which
// frees the connection; the client gives up a little later if even that gets no answer).
const CONNECT_TIMEOUT_MS = 5_000;
const STATEMENT_TIMEOUT_MS = 30_000;
const QUERY_TIMEOUT_MS = STATEMENT_TIMEOUT_MS + 5_000;
// TCP keep-alive on pooled connections, so a database host that vanished is noticed.
const KEEP_ALIVE_DELAY_MS = 10_000;

// TypeORM logs a query slower than maxQueryExecutionTime (a timed-out one) with its parameters,
// which may be config content: never logged.
class ServerTypeOrmLogger extends AdvancedConsoleLogger {
  override logQuerySlow(): void {}
}

// An idle pooled connection the database closed (a restart) reports an error with no query to
// fail: the pool drops the connection and the next query opens a new one, failing then if the
// database is still away. Without a listener such an error would end the process.
const ignoreIdleConnectionError = (): void => undefined;

// mysql2 with a listener for errors on every pooled connection: the pool's own listener is
// `once`, and TypeORM adds one only to the connections it takes out of the pool.
// Loaded only for MySQL / MariaDB.
const loadMysql2 = lazyRequire<typeof import('mysql2')>('mysql2');
function mysqlDriver(): unknown {
  const mysql2 = loadMysql2();
  return {
    ...mysql2,
    createPool: (config: PoolOptions) => {
      const pool = mysql2.createPool(config);
      pool.on('connection', (connection) => connection.on('error', ignoreIdleConnectionError));
      return pool;
    },
  };
}

// One place that turns settings into TypeORM options, for the app and the specs. The app's
// entities are those each area registers (TypeOrmModule.forFeature, loaded automatically); a
// spec names the ones it uses.
export function dataSourceOptions(db: Settings['db'], entities: DataSourceOptions['entities'] = []): DataSourceOptions {
  const common = { entities, migrations: MIGRATIONS, migrationsRun: true, synchronize: false, logging: false, logger: new ServerTypeOrmLogger(false) } as const;
  switch (db.type) {
    case 'sqlite':
      // TypeORM turns on the driver's verbose mode, which captures a stack trace on every call
      // (a large share of a publish's CPU time); the plain driver is handed over instead.
      return { ...common, type: 'sqlite', database: db.file, enableWAL: true, busyTimeout: db.busyTimeoutMs, driver: { verbose: () => sqlite3 } };
    case 'postgres':
      return {
        ...common,
        type: 'postgres',
        url: db.url,
        schema: db.schema,
        connectTimeoutMS: CONNECT_TIMEOUT_MS,
        poolErrorHandler: ignoreIdleConnectionError,
        extra: { statement_timeout: STATEMENT_TIMEOUT_MS, query_timeout: QUERY_TIMEOUT_MS, keepAlive: true, keepAliveInitialDelayMillis: KEEP_ALIVE_DELAY_MS },
      };
    case 'mysql':
      return {
        ...common,
        type: 'mysql',
        url: db.url,
        charset: 'utf8mb4_unicode_ci',
        supportBigNumbers: true,
        bigNumberStrings: true,
        connectorPackage: 'mysql2',
        driver: mysqlDriver(),
        connectTimeout: CONNECT_TIMEOUT_MS,
        // No statement timeout of the server's here: mysql2's per-query one fails the query (its
        // connection stays busy until the server answers, or keep-alive finds it dead).
        enableQueryTimeout: true,
        maxQueryExecutionTime: STATEMENT_TIMEOUT_MS,
        extra: { enableKeepAlive: true, keepAliveInitialDelay: KEEP_ALIVE_DELAY_MS },
      };
  }
}
