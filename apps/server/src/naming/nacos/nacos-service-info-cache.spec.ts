import { describe, expect, it } from 'vitest';
import type { Discovery } from '../instance-query.service';
import type { ServiceState } from '../naming-registry';
import { anInstance } from '../testing/instance-fixture';
import { toNacosServiceInfo } from './nacos-naming.mapper';
import { ServiceInfoCache } from './nacos-service-info-cache';

describe('ServiceInfoCache', () => {
  const key = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: 'zahlung-支付' };
  const state: ServiceState = {
    service: { key, protectThreshold: 0, metadata: {}, clusters: [], createdAtMs: 0, updatedAtMs: 0 },
    instances: new Map(),
    revision: 1,
  };
  const hosts = [anInstance({ ip: '10.0.0.1', metadata: { zone: 'süd "1"', emoji: '😀' } }), anInstance({ ip: '10.0.0.2' })];
  let discoveries = 0;
  const discover = (): Discovery => {
    discoveries++;
    return { state, instances: hosts, reachProtectionThreshold: false };
  };

  it('should answer the bytes of the ServiceInfo at each time, serialising the hosts once per revision', () => {
    const cache = new ServiceInfoCache();
    for (const nowMs of [1_700_000_000_123, 1_700_000_000_123, 1_700_000_000_124, 9]) {
      const bytes = cache.bytes(key, state, discover, '', false, 10_000, nowMs);
      expect(bytes.toString('utf8')).toBe(JSON.stringify(toNacosServiceInfo(key, discover(), '', 10_000, nowMs)));
      discoveries--;
    }
    expect(discoveries).toBe(1);
    state.revision++;
    cache.bytes(key, state, discover, '', false, 10_000, 5);
    expect(discoveries).toBe(2);
  });
});
