import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';
import { Injectable, Logger } from '@nestjs/common';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupEndLine, type BackupHeader, type BackupRowLine } from '@switchboard/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import type { Actor } from '../../identity/actor';
import { DomainEvents } from '../../common/events/domain-events';
import './backup.events';
import { openSnapshot, type Snapshot } from './backup-snapshot';
import { SqlDialect, backupTablesOf, type BackupTable } from './backup-tables';
import { encodeRow } from './backup-values';

// Rows read per query at most; fewer while rows are large (a page is held in memory while it
// is written out), so memory stays bounded by a page, not the table.
const MAX_PAGE_ROWS = 500;
const PAGE_BYTES = 8 * 1024 * 1024;

export interface OpenedBackup {
  fileName: string;
  stream: Readable; // the gzip'd file; reading it reads the tables
}

// A backup is LOGICAL (rows as JSON lines, values in a database-neutral form), not a copy of
// the database's files or a dump in one database's SQL: the same file restores into SQLite,
// PostgreSQL or MySQL (an SQLite node's backup can seed a PostgreSQL cluster), and the restore
// goes through the migrations, so it does not depend on one database's storage format or
// version. The tables are those of the app's entities, all read in one read transaction (a
// consistent snapshot, taken while publishes continue) and streamed as the client reads.
// One backup at a time per server: each holds a transaction open and costs a core for gzip.
@Injectable()
export class BackupService {
  private readonly logger = new Logger(BackupService.name);
  private readonly serverVersion = readServerVersion();
  private inFlight = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  // Opens the snapshot and records who took it; errors up to here are answered as errors, later
  // ones cut the download short (the file then lacks its end line, and the restore refuses it).
  async open(actor: Actor): Promise<OpenedBackup> {
    if (this.inFlight) throw new DomainError('TOO_MANY_CONCURRENT_REQUESTS', 'a backup is being taken already; this server takes one at a time: retry when it has finished', { limit: 1 });
    this.inFlight = true;
    try {
      return await this.start(actor);
    } catch (error) {
      this.inFlight = false;
      throw error;
    }
  }

  private async start(actor: Actor): Promise<OpenedBackup> {
    const dialect = new SqlDialect(this.dataSource);
    const tables = backupTablesOf(this.dataSource);
    const snapshot = await openSnapshot(this.dataSource);
    let header: BackupHeader;
    let fileName: string;
    try {
      // The first read: on SQLite it is what fixes the snapshot.
      const migrations = (await snapshot.query(`SELECT ${dialect.id('name')} FROM ${dialect.migrationsTable()} ORDER BY ${dialect.id('id')}`)).map((r) => String(r.name));
      const takenAt = this.clock.now();
      header = { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, databaseType: dialect.type, migrations, takenAt: takenAt.toISOString(), serverVersion: this.serverVersion, tables: tables.map((t) => t.name) };
      fileName = `switchboard-backup-${takenAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.jsonl.gz`;
      this.events.emit('ops.backupTaken', { fileName, databaseType: header.databaseType, tables: header.tables.length, migrations: header.migrations.length, actor, at: takenAt });
    } catch (error) {
      await snapshot.close();
      throw error;
    }
    const started = Date.now();
    this.logger.log(`backup started by=${actor.user} ip=${actor.sourceIp} db=${dialect.type} tables=${tables.length} file=${fileName}`);
    const counts: Record<string, number> = {};
    const source = Readable.from(backupLines(snapshot, dialect, tables, header, counts), { objectMode: false });
    const stream = pipeline(source, createGzip(), (error) => {
      this.inFlight = false;
      const rows = Object.values(counts).reduce((a, b) => a + b, 0);
      if (error) this.logger.warn(`backup cut short by=${actor.user} file=${fileName} rows=${rows}: ${error.message}`);
      else this.logger.log(`backup finished by=${actor.user} file=${fileName} rows=${rows} in ${Date.now() - started} ms`);
    });
    return { fileName, stream };
  }
}

async function* backupLines(snapshot: Snapshot, dialect: SqlDialect, tables: BackupTable[], header: BackupHeader, counts: Record<string, number>): AsyncGenerator<string> {
  try {
    yield `${JSON.stringify(header)}\n`;
    for (const table of tables) {
      counts[table.name] = 0;
      let after: unknown[] | undefined;
      let limit = MAX_PAGE_ROWS;
      for (;;) {
        const rows = await snapshot.query(dialect.pageQuery(table, after, limit), after);
        let bytes = 0;
        for (const raw of rows) {
          const line = `${JSON.stringify({ table: table.name, row: encodeRow(raw, table.kinds) } satisfies BackupRowLine)}\n`;
          bytes += line.length;
          yield line;
        }
        counts[table.name] += rows.length;
        if (rows.length < limit) break;
        const last = rows[rows.length - 1];
        after = table.primaryKey.map((column) => last[column]);
        limit = bytes > PAGE_BYTES ? Math.max(1, Math.floor(limit / 2)) : Math.min(MAX_PAGE_ROWS, limit * 2);
      }
    }
    yield `${JSON.stringify({ end: { rows: counts } } satisfies BackupEndLine)}\n`;
  } finally {
    // Also when the client went away (the stream is destroyed and the generator returns).
    await snapshot.close();
  }
}

// The server's version, from its package.json (found above the compiled file).
function readServerVersion(): string {
  for (let dir = __dirname, i = 0; i < 6; dir = dirname(dir), i += 1) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@switchboard/server' && pkg.version) return pkg.version;
    } catch {
      // not here
    }
  }
  return 'unknown';
}
