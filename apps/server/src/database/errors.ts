import { QueryFailedError, TypeORMError } from 'typeorm';
import { DomainError, type ErrorRecogniser } from '../common/errors/domain-error';
import type { Settings } from '../settings/settings';

// A duplicate key, whichever database raised it.
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; errno?: number; message?: string };
  return (
    driverError.code === '23505' || // PostgreSQL unique_violation
    driverError.code === 'ER_DUP_ENTRY' || // MySQL / MariaDB
    (driverError.code === 'SQLITE_CONSTRAINT' && /UNIQUE|PRIMARY KEY/.test(driverError.message ?? ''))
  );
}

// The one place that tells a database that cannot be reached (down, restarting, cut off, not
// answering in time) from a failed statement. Such a failure is no bug of ours: the request is
// answered 503 (SERVICE_UNAVAILABLE) through each transport's table and may be retried.

// Where the database listens, to tell its socket errors from those of other peers (Redis).
export interface DatabaseAddress {
  hostname: string;
  port: number;
}

export function databaseAddress(db: Settings['db']): DatabaseAddress | undefined {
  if (db.type === 'sqlite') return undefined;
  const url = new URL(db.url);
  return { hostname: url.hostname, port: Number(url.port || (db.type === 'postgres' ? 5432 : 3306)) };
}

// Socket-level codes, as Node reports them to pg and mysql2. Other peers (Redis) fail with the
// same codes, so they count only inside a TypeORM error or with the database's port or host.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// mysql2 and MySQL/MariaDB: the connection was lost, a query timed out, the server is going away.
const MYSQL_CODES = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN', // 1053: the server is shutting down
  'ER_CON_COUNT_ERROR', // 1040: too many connections
]);
// MariaDB 1927: a shutdown killed the connection (mysql2 has no name for it).
const MARIADB_CONNECTION_KILLED = 1927;
// PostgreSQL SQLSTATE: class 08 (connection exception), and of class 57 57014 query_canceled
// (our statement_timeout: the database did not answer in time), 57P01 admin_shutdown, 57P02
// crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down).
const POSTGRES_STATES = /^(08[0-9A-Z]{3}|57014|57P0[1-3])$/;
// Plain errors without a code: pg and pg-pool, then mysql2.
const DRIVER_MESSAGES = [
  'Connection terminated', // pg: the server or the network closed the connection, or connect timed out
  'timeout exceeded when trying to connect', // pg-pool: no connection within connectionTimeoutMillis
  'Query read timeout', // pg: query_timeout
  'is not queryable', // pg: a client that broke or was closed
  "Can't add new command when connection is in closed state", // mysql2
  "Can't write in closed state", // mysql2
];

interface ErrorFields {
  fatal?: unknown; // mysql2: the connection is lost
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  port?: unknown;
  hostname?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

export function isDatabaseUnavailable(error: unknown, database?: DatabaseAddress): boolean {
  const seen = new Set<unknown>();
  // TypeORM wraps the driver's error (QueryFailedError.driverError); Node wraps the failures of
  // each address tried (AggregateError.errors), and errors may carry a cause.
  const visit = (candidate: unknown, fromTypeOrm: boolean): boolean => {
    if (typeof candidate !== 'object' || candidate === null || seen.has(candidate)) return false;
    seen.add(candidate);
    const { fatal, code, errno, message, port, hostname, driverError, cause, errors } = candidate as ErrorFields;
    if (fatal === true || errno === MARIADB_CONNECTION_KILLED) return true;
    if (typeof code === 'string') {
      if (MYSQL_CODES.has(code) || POSTGRES_STATES.test(code)) return true;
      if (NETWORK_CODES.has(code) && (fromTypeOrm || (database !== undefined && (port === database.port || hostname === database.hostname)))) return true;
    }
    if (typeof message === 'string' && DRIVER_MESSAGES.some((m) => message.includes(m))) return true;
    const wrapped = fromTypeOrm || candidate instanceof TypeORMError;
    return visit(driverError, wrapped) || visit(cause, wrapped) || (Array.isArray(errors) && errors.some((e) => visit(e, wrapped)));
  };
  return visit(error, false);
}

export function databaseUnavailable(): DomainError<'SERVICE_UNAVAILABLE'> {
  return new DomainError('SERVICE_UNAVAILABLE', 'the database is unavailable; retry later');
}

// What DatabaseModule registers with the transports (common/errors/domain-error.ts): a database
// that cannot be reached becomes databaseUnavailable(); `noticed` hears the driver's message.
export function databaseUnavailableRecogniser(database: DatabaseAddress | undefined, noticed: (cause: string) => void = () => undefined): ErrorRecogniser {
  return (error) => {
    if (error instanceof DomainError || !isDatabaseUnavailable(error, database)) return undefined;
    noticed(error instanceof Error ? error.message : String(error));
    return databaseUnavailable();
  };
}
