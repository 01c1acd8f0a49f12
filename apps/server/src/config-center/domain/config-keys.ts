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

// "Blur" search as Nacos: "*" matches any run of characters, everything else literally.
export function blurMatcher(pattern: string): (value: string) => boolean {
  if (!pattern.includes('*')) return (value) => value === pattern;
  const source = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  const regex = new RegExp(`^${source}$`, 'i');
  return (value) => regex.test(value);
}
