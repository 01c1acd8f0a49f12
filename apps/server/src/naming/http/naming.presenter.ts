import type { InstanceListView, InstanceView, ServiceKey, ServiceSummaryView, ServiceView } from '@switchboard/shared';
import type { Instance, Service } from '../domain/instance';
import type { Discovery } from '../instance-query.service';
import type { ServiceState } from '../naming-registry';
import { nacosInstanceId } from '../domain/naming-keys';

// The only place registry views are built (our REST API and the socket.io topics).
export function presentInstance(key: ServiceKey, instance: Instance): InstanceView {
  return {
    instanceId: nacosInstanceId(key, instance.clusterName, instance.ip, instance.port),
    ip: instance.ip,
    port: instance.port,
    clusterName: instance.clusterName,
    weight: instance.weight,
    healthy: instance.healthy,
    enabled: instance.enabled,
    ephemeral: instance.ephemeral,
    metadata: { ...instance.metadata },
    tags: [...instance.tags],
    lastHeartbeatAt: instance.lastBeatMs === null ? null : new Date(instance.lastBeatMs).toISOString(),
    registeredAt: new Date(instance.registeredAtMs).toISOString(),
  };
}

export function presentServiceSummary(service: Service, instances: Iterable<Instance>): ServiceSummaryView {
  let instanceCount = 0;
  let healthyInstanceCount = 0;
  const clusters = new Set(service.clusters.map((c) => c.name));
  for (const instance of instances) {
    instanceCount += 1;
    if (instance.healthy) healthyInstanceCount += 1;
    clusters.add(instance.clusterName);
  }
  return { ...service.key, protectThreshold: service.protectThreshold, clusterCount: clusters.size, instanceCount, healthyInstanceCount };
}

export function presentService(state: ServiceState): ServiceView {
  const summary = presentServiceSummary(state.service, state.instances.values());
  const known = new Map(state.service.clusters.map((c) => [c.name, c]));
  for (const instance of state.instances.values()) {
    if (!known.has(instance.clusterName)) known.set(instance.clusterName, { name: instance.clusterName, healthCheck: { type: 'TCP' }, metadata: {} });
  }
  return {
    ...summary,
    metadata: { ...state.service.metadata },
    clusters: [...known.values()],
    createdAt: new Date(state.service.createdAtMs).toISOString(),
    updatedAt: new Date(state.service.updatedAtMs).toISOString(),
  };
}

export function presentInstanceList(discovery: Discovery): InstanceListView {
  const key = discovery.state.service.key;
  return {
    service: { ...key },
    instances: discovery.instances.map((i) => presentInstance(key, i)),
    reachProtectionThreshold: discovery.reachProtectionThreshold,
    revision: discovery.state.revision,
  };
}
