import type { InstanceView } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { pickInstance, pickWeighted, selectInstances } from './instance-pick.js';

function instance(ip: string, over: Partial<InstanceView> = {}): InstanceView {
  return {
    instanceId: `${ip}#8080#DEFAULT#DEFAULT_GROUP@@orders`,
    ip,
    port: 8080,
    clusterName: 'DEFAULT',
    weight: 1,
    healthy: true,
    enabled: true,
    ephemeral: true,
    metadata: {},
    tags: [],
    lastHeartbeatAt: null,
    registeredAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

// A seeded generator (mulberry32), so a distribution check is the same on every run.
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('pickWeighted', () => {
  it('should pick each instance by its share of the total weight when random points there', () => {
    const list = [instance('10.0.0.1', { weight: 1 }), instance('10.0.0.2', { weight: 3 })];
    expect(pickWeighted(list, () => 0)?.ip).toBe('10.0.0.1');
    expect(pickWeighted(list, () => 0.2499)?.ip).toBe('10.0.0.1');
    expect(pickWeighted(list, () => 0.25)?.ip).toBe('10.0.0.2');
    expect(pickWeighted(list, () => 0.9999999)?.ip).toBe('10.0.0.2');
  });

  it('should follow the weights over many picks when random is seeded', () => {
    const list = [instance('10.0.0.1', { weight: 1 }), instance('10.0.0.2', { weight: 3 }), instance('10.0.0.3', { weight: 6 })];
    const random = seeded(42);
    const counts = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      const ip = pickWeighted(list, random)!.ip;
      counts.set(ip, (counts.get(ip) ?? 0) + 1);
    }
    expect(counts.get('10.0.0.1')! / 10_000).toBeCloseTo(0.1, 1);
    expect(counts.get('10.0.0.2')! / 10_000).toBeCloseTo(0.3, 1);
    expect(counts.get('10.0.0.3')! / 10_000).toBeCloseTo(0.6, 1);
  });

  it('should never pick an instance of weight 0 and answer undefined when none has weight', () => {
    const list = [instance('10.0.0.1', { weight: 0 }), instance('10.0.0.2', { weight: 2 })];
    for (const r of [0, 0.3, 0.7, 0.99]) expect(pickWeighted(list, () => r)?.ip).toBe('10.0.0.2');
    expect(pickWeighted([instance('10.0.0.1', { weight: 0 })], () => 0.5)).toBeUndefined();
    expect(pickWeighted([], () => 0.5)).toBeUndefined();
  });
});

describe('selectInstances', () => {
  it('should leave out disabled and unhealthy instances when the healthy share is above the threshold', () => {
    const list = [instance('10.0.0.1'), instance('10.0.0.2'), instance('10.0.0.3', { healthy: false }), instance('10.0.0.4', { enabled: false })];
    const selected = selectInstances(list, { healthyOnly: true }, 0.5);
    expect(selected.reachProtectionThreshold).toBe(false);
    expect(selected.instances.map((i) => i.ip)).toEqual(['10.0.0.1', '10.0.0.2']);
  });

  it('should return every enabled instance when the healthy share is at or below the threshold', () => {
    const list = [instance('10.0.0.1'), instance('10.0.0.2', { healthy: false }), instance('10.0.0.3', { healthy: false }), instance('10.0.0.4', { enabled: false })];
    const atThreshold = selectInstances(list, { healthyOnly: true }, 1 / 3);
    expect(atThreshold.reachProtectionThreshold).toBe(true);
    expect(atThreshold.instances.map((i) => i.ip)).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
    expect(selectInstances(list, { healthyOnly: true }, 0.3).instances.map((i) => i.ip)).toEqual(['10.0.0.1']);
  });

  it('should filter by cluster and by every tag when they are given', () => {
    const list = [instance('10.0.0.1', { clusterName: 'eu', tags: ['canary', 'v2'] }), instance('10.0.0.2', { clusterName: 'eu', tags: ['v2'] }), instance('10.0.0.3', { clusterName: 'us', tags: ['canary', 'v2'] })];
    expect(selectInstances(list, { clusters: ['eu'], tags: ['canary', 'v2'] }, 0).instances.map((i) => i.ip)).toEqual(['10.0.0.1']);
    expect(selectInstances(list, { tags: ['v2'] }, 0).instances).toHaveLength(3);
  });

  it('should include unhealthy instances when healthyOnly is false', () => {
    const list = [instance('10.0.0.1'), instance('10.0.0.2', { healthy: false })];
    expect(selectInstances(list, { healthyOnly: false }, 0).instances).toHaveLength(2);
  });
});

describe('pickInstance', () => {
  it('should pick only healthy instances when the protect threshold is not reached', () => {
    const list = [instance('10.0.0.1', { healthy: false, weight: 100 }), instance('10.0.0.2'), instance('10.0.0.3')];
    const random = seeded(7);
    for (let i = 0; i < 200; i++) expect(pickInstance(list, {}, 0.5, random)?.ip).not.toBe('10.0.0.1');
  });

  it('should pick among all enabled instances, unhealthy too, when the protect threshold is reached', () => {
    const list = [instance('10.0.0.1', { healthy: false, weight: 100 }), instance('10.0.0.2', { weight: 1 }), instance('10.0.0.3', { enabled: false, weight: 100 })];
    expect(pickInstance(list, {}, 0.8, () => 0.5)?.ip).toBe('10.0.0.1');
    const random = seeded(3);
    for (let i = 0; i < 200; i++) expect(pickInstance(list, {}, 0.8, random)?.ip).not.toBe('10.0.0.3');
  });

  it('should answer undefined when no instance matches', () => {
    expect(pickInstance([instance('10.0.0.1', { enabled: false })], {}, 0, () => 0.5)).toBeUndefined();
    expect(pickInstance([instance('10.0.0.1')], { clusters: ['other'] }, 0, () => 0.5)).toBeUndefined();
  });
});
