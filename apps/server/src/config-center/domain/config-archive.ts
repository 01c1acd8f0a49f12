import { CONFIG_RULES, type ConfigType } from '@switchboard/shared';
import type { Zippable } from 'fflate';
import { validationFailed } from '../../common/errors/domain-error';
import { lazyRequire } from '../../common/lazy-require';
import { checkKey, readArchiveTexts, V2_METADATA_ENTRY } from './config-archive-entry-reader';
import { configsOf } from './config-archive-metadata-parser';

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

export { V1_METADATA_ENTRY, V2_METADATA_ENTRY } from './config-archive-entry-reader';

const ZIP_DOS_EPOCH = new Date(1980, 0, 1); // earliest time a zip entry can carry
const utf8Encoder = new TextEncoder();

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
  const sorted = [...configs].sort(byKey);
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
  const problems: ArchiveProblem[] = [];
  const limits = {
    maxTotalBytes: options.maxTotalBytes ?? CONFIG_ARCHIVE_LIMITS.maxTotalBytes,
    maxEntries: options.maxEntries ?? CONFIG_ARCHIVE_LIMITS.maxEntries,
  };
  const items = configsOf(readArchiveTexts(zip, limits, problems), problems);
  items.sort(byKey);
  return { items, problems };
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

// By group, then dataId, by UTF-16 code units: the same order whatever the locale.
function byKey(a: PortableConfig, b: PortableConfig): number {
  return compareText(a.group, b.group) || compareText(a.dataId, b.dataId);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
