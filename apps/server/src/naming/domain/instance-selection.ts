import type { Instance } from './instance';

export interface InstanceFilter {
  healthyOnly: boolean;
  clusters: readonly string[]; // empty: every cluster
  tags: readonly string[]; // an instance must carry every tag
  includeDisabled?: boolean; // operator views: disabled instances too (after the others; never counted for the threshold)
}

export interface Selection {
  instances: Instance[];
  reachProtectionThreshold: boolean;
}

// Discovery as Nacos does it (ServiceUtil.selectInstancesWithHealthyProtection): disabled
// instances are not returned (unless an operator view asks for them); when the healthy share of the matching instances is at or
// below the protect threshold, every matching instance is returned so callers are not starved.
export function selectInstances(all: Iterable<Instance>, filter: InstanceFilter, protectThreshold: number): Selection {
  const matching: Instance[] = [];
  const disabled: Instance[] = [];
  let healthy = 0;
  for (const instance of all) {
    if (filter.clusters.length && !filter.clusters.includes(instance.clusterName)) continue;
    if (filter.tags.length && !filter.tags.every((tag) => instance.tags.includes(tag))) continue;
    if (!instance.enabled) {
      if (filter.includeDisabled) disabled.push(instance);
      continue;
    }
    matching.push(instance);
    if (instance.healthy) healthy += 1;
  }
  const threshold = Math.max(0, protectThreshold);
  const reachProtectionThreshold = matching.length > 0 && healthy / matching.length <= threshold;
  const selected = reachProtectionThreshold || !filter.healthyOnly ? matching : matching.filter((i) => i.healthy);
  return { instances: disabled.length ? [...selected, ...disabled] : selected, reachProtectionThreshold };
}
