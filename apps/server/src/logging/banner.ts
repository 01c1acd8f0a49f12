import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { OPS_PATHS } from '@switchboard/shared';
import type { Logger } from 'pino';
import type { Settings } from '../settings/settings';
import { logFormatFor } from './logger';

export interface ReadyFacts {
  port: number; // the HTTP port bound
  grpcPort: number; // the gRPC port bound; 0: gRPC is off
  generatedAdminPassword?: string; // only on the first start, when no password was configured
}

// Where a browser on this machine finds the server: listening on every interface includes the
// loopback address.
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

// The database as a person names it; the credentials and the query (which may carry them) are
// left out.
function databaseName(db: Settings['db']): string {
  if (db.type === 'sqlite') return db.file;
  try {
    const url = new URL(db.url);
    return `${db.type} ${url.host}${url.pathname}${db.type === 'postgres' ? ` (schema ${db.schema})` : ''}`;
  } catch {
    return db.type;
  }
}

// The line that says the server is ready (HTTP and gRPC listening) and where to go next. JSON: one
// line with fields, for whatever reads the logs. Pretty: a few lines for the person at the
// terminal, with the first administrator's password when it was generated on this start (it is
// also in the AuthService line above, in both formats).
export function logReady(logger: Logger, settings: Settings, facts: ReadyFacts): void {
  const base = `http://${urlHost(settings.http.host)}:${facts.port}`;
  const consoleUrl = `${base}/`;
  const apiDocsUrl = `${base}${OPS_PATHS.apiDocs}`;
  const database = settings.db.type === 'sqlite' ? undefined : databaseName(settings.db);
  if (logFormatFor(settings.log.format) === 'json') {
    logger.info(
      { port: facts.port, grpcPort: facts.grpcPort || undefined, host: settings.http.host, db: settings.db.type, dataDir: settings.dataDir, database, consoleUrl, apiDocsUrl },
      'switchboard listening',
    );
    return;
  }
  const consoleBuilt = existsSync(join(settings.consoleDir, 'index.html'));
  const rows: [string, string][] = [
    ['Console', consoleBuilt ? consoleUrl : `${consoleUrl}  (not built: npm run build; the APIs are served)`],
    ['API docs', apiDocsUrl],
    ['Nacos gRPC', facts.grpcPort ? `port ${facts.grpcPort}` : 'off (GRPC_PORT=0)'],
    database ? ['Database', database] : ['Data', `${settings.dataDir}  (SQLite)`],
  ];
  if (!settings.auth.enabled) rows.push(['Sign-in', 'none: AUTH_ENABLED=false, every caller is an administrator']);
  else if (facts.generatedAdminPassword) {
    rows.push(['Sign-in', `${settings.auth.adminUsername} / ${facts.generatedAdminPassword}  (generated on this first start and shown only now: change it after signing in)`]);
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  logger.info(['Switchboard is ready', ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join('\n'));
}
