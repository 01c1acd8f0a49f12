import { Injectable } from '@nestjs/common';
import type { NamespaceCounts, OverviewView } from '@switchboard/shared';
import { AuditService } from '../auth/audit.service';
import { Clock } from '../common/clock';
import { CanaryIndex } from '../config-center/canary/canary-index';
import { ConfigIndex } from '../config-center/config-index';
import { SdkConnectionsDirectory } from '../grpc/sdk-connections.directory';
import { NamespacesService } from '../namespaces/namespaces.service';
import { NamingRegistry } from '../naming/naming-registry';
import { canAccess, type Principal } from '../identity/principal';

const RECENT_CHANGES = 20;

// The fleet at a glance, from the in-memory indexes: per readable namespace, services,
// instances (healthy or not), configs, active canaries and Nacos SDK connections, and the
// latest changes.
@Injectable()
export class OverviewService {
  constructor(
    private readonly namespaces: NamespacesService,
    private readonly registry: NamingRegistry,
    private readonly configs: ConfigIndex,
    private readonly canaries: CanaryIndex,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly connections: SdkConnectionsDirectory,
  ) {}

  view(principal: Principal): OverviewView {
    const readable = this.namespaces.list().filter((ns) => canAccess(principal, ns.namespaceId, 'read'));
    const connections = this.connections.counts();
    const namespaces: NamespaceCounts[] = readable.map((ns) => {
      let instances = 0;
      let healthyInstances = 0;
      const services = this.registry.servicesOf(ns.namespaceId);
      for (const state of services) {
        instances += state.instances.size;
        for (const instance of state.instances.values()) if (instance.healthy) healthyInstances += 1;
      }
      return {
        namespaceId: ns.namespaceId,
        name: ns.name,
        services: services.length,
        instances,
        healthyInstances,
        configs: this.configs.countLive(ns.namespaceId),
        activeCanaries: this.canaries.of(ns.namespaceId).length,
        sdkConnections: connections.get(ns.namespaceId) ?? 0,
      };
    });
    const totals = { namespaces: namespaces.length, services: 0, instances: 0, healthyInstances: 0, configs: 0, activeCanaries: 0, sdkConnections: 0 };
    for (const counts of namespaces) {
      totals.services += counts.services;
      totals.instances += counts.instances;
      totals.healthyInstances += counts.healthyInstances;
      totals.configs += counts.configs;
      totals.activeCanaries += counts.activeCanaries;
      totals.sdkConnections += counts.sdkConnections;
    }
    const ids = new Set(readable.map((ns) => ns.namespaceId));
    // Changes outside any namespace (users, roles...) are for administrators.
    const recentChanges = this.audit.recent(RECENT_CHANGES, (namespaceId) => (namespaceId === null ? principal.admin : ids.has(namespaceId)));
    return { totals, namespaces, recentChanges, at: this.clock.now().toISOString() };
  }
}
