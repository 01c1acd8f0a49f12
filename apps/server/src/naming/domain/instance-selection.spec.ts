import { describe, expect, it } from 'vitest';
import { anInstance } from '../testing/instance-fixture';
import { selectInstances } from './instance-selection';

const instance = anInstance;

const all = { healthyOnly: false, clusters: [], tags: [] };

describe('selectInstances', () => {
  it('should never return disabled instances', () => {
    const result = selectInstances([instance(), instance({ enabled: false })], all, 0);
    expect(result.instances).toHaveLength(1);
  });

  it('should filter by healthy, clusters and every tag', () => {
    const a = instance({ clusterName: 'A', tags: ['canary', 'x'] });
    const b = instance({ clusterName: 'B', tags: ['canary'] });
    const c = instance({ clusterName: 'A', healthy: false });
    expect(selectInstances([a, b, c], { healthyOnly: true, clusters: [], tags: [] }, 0).instances).toEqual([a, b]);
    expect(selectInstances([a, b, c], { ...all, clusters: ['A'] }, 0).instances).toEqual([a, c]);
    expect(selectInstances([a, b, c], { ...all, tags: ['canary', 'x'] }, 0).instances).toEqual([a]);
  });

  it('should return every instance when the healthy share is at or below the threshold', () => {
    const healthy = instance();
    const sick = [instance({ healthy: false }), instance({ healthy: false }), instance({ healthy: false })];
    const below = selectInstances([healthy, ...sick], { ...all, healthyOnly: true }, 0.25);
    expect(below.reachProtectionThreshold).toBe(true);
    expect(below.instances).toHaveLength(4);
    const above = selectInstances([healthy, ...sick], { ...all, healthyOnly: true }, 0.2);
    expect(above.reachProtectionThreshold).toBe(false);
    expect(above.instances).toEqual([healthy]);
  });

  it('should trigger protection with threshold 0 only when nothing is healthy, and never for an empty service', () => {
    expect(selectInstances([instance({ healthy: false })], { ...all, healthyOnly: true }, 0)).toMatchObject({ reachProtectionThreshold: true });
    expect(selectInstances([], { ...all, healthyOnly: true }, 0)).toEqual({ instances: [], reachProtectionThreshold: false });
  });

  it('should add disabled instances only when asked, after the others, without counting them for the threshold', () => {
    const up = instance({ ip: '10.0.0.1', healthy: true });
    const down = instance({ ip: '10.0.0.2', healthy: false });
    const off = instance({ ip: '10.0.0.3', healthy: true, enabled: false });
    const normal = selectInstances([off, up, down], { healthyOnly: true, clusters: [], tags: [] }, 0.4);
    expect(normal.instances.map((i) => i.ip)).toEqual(['10.0.0.1']);
    const operator = selectInstances([off, up, down], { healthyOnly: false, clusters: [], tags: [], includeDisabled: true }, 0.4);
    expect(operator.instances.map((i) => i.ip)).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
    expect(operator.reachProtectionThreshold).toBe(false); // 1 of 2 enabled healthy: 0.5 > 0.4
  });
});
