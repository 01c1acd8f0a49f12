import { NAMING_RULES } from '@switchboard/shared';
import type { Translate } from '../../i18n/translate';

// Pure helpers behind the instance editors (tags, metadata), checked against the shared rules
// before anything is sent.

// Nacos clients see the tags in this metadata key; the registry fills it from the tags.
export const TAGS_METADATA_KEY = 'switchboard.tags';

export interface MetadataEntry {
  key: string;
  value: string;
}

export function toggleTag(tags: readonly string[], tag: string): string[] {
  return tags.includes(tag) ? tags.filter((t) => t !== tag) : [...tags, tag];
}

export function metadataEntries(metadata: Record<string, string>): MetadataEntry[] {
  return Object.keys(metadata)
    .sort((a, b) => a.localeCompare(b))
    .map((key) => ({ key, value: metadata[key] }));
}

// Form rows back to a record; rows left completely blank are ignored.
export function entriesToMetadata(
  entries: readonly Partial<MetadataEntry>[],
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of entries) {
    const key = (entry.key ?? '').trim();
    if (!key && !(entry.value ?? '').trim()) continue;
    result[key] = entry.value ?? '';
  }
  return result;
}

export function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

export function sameMetadata(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}

// The first problem of a tag list, or undefined when the server will accept it.
export function tagsProblem(tags: readonly string[], t: Translate): string | undefined {
  const bad = tags.find((tag) => !NAMING_RULES.tagPattern.test(tag));
  if (bad !== undefined) return t('services.tags.invalid', { tag: bad });
  if (tags.length > NAMING_RULES.maxTags)
    return t('services.tags.tooMany', { max: NAMING_RULES.maxTags });
  return undefined;
}

// The first problem of one metadata key among all keys of the form.
export function metadataKeyProblem(
  key: string,
  allKeys: readonly string[],
  t: Translate,
): string | undefined {
  const trimmed = key.trim();
  if (!trimmed) return t('services.metadata.keyRequired');
  if (trimmed.length > NAMING_RULES.metadataKeyMaxLength)
    return t('services.metadata.keyTooLong', { max: NAMING_RULES.metadataKeyMaxLength });
  if (trimmed === TAGS_METADATA_KEY)
    return t('services.metadata.keyReserved', { key: TAGS_METADATA_KEY });
  if (allKeys.filter((k) => k.trim() === trimmed).length > 1)
    return t('services.metadata.keyDuplicate');
  return undefined;
}

export function metadataValueProblem(value: string, t: Translate): string | undefined {
  return value.length > NAMING_RULES.metadataValueMaxLength
    ? t('services.metadata.valueTooLong', { max: NAMING_RULES.metadataValueMaxLength })
    : undefined;
}
