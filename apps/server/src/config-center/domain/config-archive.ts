import { CONFIG_RULES, CONFIG_RULE_TEXT, CONFIG_TYPES, type ConfigType } from '@switchboard/shared';
import type { Zippable } from 'fflate';
import { validationFailed } from '../../common/errors/domain-error';
import { lazyRequire } from '../../common/lazy-require';

const fflate = lazyRequire<typeof import('fflate')>('fflate');
const yaml = lazyRequire<typeof import('yaml')>('yaml');

// The zip layout of Nacos's config export/import, read from the Nacos sources (alibaba/nacos):
// - config/.../utils/ZipUtils.java: java.util.zip, one DEFLATE entry per item, names and contents UTF-8;
//   unzip skips directory entries and takes the first root entry named ".meta.yml" or ".metadata.yml"
//   as the metadata file (constants CONFIG_EXPORT_METADATA / CONFIG_EXPORT_METADATA_NEW in constant/Constants.java).
// - Every config is an entry "{group}/{dataId}" (CONFIG_EXPORT_ITEM_FILE_SEPARATOR = "/") holding the raw content.
//   Import splits the name on "/" and reports any name that does not give exactly two parts as unrecognized.
// - v1 (`?export=true`, ConfigController.exportConfig): ".meta.yml" is not YAML but "key=value" lines joined by
//   "\r\n", written only for configs with an appName: "{group}.{dataId'}.app={appName}", where dataId' is the
//   dataId with its LAST "." replaced by "~". There are no desc or type lines in any version we read.
// - v2 (`?exportV2=true` in 2.x ConfigController.exportConfigV2, the only layout of 3.x ConfigControllerV3 /export):
//   ".metadata.yml" is SnakeYAML's dumpAsMap of model/ConfigMetadata.java, keys in alphabetical order, null keys
//   left out:  metadata:\n- appName: a\n  dataId: d\n  desc: x\n  group: g\n  type: yaml
//   Import (parseImportDataV2) needs dataId, group and type on every item, skips entries not in the metadata and
//   reports metadata items without an entry. utils/YamlParserUtil.java reads every item value as a raw scalar
//   string and also reads "configTags" (comma-separated); Nacos never writes it and ignores unknown keys.
// We write the v2 layout and add "configTags" when a config has tags (Nacos import ignores it).

export interface PortableConfig {
  group: string;
  dataId: string;
  content: string;
  type: ConfigType;
  appName: string;
  description: string;
  tags: string[];
}

export interface ArchiveProblem {
  entry: string; // zip entry name, or "group/dataId" for a metadata item without an entry
  message: string;
}

export interface ConfigArchiveContents {
  items: PortableConfig[]; // sorted by group, then dataId
  problems: ArchiveProblem[];
}

export interface WriteConfigArchiveOptions {
  modifiedAt?: Date; // entry timestamps; default 1980-01-01 so the same configs give the same bytes
}

export interface ReadConfigArchiveOptions {
  maxTotalBytes?: number; // uncompressed bytes over all entries we extract; default 200 MB
  maxEntries?: number; // default 10,000
}

export const CONFIG_ARCHIVE_LIMITS = {
  maxTotalBytes: CONFIG_RULES.importMaxTotalBytes,
  maxEntries: CONFIG_RULES.importMaxEntries,
} as const;

export const V2_METADATA_ENTRY = '.metadata.yml';
export const V1_METADATA_ENTRY = '.meta.yml';

const ZIP_DOS_EPOCH = new Date(1980, 0, 1); // earliest time a zip entry can carry
const utf8Encoder = new TextEncoder();
// fatal: a config that is not UTF-8 must not be imported with replacement characters;
// ignoreBOM: keep a leading BOM, the content must round-trip byte for byte.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8Decoder = new TextDecoder(); // how fflate decodes flagged entry names

export function writeConfigArchive(
  configs: readonly PortableConfig[],
  options: WriteConfigArchiveOptions = {},
): Uint8Array {
  const names = new Set<string>();
  configs.forEach((config, index) => {
    const name = `${config.group}/${config.dataId}`;
    // A "/" or ".." in a key would make an entry that no importer reads back as this config.
    const keyProblem = checkKey(config.group, config.dataId);
    if (keyProblem !== undefined) {
      throw validationFailed([
        { field: `configs[${index}]`, rule: 'pattern', message: `${name}: ${keyProblem}` },
      ]);
    }
    if (names.has(name)) {
      throw validationFailed([
        { field: `configs[${index}]`, rule: 'unique', message: `${name} is listed twice` },
      ]);
    }
    names.add(name);
  });
  const sorted = [...configs].sort(
    (a, b) => compareText(a.group, b.group) || compareText(a.dataId, b.dataId),
  );
  // Insertion order is entry order: "group/dataId" keys are never integer-like, so objects keep it.
  const files: Zippable = {};
  for (const config of sorted) {
    files[`${config.group}/${config.dataId}`] = utf8Encoder.encode(config.content);
  }
  files[V2_METADATA_ENTRY] = utf8Encoder.encode(
    // version 1.1 quotes yes/no/on/off, which SnakeYAML (YAML 1.1) would otherwise read as booleans.
    yaml().stringify(
      { metadata: sorted.map(metadataItem) },
      { version: '1.1', indentSeq: false, lineWidth: 0 },
    ),
  );
  return fflate().zipSync(files, { level: 6, mtime: options.modifiedAt ?? ZIP_DOS_EPOCH });
}

export function readConfigArchive(
  zip: Uint8Array,
  options: ReadConfigArchiveOptions = {},
): ConfigArchiveContents {
  const maxTotalBytes = options.maxTotalBytes ?? CONFIG_ARCHIVE_LIMITS.maxTotalBytes;
  const maxEntries = options.maxEntries ?? CONFIG_ARCHIVE_LIMITS.maxEntries;
  const problems: ArchiveProblem[] = [];
  const central = readCentralDirectory(zip, maxEntries);

  // Decide from the central directory which entries to inflate and refuse oversized archives before inflating:
  // fflate allocates exactly the declared size per entry, so the declared sizes bound the memory used.
  const wanted = new Map<string, ZipEntry>(); // fflate's name → last entry with that name
  let totalBytes = 0;
  for (const entry of central) {
    const skipReason = skipReasonFor(entry);
    if (skipReason !== undefined) {
      problems.push({ entry: entry.name, message: skipReason });
      continue;
    }
    if (wanted.has(entry.rawName)) {
      problems.push({ entry: entry.name, message: 'duplicate entry; the last one is used' });
    }
    wanted.set(entry.rawName, entry);
    totalBytes += entry.size;
    if (totalBytes > maxTotalBytes) {
      throw validationFailed([
        {
          field: 'file',
          rule: 'maxSize',
          message: `the archive expands to more than ${maxTotalBytes} bytes, the most an import may hold`,
        },
      ]);
    }
  }

  let files: Record<string, Uint8Array>;
  try {
    // With duplicate names fflate keeps the last one, as does the map above.
    files = fflate().unzipSync(zip, { filter: (file) => wanted.has(file.name) });
  } catch (error) {
    throw notAZip(error instanceof Error ? error.message : String(error));
  }

  const texts = new Map<string, string>(); // decoded entry name → content
  for (const entry of wanted.values()) {
    const data = files[entry.rawName];
    if (data === undefined || data.length !== entry.size || crc32(data) !== entry.crc) {
      if (isMetadataEntry(entry.name)) throw notAZip(`${entry.name} is damaged`);
      problems.push({
        entry: entry.name,
        message: 'damaged entry (size or checksum mismatch); skipped',
      });
      continue;
    }
    const text = decodeUtf8(data);
    if (text === undefined) {
      if (isMetadataEntry(entry.name)) throw notAZip(`${entry.name} is not UTF-8`);
      problems.push({ entry: entry.name, message: 'content is not valid UTF-8; skipped' });
      continue;
    }
    texts.set(entry.name, text);
  }

  const v2 = texts.get(V2_METADATA_ENTRY);
  const v1 = texts.get(V1_METADATA_ENTRY);
  texts.delete(V2_METADATA_ENTRY);
  texts.delete(V1_METADATA_ENTRY);
  let items: PortableConfig[];
  if (v2 !== undefined) {
    if (v1 !== undefined) {
      problems.push({
        entry: V1_METADATA_ENTRY,
        message: `ignored: ${V2_METADATA_ENTRY} is present`,
      });
    }
    items = itemsFromV2(texts, v2, problems);
  } else {
    const appNames = v1 === undefined ? new Map<string, string>() : parseV1Metadata(v1, problems);
    items = [...texts].map(([name, content]) => {
      const [group, dataId] = splitName(name);
      return {
        group,
        dataId,
        content,
        type: 'text',
        appName: appNames.get(v1AppKey(group, dataId)) ?? '',
        description: '',
        tags: [],
      };
    });
  }
  items.sort((a, b) => compareText(a.group, b.group) || compareText(a.dataId, b.dataId));
  return { items, problems };
}

interface ZipEntry {
  rawName: string; // as fflate decodes it (Latin-1 when the UTF-8 flag is unset)
  name: string; // as Java's ZipInputStream reads it (UTF-8 by default)
  size: number; // declared uncompressed size
  crc: number;
  compression: number;
}

interface MetadataItem {
  appName: string;
  description: string;
  type: ConfigType;
  tags: string[];
}

function metadataItem(config: PortableConfig): Record<string, string> {
  const item: Record<string, string> = {};
  if (config.appName) item.appName = config.appName;
  if (config.tags.length > 0) item.configTags = config.tags.join(',');
  item.dataId = config.dataId;
  if (config.description) item.desc = config.description;
  item.group = config.group;
  item.type = config.type;
  return item;
}

// Why an entry is not read, or undefined for a config or metadata entry.
function skipReasonFor(entry: ZipEntry): string | undefined {
  const { name } = entry;
  if (isMetadataEntry(name)) return undefined;
  if (name.startsWith('__MACOSX/') || name === '.DS_Store' || name.endsWith('/.DS_Store')) {
    return 'operating-system metadata file; ignored';
  }
  if (name.endsWith('/')) return 'directory entry; ignored';
  if (entry.compression !== 0 && entry.compression !== 8)
    return `unsupported compression method ${entry.compression}; skipped`;
  const parts = name.split('/');
  if (parts.length !== 2) return 'not a "{group}/{dataId}" entry; skipped';
  const problem = checkKey(parts[0], parts[1]);
  return problem === undefined ? undefined : `${problem}; skipped`;
}

function isMetadataEntry(name: string): boolean {
  return name === V2_METADATA_ENTRY || name === V1_METADATA_ENTRY;
}

function checkKey(group: string, dataId: string): string | undefined {
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

function splitName(name: string): [string, string] {
  const slash = name.indexOf('/');
  return [name.slice(0, slash), name.slice(slash + 1)];
}

function itemsFromV2(
  texts: Map<string, string>,
  metadataText: string,
  problems: ArchiveProblem[],
): PortableConfig[] {
  const metadata = parseV2Metadata(metadataText, problems);
  const items: PortableConfig[] = [];
  for (const [name, content] of texts) {
    const meta = metadata.get(name);
    // As Nacos's parseImportDataV2: an entry the metadata does not list is not imported.
    if (!meta) {
      problems.push({ entry: name, message: `not listed in ${V2_METADATA_ENTRY}; skipped` });
      continue;
    }
    const [group, dataId] = splitName(name);
    items.push({ group, dataId, content, ...meta });
  }
  for (const name of metadata.keys()) {
    if (!texts.has(name))
      problems.push({
        entry: name,
        message: `listed in ${V2_METADATA_ENTRY} but missing from the archive`,
      });
  }
  return items;
}

function parseV2Metadata(text: string, problems: ArchiveProblem[]): Map<string, MetadataItem> {
  let root: unknown;
  try {
    // failsafe: every scalar stays a string ("1.0", "true", "123"), as Nacos reads them.
    root = yaml().parse(text, { schema: 'failsafe', logLevel: 'error' });
  } catch (error) {
    throw notAZip(
      `${V2_METADATA_ENTRY} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const list = isRecord(root) ? root.metadata : undefined;
  if (!Array.isArray(list)) throw notAZip(`${V2_METADATA_ENTRY} must hold a "metadata" list`);
  const result = new Map<string, MetadataItem>();
  list.forEach((raw: unknown, index) => {
    const where = `${V2_METADATA_ENTRY} item ${index + 1}`;
    if (!isRecord(raw) || !isFilled(raw.group) || !isFilled(raw.dataId)) {
      problems.push({
        entry: V2_METADATA_ENTRY,
        message: `${where} has no group or dataId; ignored`,
      });
      return;
    }
    const name = `${raw.group}/${raw.dataId}`;
    if (result.has(name)) {
      problems.push({
        entry: V2_METADATA_ENTRY,
        message: `${where} repeats ${name}; the first one is used`,
      });
      return;
    }
    result.set(name, {
      appName: asText(raw.appName),
      description: asText(raw.desc),
      type: metadataType(raw.type, name, problems),
      tags: asTags(raw.configTags),
    });
  });
  return result;
}

function metadataType(value: unknown, name: string, problems: ArchiveProblem[]): ConfigType {
  const text = asText(value).trim().toLowerCase();
  if (text === '') return 'text'; // older Nacos exports omit a null type
  const known = CONFIG_TYPES.find((type) => type === text);
  if (known) return known;
  problems.push({
    entry: name,
    message: `unknown type "${asText(value)}" in ${V2_METADATA_ENTRY}; imported as text`,
  });
  return 'text';
}

function parseV1Metadata(text: string, problems: ArchiveProblem[]): Map<string, string> {
  const result = new Map<string, string>();
  // Nacos splits on any run of CR/LF, then each line on "=".
  text.split(/[\r\n]+/).forEach((line) => {
    if (line.trim() === '') return;
    const eq = line.indexOf('=');
    if (eq <= 0) {
      problems.push({
        entry: V1_METADATA_ENTRY,
        message: `line "${line.slice(0, 80)}" is not "key=value"; ignored`,
      });
      return;
    }
    result.set(line.slice(0, eq), line.slice(eq + 1));
  });
  return result;
}

// "{group}.{dataId with its last '.' turned into '~'}.app", as Nacos v1 export writes it.
function v1AppKey(group: string, dataId: string): string {
  const dot = dataId.lastIndexOf('.');
  const id = dot < 0 ? dataId : `${dataId.slice(0, dot)}~${dataId.slice(dot + 1)}`;
  return `${group}.${id}.app`;
}

function readCentralDirectory(zip: Uint8Array, maxEntries: number): ZipEntry[] {
  try {
    return walkCentralDirectory(zip, maxEntries);
  } catch (error) {
    if (error instanceof RangeError) throw notAZip('the central directory is truncated');
    throw error;
  }
}

// fflate's filter sees neither the CRC nor the UTF-8 flag, so read the central directory ourselves
// (APPNOTE 4.3.12-4.3.16, zip64 included) to check entries and decode names as Java does.
function walkCentralDirectory(zip: Uint8Array, maxEntries: number): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  const lowest = Math.max(0, zip.length - 22 - 0xffff); // the archive comment is at most 64 KiB
  while (eocd >= lowest && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < lowest) throw notAZip('no zip end-of-central-directory record found');
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (eocd >= 20 && view.getUint32(eocd - 20, true) === 0x07064b50) {
    const zip64 = Number(view.getBigUint64(eocd - 12, true));
    if (view.getUint32(zip64, true) === 0x06064b50) {
      count = Number(view.getBigUint64(zip64 + 32, true));
      offset = Number(view.getBigUint64(zip64 + 48, true));
    }
  }
  if (count > maxEntries) {
    throw validationFailed([
      {
        field: 'file',
        rule: 'maxEntries',
        message: `the archive has ${count} entries; at most ${maxEntries} are allowed`,
      },
    ]);
  }
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (view.getUint32(offset, true) !== 0x02014b50)
      throw notAZip('the central directory is damaged');
    const flags = view.getUint16(offset + 8, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const nameBytes = zip.subarray(offset + 46, offset + 46 + nameLength);
    const utf8 = (flags & 0x800) !== 0;
    entries.push({
      rawName: utf8 ? lenientUtf8Decoder.decode(nameBytes) : latin1(nameBytes),
      // Java reads names as UTF-8 whatever the flag says; fall back to Latin-1 when they are not UTF-8.
      name: decodeUtf8(nameBytes) ?? latin1(nameBytes),
      size: uncompressedSize(view, offset, nameLength, extraLength),
      crc: view.getUint32(offset + 16, true),
      compression: view.getUint16(offset + 10, true),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function uncompressedSize(
  view: DataView,
  offset: number,
  nameLength: number,
  extraLength: number,
): number {
  const size = view.getUint32(offset + 24, true);
  if (size !== 0xffffffff) return size;
  // zip64 extended information extra field: the original size comes first.
  let at = offset + 46 + nameLength;
  const end = at + extraLength;
  while (at + 4 <= end) {
    if (view.getUint16(at, true) === 0x0001) return Number(view.getBigUint64(at + 4, true));
    at += 4 + view.getUint16(at + 2, true);
  }
  return size;
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

// fflate does not verify entry checksums; Java's ZipInputStream does, so a damaged entry never imports in Nacos.
function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function notAZip(reason: string) {
  return validationFailed([
    { field: 'file', rule: 'format', message: `not a readable config archive: ${reason}` },
  ]);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFilled(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function asTags(value: unknown): string[] {
  const raw = Array.isArray(value)
    ? value.filter((tag): tag is string => typeof tag === 'string')
    : asText(value).split(',');
  return [...new Set(raw.map((tag) => tag.trim()).filter((tag) => tag !== ''))];
}
