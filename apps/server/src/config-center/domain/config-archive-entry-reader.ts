import { CONFIG_RULES, CONFIG_RULE_TEXT } from '@switchboard/shared';
import type AdmZip from 'adm-zip';
import { validationFailed } from '../../common/errors/domain-error';
import { lazyRequire } from '../../common/lazy-require';
import type { ArchiveProblem } from './config-archive';

// adm-zip reads the central directory, checks each entry's CRC-32 and caps inflating at the
// declared size; fflate (which writes our exports) reports neither the CRC nor the raw name.
const admZip = lazyRequire<typeof import('adm-zip')>('adm-zip');

export const V2_METADATA_ENTRY = '.metadata.yml';
export const V1_METADATA_ENTRY = '.meta.yml';

export interface ArchiveLimits {
  maxTotalBytes: number;
  maxEntries: number;
}

// fatal: a config that is not UTF-8 must not be imported with replacement characters;
// ignoreBOM: keep a leading BOM, the content must round-trip byte for byte.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// Java's ZipInputStream reads every name as UTF-8, whatever the UTF-8 flag (bit 11) says;
// a name that is not UTF-8 falls back to Latin-1 so it can still be reported.
const javaEntryNames: AdmZip.ZipTextDecoder = {
  encode: (text) => Buffer.from(text, 'utf8'),
  decode: (bytes) => decodeUtf8(bytes) ?? Buffer.from(bytes).toString('latin1'),
};

// The text of every config and metadata entry, by name; what is skipped goes to `problems`.
// Throws validationFailed (field "file") for an archive that is too large or cannot be read.
export function readArchiveTexts(
  zip: Uint8Array,
  limits: ArchiveLimits,
  problems: ArchiveProblem[],
): Map<string, string> {
  const archive = openArchive(zip);
  // The count comes from the end record: refused before the central directory is read.
  const count = archive.getEntryCount();
  if (count > limits.maxEntries) {
    throw validationFailed([
      {
        field: 'file',
        rule: 'maxEntries',
        message: `the archive has ${count} entries; at most ${limits.maxEntries} are allowed`,
      },
    ]);
  }

  // Refuse oversized archives from the declared sizes before inflating: adm-zip inflates no
  // entry past its declared size, so they bound the memory used.
  const wanted: { name: string; entry: AdmZip.IZipEntry }[] = [];
  let totalBytes = 0;
  for (const entry of readEntries(archive)) {
    const name = entry.entryName;
    const skipReason = skipReasonFor(name, entry.header.method);
    if (skipReason !== undefined) {
      problems.push({ entry: name, message: skipReason });
      continue;
    }
    wanted.push({ name, entry });
    totalBytes += entry.header.size;
    if (totalBytes > limits.maxTotalBytes) {
      throw validationFailed([
        {
          field: 'file',
          rule: 'maxSize',
          message: `the archive expands to more than ${limits.maxTotalBytes} bytes, the most an import may hold`,
        },
      ]);
    }
  }

  const texts = new Map<string, string>();
  for (const { name, entry } of wanted) {
    const data = inflate(entry);
    if (data === undefined) {
      if (isMetadataEntry(name)) throw notAZip(`${name} is damaged`);
      problems.push({ entry: name, message: 'damaged entry (size or checksum mismatch); skipped' });
      continue;
    }
    const text = decodeUtf8(data);
    if (text === undefined) {
      if (isMetadataEntry(name)) throw notAZip(`${name} is not UTF-8`);
      problems.push({ entry: name, message: 'content is not valid UTF-8; skipped' });
      continue;
    }
    texts.set(name, text);
  }
  return texts;
}

function openArchive(zip: Uint8Array): AdmZip {
  try {
    // adm-zip takes only a Buffer as an archive (any other Uint8Array starts an empty one).
    const buffer = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
    // noSort: entries and their problems in archive order.
    return new (admZip())(buffer, { noSort: true, decoder: javaEntryNames });
  } catch (error) {
    throw notAZip(admZipMessage(error));
  }
}

// adm-zip refuses an archive in which two entries share a name: one name with two contents,
// and no telling which is meant.
function readEntries(archive: AdmZip): AdmZip.IZipEntry[] {
  try {
    return archive.getEntries();
  } catch (error) {
    throw notAZip(admZipMessage(error));
  }
}

// The entry's content, or undefined when it is damaged: its CRC-32 or size does not match
// what the archive declares. Data that does not inflate at all makes the archive unreadable.
function inflate(entry: AdmZip.IZipEntry): Buffer | undefined {
  let data: Buffer;
  try {
    data = entry.getData();
  } catch (error) {
    if (isDamage(error)) return undefined;
    throw notAZip(admZipMessage(error));
  }
  // A stored entry is as long as its compressed data, which may not be the declared size.
  return data.length === entry.header.size ? data : undefined;
}

function isDamage(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // zlib's refusal to inflate past the declared size (maxOutputLength).
  if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return true;
  return /CRC32 checksum failed|exceeds the declared uncompressed size/.test(error.message);
}

function admZipMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^ADM-ZIP: /, '');
}

// Why an entry is not read, or undefined for a config or metadata entry.
function skipReasonFor(name: string, compression: number): string | undefined {
  if (isMetadataEntry(name)) return undefined;
  if (name.startsWith('__MACOSX/') || name === '.DS_Store' || name.endsWith('/.DS_Store')) {
    return 'operating-system metadata file; ignored';
  }
  if (name.endsWith('/')) return 'directory entry; ignored';
  if (compression !== 0 && compression !== 8)
    return `unsupported compression method ${compression}; skipped`;
  const parts = name.split('/');
  if (parts.length !== 2) return 'not a "{group}/{dataId}" entry; skipped';
  const problem = checkKey(parts[0], parts[1]);
  return problem === undefined ? undefined : `${problem}; skipped`;
}

function isMetadataEntry(name: string): boolean {
  return name === V2_METADATA_ENTRY || name === V1_METADATA_ENTRY;
}

// Why a group and dataId cannot make a "{group}/{dataId}" entry, or undefined when they can.
export function checkKey(group: string, dataId: string): string | undefined {
  // "." and ".." match the id pattern but read as path traversal; no exporter writes them.
  if (/^\.+$/.test(group) || /^\.+$/.test(dataId)) return 'group and dataId may not be "." or ".."';
  if (group.length > CONFIG_RULES.groupMaxLength || !CONFIG_RULES.idPattern.test(group)) {
    return `group must be ${CONFIG_RULE_TEXT.group}`;
  }
  if (dataId.length > CONFIG_RULES.dataIdMaxLength || !CONFIG_RULES.idPattern.test(dataId)) {
    return `dataId must be ${CONFIG_RULE_TEXT.dataId}`;
  }
  return undefined;
}

export function splitName(name: string): [string, string] {
  const slash = name.indexOf('/');
  return [name.slice(0, slash), name.slice(slash + 1)];
}

export function notAZip(reason: string) {
  return validationFailed([
    { field: 'file', rule: 'format', message: `not a readable config archive: ${reason}` },
  ]);
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
