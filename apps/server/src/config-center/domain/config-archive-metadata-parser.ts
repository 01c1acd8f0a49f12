import { CONFIG_TYPES, type ConfigType } from '@switchboard/shared';
import { lazyRequire } from '../../common/lazy-require';
import type { ArchiveProblem, PortableConfig } from './config-archive';
import {
  notAZip,
  splitName,
  V1_METADATA_ENTRY,
  V2_METADATA_ENTRY,
} from './config-archive-entry-reader';

const yaml = lazyRequire<typeof import('yaml')>('yaml');

// The metadata files of Nacos's v1 and v2 layouts (described in config-archive.ts) turned into
// configs, together with the entries they describe.

interface MetadataItem {
  appName: string;
  description: string;
  type: ConfigType;
  tags: string[];
}

// `texts`: the content of every entry by name, the metadata files included.
export function configsOf(
  texts: Map<string, string>,
  problems: ArchiveProblem[],
): PortableConfig[] {
  const entries = new Map(texts);
  const v2 = entries.get(V2_METADATA_ENTRY);
  const v1 = entries.get(V1_METADATA_ENTRY);
  entries.delete(V2_METADATA_ENTRY);
  entries.delete(V1_METADATA_ENTRY);
  if (v2 !== undefined) {
    if (v1 !== undefined) {
      problems.push({
        entry: V1_METADATA_ENTRY,
        message: `ignored: ${V2_METADATA_ENTRY} is present`,
      });
    }
    return itemsFromV2(entries, v2, problems);
  }
  const appNames = v1 === undefined ? new Map<string, string>() : parseV1Metadata(v1, problems);
  return [...entries].map(([name, content]) => {
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
