import 'reflect-metadata';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { RestoreRefused } from './ops/backup/backup-file';
import { restoreBackup } from './ops/backup/backup-restore';
import { InvalidSettingsError, loadSettings } from './settings/load-settings';
import type { Settings } from './settings/settings';

// `npm run restore -- <file>` (node apps/server/dist/restore.js <file>; `-` reads standard
// input): restores a backup (GET /api/v1/admin/backup) into the database the server's settings
// name (DB_TYPE, DATA_DIR, DB_URL, DB_SCHEMA), which must be empty. docs/OPERATIONS.md.
// Exit codes: 0 restored, 1 refused or failed (nothing restored), 2 bad usage or settings.
const USAGE = 'usage: npm run restore -- <backup-file | ->\n  restores into the database of DB_TYPE / DATA_DIR / DB_URL / DB_SCHEMA (the server\'s settings); it must be empty\n';

// Where the rows go, without the password of a URL.
function describeTarget(db: Settings['db']): string {
  if (db.type === 'sqlite') return `sqlite ${db.file}`;
  const url = new URL(db.url);
  const where = `${db.type} ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  return db.type === 'postgres' ? `${where} schema ${db.schema}` : where;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0] === '--help' || args[0] === '-h') {
    process.stderr.write(USAGE);
    return 2;
  }
  let settings: Settings;
  try {
    settings = loadSettings(process.env);
  } catch (error) {
    if (!(error instanceof InvalidSettingsError)) throw error;
    process.stderr.write(`${error.message}\nSee apps/server/.env.example for every variable and its default.\n`);
    return 2;
  }
  const target = describeTarget(settings.db);
  const input: Readable = args[0] === '-' ? process.stdin : createReadStream(args[0]);
  process.stdout.write(`restoring ${args[0] === '-' ? 'standard input' : args[0]} into ${target}\n`);
  try {
    const report = await restoreBackup(settings.db, input);
    const { header } = report;
    process.stdout.write(`backup taken ${header.takenAt} from ${header.databaseType} by Switchboard ${header.serverVersion}\n`);
    const width = Math.max(...report.rows.map((r) => r.table.length));
    for (const { table, rows } of report.rows) process.stdout.write(`  ${table.padEnd(width)}  ${rows}\n`);
    const total = report.rows.reduce((sum, r) => sum + r.rows, 0);
    if (report.migrationsAfter.length) process.stdout.write(`then migrated: ${report.migrationsAfter.join(', ')}\n`);
    process.stdout.write(`restored ${total} rows in ${report.rows.length} tables into ${target}\n`);
    return 0;
  } catch (error) {
    if (error instanceof RestoreRefused) process.stderr.write(`restore refused: ${error.message}\n`);
    else if ((error as NodeJS.ErrnoException).code === 'ENOENT') process.stderr.write(`restore failed: no such file: ${args[0]}\n`);
    else process.stderr.write(`restore failed, nothing was restored: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
