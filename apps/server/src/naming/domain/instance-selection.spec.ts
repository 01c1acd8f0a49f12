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
});
