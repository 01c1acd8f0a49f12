import type { ConfigKey } from '@switchboard/shared';

// Groups and data IDs cannot contain "/", so it separates them unambiguously in a row key.
export const configRowKey = (c: Pick<ConfigKey, 'group' | 'dataId'>) => `${c.group}/${c.dataId}`;

export function parseRowKey(rowKey: string): { group: string; dataId: string } {
  const slash = rowKey.indexOf('/');
  return { group: rowKey.slice(0, slash), dataId: rowKey.slice(slash + 1) };
}

// The export endpoint takes one group with data IDs; a selection across groups cannot be one export.
export function exportSelection(rowKeys: readonly string[]): { group: string; dataIds: string } | undefined {
  if (!rowKeys.length) return undefined;
  const keys = rowKeys.map(parseRowKey);
  const group = keys[0].group;
  if (keys.some((k) => k.group !== group)) return undefined;
  return { group, dataIds: keys.map((k) => k.dataId).join(',') };
}
