import type { AuditEventView } from '../auth/auth.types';

export interface NamespaceCounts {
  namespaceId: string;
  name: string;
  services: number;
  instances: number;
  healthyInstances: number;
  configs: number;
  activeCanaries: number;
  sdkConnections: number; // Nacos SDK gRPC connections that declared the namespace, across the cluster
}

// The fleet at a glance, over the namespaces the caller may read.
export interface OverviewView {
  totals: Omit<NamespaceCounts, 'namespaceId' | 'name'> & { namespaces: number };
  namespaces: NamespaceCounts[];
  recentChanges: AuditEventView[]; // newest first, at most 20, of the readable namespaces
  at: string; // ISO 8601
}

export interface OverviewChangedEvent {
  overview: OverviewView;
}
