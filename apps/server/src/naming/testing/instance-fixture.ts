import type { Instance } from '../domain/instance';

let nextPort = 1;

// An ephemeral, healthy, beat-kept instance with default timeouts; override what a spec needs.
export function anInstance(overrides: Partial<Instance> = {}): Instance {
  return {
    ip: '10.0.0.1',
    port: nextPort++,
    clusterName: 'DEFAULT',
    weight: 1,
    healthy: true,
    enabled: true,
    ephemeral: true,
    metadata: {},
    tags: [],
    registeredAtMs: 0,
    lastBeatMs: 0,
    heartbeat: { intervalMs: 5000, unhealthyAfterMs: 15_000, expireAfterMs: 30_000 },
    ...overrides,
  };
}
