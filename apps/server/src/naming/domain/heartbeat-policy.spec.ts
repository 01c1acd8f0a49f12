import { describe, expect, it } from 'vitest';
import { anInstance } from '../testing/instance-fixture';
import { heartbeatTimeoutsFor, heartbeatVerdict, PRESERVED_METADATA } from './heartbeat-policy';
import type { Instance } from './instance';

const defaults = { intervalMs: 5000, unhealthyAfterMs: 15_000, expireAfterMs: 30_000 };

function instance(overrides: Partial<Instance> = {}): Instance {
  return anInstance({ lastBeatMs: 1_000, heartbeat: defaults, ...overrides });
}

describe('heartbeatVerdict', () => {
  it('should stay alive up to the unhealthy timeout, then turn unhealthy, then expire', () => {
    const i = instance();
    expect(heartbeatVerdict(i, 1_000 + 15_000)).toBe('alive');
    expect(heartbeatVerdict(i, 1_000 + 15_001)).toBe('unhealthy');
    expect(heartbeatVerdict(i, 1_000 + 30_000)).toBe('unhealthy');
    expect(heartbeatVerdict(i, 1_000 + 30_001)).toBe('expired');
  });

  it('should never expire persistent or connection-kept instances', () => {
    expect(heartbeatVerdict(instance({ ephemeral: false, lastBeatMs: null }), 10 ** 12)).toBe('alive');
    expect(heartbeatVerdict(instance({ ownerConnectionId: 'sock-1', lastBeatMs: null }), 10 ** 12)).toBe('alive');
  });

  it('should honour per-instance timeouts from metadata', () => {
    const heartbeat = heartbeatTimeoutsFor({ [PRESERVED_METADATA.heartbeatTimeout]: '3000', [PRESERVED_METADATA.ipDeleteTimeout]: '6000' }, defaults);
    const i = instance({ heartbeat, lastBeatMs: 0 });
    expect(heartbeatVerdict(i, 3_001)).toBe('unhealthy');
    expect(heartbeatVerdict(i, 6_001)).toBe('expired');
  });
});

describe('heartbeatTimeoutsFor', () => {
  it('should read the Nacos preserved keys and ignore bad values', () => {
    expect(heartbeatTimeoutsFor({ [PRESERVED_METADATA.heartbeatInterval]: '1000' }, defaults)).toEqual({ ...defaults, intervalMs: 1000 });
    expect(heartbeatTimeoutsFor({ [PRESERVED_METADATA.heartbeatInterval]: 'soon', [PRESERVED_METADATA.heartbeatTimeout]: '-1' }, defaults)).toEqual(defaults);
  });
});
