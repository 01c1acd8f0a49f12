import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import sqlite3 from 'sqlite3';
import type { BackupEndLine, BackupHeader } from '@switchboard/shared';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dataSourceOptions } from '../../database/data-source-options';
import { MIGRATIONS } from '../../database/migrations';
import type { Settings } from '../../settings/settings';
import { RestoreRefused, openBackupFile, type BackupLine } from './backup-file';
import { SqlDialect } from './backup-tables';
import { decodeValue } from './backup-values';

// Rows per INSERT at most: under every database's bound-parameter limit for our tables, and a
// few megabytes per statement (MySQL's max_allowed_packet).
const BATCH_ROWS = 200;
const BATCH_PARAMS = 30_000;
const BATCH_BYTES = 4 * 1024 * 1024;

export interface RestoreReport {
  header: BackupHeader;
  rows: { table: string; rows: number }[];
  migrationsAfter: string[]; // run after the rows went in: newer than the backup
}

type MigrationClass = (typeof MIGRATIONS)[number];

// Restores a backup into an EMPTY database: the migrations the backup had applied are run, then
// every row is inserted in one transaction (checked against the file's end line before the
// commit), then any newer migration runs over the restored rows as it would at an upgrade.
// A non-empty target is refused, naming a table that holds rows.
export async function restoreBackup(db: Settings['db'], input: Readable): Promise<RestoreReport> {
  const file = await openBackupFile(input);
  const { header } = file;
  const { asTaken, newer } = splitMigrations(header.migrations);
  if (db.type === 'sqlite') mkdirSync(dirname(db.file), { recursive: true });
  const dataSource = await new DataSource({ ...dataSourceOptions(db), migrations: asTaken, migrationsRun: false }).initialize();
  let counts: Map<string, number>;
  try {
    const dialect = new SqlDialect(dataSource);
    const schema = dialect.postgresSchema;
    if (schema && !(await dataSource.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema])).length) await dataSource.query(`CREATE SCHEMA ${dialect.id(schema)}`);
    await refuseNonEmpty(dataSource, dialect, header, () => migrationSeeds(asTaken));
    await dataSource.runMigrations({ transaction: 'all' });
    counts = await insertRows(dataSource, dialect, header, file.lines);
  } finally {
    await dataSource.destroy();
  }
  if (newer.length) {
    const upgrade = await new DataSource({ ...dataSourceOptions(db), migrationsRun: false }).initialize();
    try {
      await upgrade.runMigrations({ transaction: 'all' });
    } finally {
      await upgrade.destroy();
    }
  }
  return { header, rows: header.tables.map((table) => ({ table, rows: counts.get(table) ?? 0 })), migrationsAfter: newer.map(migrationName) };
}

function migrationName(migration: MigrationClass): string {
  return (new (migration as new () => MigrationInterface)()).name ?? migration.name;
}

// The migrations the backup had applied (run before its rows go in) and the newer ones.
function splitMigrations(applied: string[]): { asTaken: MigrationClass[]; newer: MigrationClass[] } {
  const known = new Set(MIGRATIONS.map(migrationName));
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length) {
    throw new RestoreRefused(`the backup was taken by a newer Switchboard (its schema has migration ${unknown.join(', ')}, unknown here): restore it with that version or a later one`);
  }
  const taken = new Set(applied);
  return { asTaken: MIGRATIONS.filter((m) => taken.has(migrationName(m))), newer: MIGRATIONS.filter((m) => !taken.has(migrationName(m))) };
}

// Empty: no table holds more rows than the migrations write by themselves (a counter's first
// row; so a restore that failed can be run again), and no migration newer than the backup ran.
async function refuseNonEmpty(dataSource: DataSource, dialect: SqlDialect, header: BackupHeader, seeds: () => Promise<Map<string, number>>): Promise<void> {
  const exists = async (table: string) => {
    const { sql, params } = dialect.tableExists(table);
    return (await dataSource.query(sql, params)).length > 0;
  };
  let seeded: Map<string, number> | undefined;
  for (const table of header.tables) {
    if (!(await exists(table))) continue;
    const [{ n }] = (await dataSource.query(`SELECT COUNT(*) AS n FROM ${dialect.table(table)}`)) as { n: number | string }[];
    if (Number(n) === 0) continue;
    seeded ??= await seeds();
    if (Number(n) > (seeded.get(table) ?? 0)) {
      throw new RestoreRefused(
        `the target database is not empty: table ${table} has ${n} row(s). Restore into an empty database on which no server has started: a fresh DATA_DIR (SQLite), a new schema (PostgreSQL, DB_SCHEMA) or a new database (MySQL)`,
      );
    }
  }
  const migrations = dialect.migrationsTableName();
  if (await exists(migrations)) {
    const applied = ((await dataSource.query(`SELECT ${dialect.id('name')} AS name FROM ${dialect.migrationsTable()}`)) as { name: string }[]).map((r) => r.name);
    const beyond = applied.filter((name) => !header.migrations.includes(name));
    if (beyond.length) throw new RestoreRefused(`the target database is not empty: its schema already has migration ${beyond.join(', ')}, newer than the backup; restore into an empty database`);
  }
}

// The rows each table holds after these migrations alone, as a scratch in-memory SQLite
// database shows.
async function migrationSeeds(migrations: MigrationClass[]): Promise<Map<string, number>> {
  const scratch = await new DataSource({ type: 'sqlite', database: ':memory:', entities: [], migrations, migrationsRun: true, driver: { verbose: () => sqlite3 } }).initialize();
  try {
    const seeds = new Map<string, number>();
    const tables = (await scratch.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) as { name: string }[];
    for (const { name } of tables) {
      const [{ n }] = (await scratch.query(`SELECT COUNT(*) AS n FROM ${scratch.driver.escape(name)}`)) as { n: number }[];
      if (n > 0) seeds.set(name, n);
    }
    return seeds;
  } finally {
    await scratch.destroy();
  }
}

async function insertRows(dataSource: DataSource, dialect: SqlDialect, header: BackupHeader, lines: AsyncIterator<BackupLine>): Promise<Map<string, number>> {
  const counts = new Map(header.tables.map((table) => [table, 0]));
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    // Rows the migrations themselves write (a counter's first row) are the backup's to give.
    for (const table of header.tables) await runner.query(`DELETE FROM ${dialect.table(table)}`);
    const batch = new InsertBatch(runner, dialect);
    let end: BackupEndLine['end'] | undefined;
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      const item = next.value;
      if (end) throw new RestoreRefused('the backup file has data after its end line: it is damaged');
      if (item.kind === 'end') {
        end = item.line.end;
        continue;
      }
      const { table, row } = item.line;
      const count = counts.get(table);
      if (count === undefined) throw new RestoreRefused(`the backup has a row of table ${table}, which its header does not list`);
      counts.set(table, count + 1);
      await batch.add(table, row, item.bytes);
    }
    await batch.flush();
    if (!end) throw new RestoreRefused('the backup file has no end line: it was cut short (an interrupted download?); nothing was restored');
    for (const table of header.tables) {
      const expected = end.rows[table] ?? 0;
      if (counts.get(table) !== expected) throw new RestoreRefused(`the backup file is damaged: table ${table} has ${counts.get(table)} row(s), its end line says ${expected}; nothing was restored`);
    }
    if (dialect.type === 'postgres') for (const table of header.tables) await resetSequences(runner, dialect, table);
    await runner.commitTransaction();
    return counts;
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

// Multi-row INSERTs of one table's rows.
class InsertBatch {
  private table = '';
  private columns: string[] = [];
  private rows: Record<string, unknown>[] = [];
  private bytes = 0;

  constructor(
    private readonly runner: QueryRunner,
    private readonly dialect: SqlDialect,
  ) {}

  async add(table: string, row: Record<string, unknown>, bytes: number): Promise<void> {
    const columns = Object.keys(row);
    if (table !== this.table || columns.join('\n') !== this.columns.join('\n')) {
      await this.flush();
      this.table = table;
      this.columns = columns;
    }
    this.rows.push(row);
    this.bytes += bytes;
    if (this.rows.length >= BATCH_ROWS || (this.rows.length + 1) * columns.length > BATCH_PARAMS || this.bytes >= BATCH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.rows.length) return;
    const { dialect, columns } = this;
    const params: unknown[] = [];
    const tuples = this.rows.map((row) => `(${columns.map((c) => dialect.param(params.push(decodeValue(row[c], dialect.type)))).join(', ')})`);
    await this.runner.query(`INSERT INTO ${dialect.table(this.table)} (${columns.map((c) => dialect.id(c)).join(', ')}) VALUES ${tuples.join(', ')}`, params);
    this.rows = [];
    this.bytes = 0;
  }
}

// PostgreSQL's serial columns take their next value from a sequence, which rows inserted with
// their own ids do not advance: each is set past the largest id restored. (MySQL's
// AUTO_INCREMENT and SQLite's AUTOINCREMENT follow inserted ids by themselves.)
async function resetSequences(runner: QueryRunner, dialect: SqlDialect, table: string): Promise<void> {
  const serial = (await runner.query("SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_default LIKE 'nextval(%'", [
    dialect.postgresSchema,
    table,
  ])) as { column_name: string }[];
  for (const { column_name: column } of serial) {
    const id = dialect.id(column);
    await runner.query(`SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(${id}), 1), MAX(${id}) IS NOT NULL) FROM ${dialect.table(table)}`, [dialect.table(table), column]);
  }
}
