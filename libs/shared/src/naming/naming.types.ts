import type { PageQuery } from '../common/page';

export interface ServiceKey {
  namespaceId: string;
  groupName: string;
  serviceName: string;
}

export type HealthCheckType = 'TCP' | 'HTTP' | 'NONE';

// How the server probes persistent instances of a cluster.
export interface HealthCheckConfig {
  type: HealthCheckType;
  port?: number; // probe this port instead of the instance's own
  path?: string; // HTTP only, default "/"
  expectedStatus?: number; // HTTP only; any 2xx when absent
}

export interface ClusterView {
  name: string;
  healthCheck: HealthCheckConfig;
  metadata: Record<string, string>;
}

export interface ServiceSummaryView extends ServiceKey {
  protectThreshold: number; // 0..1
  clusterCount: number;
  instanceCount: number;
  healthyInstanceCount: number;
}

export interface ServiceView extends ServiceSummaryView {
  metadata: Record<string, string>;
  clusters: ClusterView[];
  createdAt: string;
  updatedAt: string;
}

export interface InstanceView {
  instanceId: string; // ip#port#cluster#group@@service, as Nacos
  ip: string;
  port: number;
  clusterName: string;
  weight: number; // 0..10000
  healthy: boolean;
  enabled: boolean;
  ephemeral: boolean;
  metadata: Record<string, string>;
  tags: string[];
  lastHeartbeatAt: string | null; // ephemeral instances kept alive by heartbeats
  registeredAt: string;
}

export interface InstanceListView {
  service: ServiceKey;
  instances: InstanceView[];
  // true when the healthy share fell to the protect threshold or below: every instance is
  // returned, healthy or not, rather than starving callers
  reachProtectionThreshold: boolean;
  revision: number; // increases with every change of the service's instances
}

export interface ListServicesQuery extends PageQuery {
  groupName?: string;
  serviceName?: string; // substring match, case-insensitive
  hideEmpty?: boolean;
}

export interface ListInstancesQuery {
  healthyOnly?: boolean;
  clusters?: string; // comma-separated cluster names
  tags?: string; // comma-separated; an instance must carry every tag
  includeDisabled?: boolean; // operator view: disabled instances too, after the others (discovery leaves them out)
}

export interface CreateServiceRequest {
  groupName?: string;
  serviceName: string;
  protectThreshold?: number;
  metadata?: Record<string, string>;
  clusters?: ClusterView[];
}

export interface UpdateServiceRequest {
  protectThreshold?: number;
  metadata?: Record<string, string>;
  clusters?: ClusterView[];
}

export interface RegisterInstanceRequest {
  ip: string;
  port: number;
  clusterName?: string;
  weight?: number;
  enabled?: boolean;
  healthy?: boolean;
  ephemeral?: boolean; // default true
  metadata?: Record<string, string>;
  tags?: string[];
}

export interface UpdateInstanceRequest {
  weight?: number;
  enabled?: boolean;
  metadata?: Record<string, string>;
  tags?: string[];
}

export interface InstanceKey {
  clusterName: string;
  ip: string;
  port: number;
}

export interface HeartbeatView {
  clientBeatIntervalMs: number;
}
