import { createHash } from 'node:crypto';
import type { CanaryTarget } from '@switchboard/shared';
import type { ConfigClient } from './canary-record';

// The weighted bucket (0–99) of a client for a config: a stable hash of the config and the
// client's identity, so a client keeps its answer across requests, restarts and weight changes
// (a client in the first 30 buckets is also in the first 60).
export function bucketOf(configId: string, identity: string): number {
  const digest = createHash('md5').update(configId).update('\u0000').update(identity).digest();
  return Math.floor((digest.readUInt32BE(0) / 0x1_0000_0000) * 100);
}

export interface TargetContext {
  configId: string;
  // Tags of the instances registered at this address (in the config's namespace).
  tagsAt(ip: string): ReadonlyMap<string, number> | undefined;
}

export function matchesTarget(target: CanaryTarget, client: ConfigClient, context: TargetContext): boolean {
  if (target.ips.length && target.ips.includes(client.ip)) return true;
  if (target.tags.length) {
    const tags = context.tagsAt(client.ip);
    for (const tag of target.tags) {
      if (tags?.has(tag)) return true;
      if (client.labels?.includes(tag)) return true;
    }
  }
  if (target.weight <= 0) return false;
  if (target.weight >= 100) return true;
  return bucketOf(context.configId, client.identity ?? client.ip) < target.weight;
}
