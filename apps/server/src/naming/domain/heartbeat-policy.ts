import type { HeartbeatTimeouts, Instance } from './instance';

// Per-instance overrides, as Nacos reads them (PreservedMetadataKeys).
export const PRESERVED_METADATA = {
  heartbeatInterval: 'preserved.heart.beat.interval',
  heartbeatTimeout: 'preserved.heart.beat.timeout',
  ipDeleteTimeout: 'preserved.ip.delete.timeout',
} as const;

function positiveMs(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? Math.floor(parsed) : fallback;
}

export function heartbeatTimeoutsFor(metadata: Readonly<Record<string, string>>, defaults: HeartbeatTimeouts): HeartbeatTimeouts {
  return {
    intervalMs: positiveMs(metadata[PRESERVED_METADATA.heartbeatInterval], defaults.intervalMs),
    unhealthyAfterMs: positiveMs(metadata[PRESERVED_METADATA.heartbeatTimeout], defaults.unhealthyAfterMs),
    expireAfterMs: positiveMs(metadata[PRESERVED_METADATA.ipDeleteTimeout], defaults.expireAfterMs),
  };
}

export type HeartbeatVerdict = 'alive' | 'unhealthy' | 'expired';

// What the silence since the last beat means for an ephemeral, beat-kept instance.
// Persistent and connection-kept instances never expire by silence.
export function heartbeatVerdict(instance: Instance, nowMs: number): HeartbeatVerdict {
  if (!instance.ephemeral || instance.lastBeatMs === null || instance.ownerConnectionId !== undefined) return 'alive';
  const silentMs = nowMs - instance.lastBeatMs;
  if (silentMs > instance.heartbeat.expireAfterMs) return 'expired';
  if (silentMs > instance.heartbeat.unhealthyAfterMs) return 'unhealthy';
  return 'alive';
}
