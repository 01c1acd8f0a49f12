import { createHash } from 'node:crypto';
import type { ConfigKey } from '@switchboard/shared';

export function configKeyString(key: ConfigKey): string {
  return `${key.namespaceId}\u0000${key.group}\u0000${key.dataId}`;
}

export function parseConfigKeyString(id: string): ConfigKey {
  const [namespaceId, group, dataId] = id.split('\u0000');
  return { namespaceId, group, dataId };
}

export function describeConfig(key: ConfigKey): string {
  return `ns=${key.namespaceId} group=${key.group} dataId=${key.dataId}`;
}

// As Nacos clients compute it: lowercase hex MD5 of the UTF-8 bytes.
export function contentMd5(content: string): string {
  return createHash('md5').update(content, 'utf8').digest('hex');
}

// "Blur" search as Nacos: "*" matches any run of characters, everything else literally, ignoring
// case. Matched in linear time without a regular expression: the literal parts between the stars
// are found left to right, each at its first place after the previous one (for a pattern of
// literals and "*" only, the leftmost place is always a right choice, so nothing backtracks).
export function blurMatcher(pattern: string): (value: string) => boolean {
  if (!pattern.includes('*')) return (value) => value === pattern;
  const parts = pattern.toLowerCase().split('*');
  const first = parts[0];
  const last = parts[parts.length - 1];
  const middle = parts.slice(1, -1).filter((part) => part !== '');
  const fixedLength = first.length + last.length;
  return (value) => {
    if (value.length < fixedLength) return false;
    const text = value.toLowerCase();
    if (!text.startsWith(first) || !text.endsWith(last)) return false;
    let from = first.length;
    const end = text.length - last.length;
    for (const part of middle) {
      const at = text.indexOf(part, from);
      if (at < 0 || at + part.length > end) return false;
      from = at + part.length;
    }
    return true;
  };
}
