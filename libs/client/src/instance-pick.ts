import type { InstanceView } from '@switchboard/shared';

export interface InstanceFilter {
  healthyOnly?: boolean; // default true
  clusters?: readonly string[]; // empty or absent: every cluster
  tags?: readonly string[]; // an instance must carry every tag
}

// Discovery as Nacos does it (and the server does for HTTP callers): disabled instances are
// never returned; when the healthy share of the matching instances is at or below the service's
// protect threshold, every matching instance is returned, healthy or not, rather than sending all
// traffic to the few healthy ones.
export function selectInstances(all: readonly InstanceView[], filter: InstanceFilter, protectThreshold: number): { instances: InstanceView[]; reachProtectionThreshold: boolean } {
  const matching = all.filter(
    (i) => i.enabled && (!filter.clusters?.length || filter.clusters.includes(i.clusterName)) && (!filter.tags?.length || filter.tags.every((tag) => i.tags.includes(tag))),
  );
  const healthy = matching.filter((i) => i.healthy);
  const reachProtectionThreshold = matching.length > 0 && healthy.length / matching.length <= Math.max(0, protectThreshold);
  const healthyOnly = filter.healthyOnly ?? true;
  return { instances: reachProtectionThreshold || !healthyOnly ? matching : healthy, reachProtectionThreshold };
}

// One instance at random, each with a chance proportional to its weight; weight 0 takes an
// instance out of rotation. `random` returns [0, 1) (Math.random by default).
export function pickWeighted(instances: readonly InstanceView[], random: () => number = Math.random): InstanceView | undefined {
  const candidates = instances.filter((i) => i.weight > 0);
  const total = candidates.reduce((sum, i) => sum + i.weight, 0);
  if (total <= 0) return undefined;
  let point = random() * total;
  for (const instance of candidates) {
    point -= instance.weight;
    if (point < 0) return instance;
  }
  return candidates[candidates.length - 1]; // random() close to 1 and rounding
}

// What pick() answers: among the healthy enabled instances, or every enabled one when the
// protect threshold is reached.
export function pickInstance(all: readonly InstanceView[], filter: Omit<InstanceFilter, 'healthyOnly'>, protectThreshold: number, random?: () => number): InstanceView | undefined {
  return pickWeighted(selectInstances(all, { ...filter, healthyOnly: true }, protectThreshold).instances, random);
}
