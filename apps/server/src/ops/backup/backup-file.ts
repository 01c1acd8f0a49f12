import { StringDecoder } from 'node:string_decoder';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupEndLine, type BackupHeader, type BackupRowLine } from '@switchboard/shared';

// A backup file that cannot be restored as it is: damaged, cut short, of another format or from
// a newer server, or a target that is not empty.
export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

export type BackupLine = { kind: 'row'; line: BackupRowLine; bytes: number } | { kind: 'end'; line: BackupEndLine };

export interface BackupFile {
  header: BackupHeader;
  lines: AsyncIterator<BackupLine>; // the rows, then the end line
}

// Reads a backup (gzip'd JSON lines) as it arrives: the header first, the rest on demand.
export async function openBackupFile(input: Readable): Promise<BackupFile> {
  const texts = textLines(pipeline(input, createGunzip(), () => undefined));
  const first = await texts.next();
  if (first.done) throw new RestoreRefused('the backup file is empty');
  const header = parseLine(first.value.text, 1) as Partial<BackupHeader>;
  if (header.format !== BACKUP_FORMAT) throw new RestoreRefused(`not a Switchboard backup: the first line has no "format": "${BACKUP_FORMAT}"`);
  if (typeof header.formatVersion !== 'number' || header.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new RestoreRefused(`the backup has format version ${String(header.formatVersion)}; this Switchboard reads up to ${BACKUP_FORMAT_VERSION}: restore it with the version that took it, or a later one`);
  }
  if (!Array.isArray(header.tables) || !Array.isArray(header.migrations)) throw new RestoreRefused('the backup header lists no tables or migrations');
  return { header: header as BackupHeader, lines: rowLines(texts) };
}

async function* rowLines(texts: AsyncGenerator<{ text: string; n: number }>): AsyncGenerator<BackupLine> {
  for await (const { text, n } of texts) {
    const line = parseLine(text, n) as Partial<BackupRowLine & BackupEndLine>;
    if (typeof line.table === 'string' && line.row && typeof line.row === 'object') yield { kind: 'row', line: line as BackupRowLine, bytes: text.length };
    else if (line.end && typeof line.end === 'object') yield { kind: 'end', line: line as BackupEndLine };
    else throw new RestoreRefused(`line ${n} of the backup is neither a row nor the end line`);
  }
}

function parseLine(text: string, n: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new RestoreRefused(`line ${n} of the backup is not JSON: the file is damaged`);
  }
}

// The file's lines, decoded as they arrive (a line may be many megabytes: a large config).
async function* textLines(stream: AsyncIterable<Buffer>): AsyncGenerator<{ text: string; n: number }> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let n = 0;
  try {
    for await (const chunk of stream) {
      // A newline can only be in the new text.
      const searchFrom = pending.length;
      pending += decoder.write(chunk);
      let start = 0;
      for (let newline = pending.indexOf('\n', searchFrom); newline >= 0; newline = pending.indexOf('\n', start)) {
        n += 1;
        yield { text: pending.slice(start, newline), n };
        start = newline + 1;
      }
      pending = pending.slice(start);
    }
  } catch (error) {
    // zlib's errors (Z_BUF_ERROR: cut short, Z_DATA_ERROR: not gzip); the file's own pass.
    if (!String((error as NodeJS.ErrnoException).code).startsWith('Z_')) throw error;
    throw new RestoreRefused(`the backup file is damaged or cut short (${(error as Error).message})`);
  }
  pending += decoder.end();
  if (pending.trim()) throw new RestoreRefused('the backup file ends in the middle of a line: it was cut short');
}
