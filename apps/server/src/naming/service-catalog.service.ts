import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { NAMING_RULES, type ClusterView, type FieldViolation, type Page, type ServiceKey } from '@switchboard/shared';
import { Clock } from '../common/clock';
import { fieldViolation, isDomainError, validationFailed } from '../common/errors/domain-error';
import { checkPage } from '../common/paging';
import { DomainEvents } from '../common/events/domain-events';
import { isUniqueViolation } from '../database/errors';
import { NamespacesService } from '../namespaces/namespaces.service';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';
import type { HeartbeatTimeouts, Instance, Service } from './domain/instance';
import type { PersistentInstanceEntity } from './domain/persistent-instance.entity';
import { heartbeatTimeoutsFor } from './domain/heartbeat-policy';
import { describeService } from './domain/naming-keys';
import { serviceAlreadyExists, serviceNotEmpty, serviceNotFound } from './domain/naming.errors';
import './domain/naming.events';
import { checkClusters, checkMetadata, checkName, checkProtectThreshold } from './domain/naming.rules';
import { ServiceEntity } from './domain/service.entity';
import { NamingRegistry, type ServiceState } from './naming-registry';
import { heartbeatDefaults } from './naming-settings';
import { NamingRepository } from './naming.repository';
import { SYSTEM_ACTOR, type Actor } from '../identity/actor';

export interface ServiceSettingsCommand {
  protectThreshold?: number;
  metadata?: Record<string, string>;
  clusters?: ClusterView[];
}

export interface ListServicesCommand {
  namespaceId: string;
  groupName?: string;
  nameContains?: string;
  hideEmpty?: boolean;
  pageNo: number;
  pageSize: number;
  maxPageSize?: number; // default PAGE_RULES.maxPageSize
}

export const DEFAULT_HEALTH_CHECK = { type: 'TCP' } as const;

// Services: explicit CRUD, implicit creation on first register, and loading the registry
// (services and persistent instances) from the database at start-up.
@Injectable()
export class ServiceCatalogService implements OnModuleInit {
  private readonly logger = new Logger(ServiceCatalogService.name);
  private readonly creating = new Map<string, Promise<ServiceState>>();

  constructor(
    private readonly registry: NamingRegistry,
    private readonly repository: NamingRepository,
    private readonly namespaces: NamespacesService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async onModuleInit(): Promise<void> {
    this.namespaces.registerUsageCounter('services', (namespaceId) => this.registry.servicesOf(namespaceId).length);
    for (const row of await this.repository.findAllServices()) this.registry.putService(toService(row));
    const defaults = heartbeatDefaults(this.settings);
    for (const row of await this.repository.findAllPersistentInstances()) {
      const state = this.registry.get(serviceKeyOf(row));
      if (state) this.registry.putInstance(state, persistentInstanceOf(row, defaults));
    }
  }

  // Cluster mode: a service as the database has it, after a change on another node; pushed to
  // this node's subscribers (not audited again). A service still holding instances here stays.
  learnService(key: ServiceKey, row: ServiceEntity | null): void {
    const state = this.registry.get(key);
    const caller = { ...SYSTEM_ACTOR, remote: true };
    if (row) {
      const service = toService(row);
      if (state && sameService(state.service, service)) return;
      this.registry.putService(service);
      this.events.emit('naming.serviceChanged', { change: state ? 'updated' : 'created', service, caller, at: this.clock.now() });
    } else if (state && state.instances.size === 0) {
      this.registry.removeService(key);
      this.events.emit('naming.serviceChanged', { change: 'deleted', service: state.service, caller, at: this.clock.now() });
    }
  }

  get(key: ServiceKey): ServiceState {
    const state = this.registry.get(key);
    if (!state) throw serviceNotFound(key);
    return state;
  }

  list(command: ListServicesCommand): Page<ServiceState> {
    const violations: FieldViolation[] = [];
    for (const [field, value] of [['groupName', command.groupName], ['serviceName', command.nameContains]] as const) {
      if (value !== undefined && value.length > NAMING_RULES.nameMaxLength) {
        violations.push(fieldViolation(field, 'maxLength', `must be at most ${NAMING_RULES.nameMaxLength} characters in a search`));
      }
    }
    checkPage(command.pageNo, command.pageSize, violations, command.maxPageSize);
    if (violations.length) throw validationFailed(violations);
    this.namespaces.get(command.namespaceId);
    const needle = command.nameContains?.toLowerCase();
    const matching = this.registry
      .servicesOf(command.namespaceId)
      .filter(
        (s) =>
          (!command.groupName || s.service.key.groupName === command.groupName) &&
          (!needle || s.service.key.serviceName.toLowerCase().includes(needle)) &&
          (!command.hideEmpty || s.instances.size > 0),
      )
      .sort((a, b) => a.service.key.groupName.localeCompare(b.service.key.groupName) || a.service.key.serviceName.localeCompare(b.service.key.serviceName));
    const start = (command.pageNo - 1) * command.pageSize;
    return { items: matching.slice(start, start + command.pageSize), total: matching.length, pageNo: command.pageNo, pageSize: command.pageSize };
  }

  async create(key: ServiceKey, command: ServiceSettingsCommand, caller: Actor): Promise<ServiceState> {
    this.check(key, command);
    if (this.registry.get(key)) throw serviceAlreadyExists(key);
    return this.insert(key, command, caller);
  }

  // The service of a first registration; concurrent first registrations share one insert.
  async ensure(key: ServiceKey, caller: Actor): Promise<ServiceState> {
    const existing = this.registry.get(key);
    if (existing) return existing;
    this.check(key, {});
    const id = `${key.namespaceId}\u0000${key.groupName}\u0000${key.serviceName}`;
    let pending = this.creating.get(id);
    if (!pending) {
      pending = this.insert(key, {}, caller)
        .catch((error: unknown) => this.createdElsewhere(key, error))
        .finally(() => this.creating.delete(id));
      this.creating.set(id, pending);
    }
    return pending;
  }

  // Cluster mode: another node created the service a moment ago (its notice still on the way).
  private async createdElsewhere(key: ServiceKey, error: unknown): Promise<ServiceState> {
    if (!isDomainError(error) || error.code !== 'SERVICE_ALREADY_EXISTS') throw error;
    this.learnService(key, await this.repository.findService(key));
    const state = this.registry.get(key);
    if (!state) throw error;
    return state;
  }

  async update(key: ServiceKey, command: ServiceSettingsCommand, caller: Actor): Promise<ServiceState> {
    const state = this.get(key);
    this.check(key, command);
    const now = this.clock.now();
    const service: Service = {
      ...state.service,
      protectThreshold: command.protectThreshold ?? state.service.protectThreshold,
      metadata: command.metadata ?? state.service.metadata,
      clusters: command.clusters ? mergeClusters(command.clusters) : state.service.clusters,
      updatedAtMs: now.getTime(),
    };
    await this.repository.updateService(toEntity(service));
    this.registry.putService(service);
    this.logger.log(`service updated ${describeService(key)}`);
    this.events.emit('naming.serviceChanged', { change: 'updated', service, caller, at: now });
    return state;
  }

  async delete(key: ServiceKey, caller: Actor): Promise<void> {
    const state = this.get(key);
    if (state.instances.size > 0) throw serviceNotEmpty(key, state.instances.size);
    await this.repository.deleteService(key);
    this.registry.removeService(key);
    this.logger.log(`service deleted ${describeService(key)}`);
    this.events.emit('naming.serviceChanged', { change: 'deleted', service: state.service, caller, at: this.clock.now() });
  }

  clusterOf(state: ServiceState, clusterName: string): ClusterView {
    return state.service.clusters.find((c) => c.name === clusterName) ?? { name: clusterName, healthCheck: { ...DEFAULT_HEALTH_CHECK }, metadata: {} };
  }

  private check(key: ServiceKey, command: ServiceSettingsCommand): void {
    this.namespaces.get(key.namespaceId);
    const violations: FieldViolation[] = [];
    checkName('groupName', key.groupName, violations);
    checkName('serviceName', key.serviceName, violations);
    checkProtectThreshold('protectThreshold', command.protectThreshold, violations);
    checkMetadata('metadata', command.metadata, violations);
    checkClusters('clusters', command.clusters, violations);
    if (violations.length) throw validationFailed(violations);
  }

  private async insert(key: ServiceKey, command: ServiceSettingsCommand, caller: Actor): Promise<ServiceState> {
    const now = this.clock.now();
    const service: Service = {
      key: { namespaceId: key.namespaceId, groupName: key.groupName, serviceName: key.serviceName },
      protectThreshold: command.protectThreshold ?? 0,
      metadata: command.metadata ?? {},
      clusters: mergeClusters(command.clusters ?? []),
      createdAtMs: now.getTime(),
      updatedAtMs: now.getTime(),
    };
    try {
      await this.repository.insertService(toEntity(service));
    } catch (error) {
      if (isUniqueViolation(error)) throw serviceAlreadyExists(key);
      throw error;
    }
    const state = this.registry.putService(service);
    this.logger.log(`service created ${describeService(key)}`);
    this.events.emit('naming.serviceChanged', { change: 'created', service, caller, at: now });
    return state;
  }
}

// One entry per cluster name, the last one given wins.
function mergeClusters(clusters: readonly ClusterView[]): ClusterView[] {
  const byName = new Map<string, ClusterView>();
  for (const c of clusters) byName.set(c.name, { name: c.name, healthCheck: { ...c.healthCheck }, metadata: { ...(c.metadata ?? {}) } });
  return [...byName.values()];
}

function sameService(a: Service, b: Service): boolean {
  return a.updatedAtMs === b.updatedAtMs && a.protectThreshold === b.protectThreshold && JSON.stringify(a.metadata) === JSON.stringify(b.metadata) && JSON.stringify(a.clusters) === JSON.stringify(b.clusters);
}

export function serviceKeyOf(row: { namespaceId: string; groupName: string; serviceName: string }): ServiceKey {
  return { namespaceId: row.namespaceId, groupName: row.groupName, serviceName: row.serviceName };
}

export function persistentInstanceOf(row: PersistentInstanceEntity, defaults: HeartbeatTimeouts): Instance {
  return {
    ip: row.ip,
    port: row.port,
    clusterName: row.clusterName,
    weight: row.weight,
    healthy: row.healthy,
    enabled: row.enabled,
    ephemeral: false,
    metadata: row.metadata,
    tags: row.tags,
    registeredAtMs: row.createdAt.getTime(),
    lastBeatMs: null,
    heartbeat: heartbeatTimeoutsFor(row.metadata, defaults),
  };
}

export function toService(row: ServiceEntity): Service {
  return {
    key: { namespaceId: row.namespaceId, groupName: row.groupName, serviceName: row.serviceName },
    protectThreshold: row.protectThreshold,
    metadata: row.metadata,
    clusters: row.clusters,
    createdAtMs: row.createdAt.getTime(),
    updatedAtMs: row.updatedAt.getTime(),
  };
}

function toEntity(service: Service): ServiceEntity {
  return Object.assign(new ServiceEntity(), {
    ...service.key,
    protectThreshold: service.protectThreshold,
    metadata: { ...service.metadata },
    clusters: service.clusters.map((c) => ({ ...c })),
    createdAt: new Date(service.createdAtMs),
    updatedAt: new Date(service.updatedAtMs),
  });
}
