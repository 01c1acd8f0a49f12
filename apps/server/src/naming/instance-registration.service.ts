import { Inject, Injectable, Logger } from '@nestjs/common';
import { NAMING_DEFAULTS, type FieldViolation, type InstanceKey, type ServiceKey } from '@switchboard/shared';
import { Clock } from '../common/clock';
import { validationFailed } from '../common/errors/domain-error';
import { DomainEvents } from '../common/events/domain-events';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';
import { heartbeatTimeoutsFor } from './domain/heartbeat-policy';
import type { Instance } from './domain/instance';
import { describeService } from './domain/naming-keys';
import { instanceNotFound } from './domain/naming.errors';
import type { InstanceChanged } from './domain/naming.events';
import { checkCluster, checkIp, checkMetadata, checkPort, checkTags, checkWeight, normaliseTags } from './domain/naming.rules';
import { PersistentInstanceEntity } from './domain/persistent-instance.entity';
import { NamingRegistry, type ServiceState } from './naming-registry';
import { heartbeatDefaults } from './naming-settings';
import { NamingRepository } from './naming.repository';
import { ServiceCatalogService } from './service-catalog.service';
import { SYSTEM_ACTOR, type Actor } from '../identity/actor';

export interface RegisterInstanceCommand {
  ip: string;
  port: number;
  clusterName?: string;
  weight?: number;
  enabled?: boolean;
  healthy?: boolean;
  ephemeral?: boolean;
  metadata?: Record<string, string>;
  tags?: string[];
  ownerConnectionId?: string; // a socket.io connection that keeps the instance alive
}

// Which instance: cluster, ip and port (the shared wire type).
export type InstanceAddress = InstanceKey;

export interface UpdateInstanceCommand {
  weight?: number;
  enabled?: boolean;
  healthy?: boolean;
  metadata?: Record<string, string>;
  tags?: string[];
}

// Cluster mode (naming-replication.service.ts): told of every change made on this node, and of
// every beat, so the other nodes can follow.
export interface InstanceReplication {
  changed(state: ServiceState, instance: Instance, change: InstanceChanged['change'], removed: boolean, caller: Actor): void;
  beaten(state: ServiceState, instance: Instance): void;
}

export interface BeatResult {
  known: boolean; // false: the client must register again
  clientBeatIntervalMs: number;
}

function describeInstance(key: ServiceKey, instance: { ip: string; port: number; clusterName: string }): string {
  return `${describeService(key)} cluster=${instance.clusterName} ${instance.ip}:${instance.port}`;
}

// Register, deregister, update and heartbeat. Ephemeral instances change in memory only;
// persistent ones are written to the database first and acknowledged after the commit.
@Injectable()
export class InstanceRegistrationService {
  private readonly logger = new Logger(InstanceRegistrationService.name);
  // Services in which each socket.io connection registered instances, so a disconnect only
  // looks at those.
  private readonly ownedBy = new Map<string, Set<ServiceState>>();
  private replication: InstanceReplication | undefined;

  constructor(
    private readonly registry: NamingRegistry,
    private readonly catalog: ServiceCatalogService,
    private readonly repository: NamingRepository,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async register(key: ServiceKey, command: RegisterInstanceCommand, caller: Actor): Promise<Instance> {
    const clusterName = command.clusterName || NAMING_DEFAULTS.clusterName;
    const violations: FieldViolation[] = [];
    checkIp('ip', command.ip, violations);
    checkPort('port', command.port, violations);
    checkCluster('clusterName', clusterName, violations);
    checkWeight('weight', command.weight, violations);
    checkMetadata('metadata', command.metadata, violations);
    checkTags('tags', command.tags, violations);
    if (violations.length) throw validationFailed(violations);
    const state = await this.catalog.ensure(key, caller);
    const nowMs = this.clock.now().getTime();
    const ephemeral = command.ephemeral ?? true;
    const metadata = { ...(command.metadata ?? {}) };
    const previous = this.registry.findInstance(state, clusterName, command.ip, command.port);
    const instance: Instance = {
      ip: command.ip,
      port: command.port,
      clusterName,
      weight: command.weight ?? NAMING_DEFAULTS.weight,
      // A persistent instance is healthy until its probe says otherwise.
      healthy: ephemeral ? (command.healthy ?? true) : (previous?.healthy ?? true),
      enabled: command.enabled ?? true,
      ephemeral,
      metadata,
      tags: normaliseTags(command.tags),
      registeredAtMs: previous?.registeredAtMs ?? nowMs,
      lastBeatMs: ephemeral && !command.ownerConnectionId ? nowMs : null,
      heartbeat: heartbeatTimeoutsFor(metadata, heartbeatDefaults(this.settings)),
      ownerConnectionId: ephemeral ? command.ownerConnectionId : undefined,
    };
    // Registering the same instance again (clients do after restarts) only refreshes its beat.
    if (previous && previous.ephemeral && ephemeral && sameRegistration(previous, instance)) {
      previous.lastBeatMs = instance.lastBeatMs;
      this.replication?.beaten(state, previous);
      return previous;
    }
    if (!ephemeral) await this.repository.savePersistentInstance(toEntity(key, instance, nowMs));
    if (instance.ownerConnectionId) {
      let states = this.ownedBy.get(instance.ownerConnectionId);
      if (!states) this.ownedBy.set(instance.ownerConnectionId, (states = new Set()));
      states.add(state);
    }
    this.apply(state, instance, previous ? 'updated' : 'registered', caller);
    return instance;
  }

  async deregister(key: ServiceKey, address: InstanceAddress, caller: Actor): Promise<Instance> {
    const state = this.catalog.get(key);
    const current = this.registry.findInstance(state, address.clusterName, address.ip, address.port);
    if (!current) throw instanceNotFound(key, address.clusterName, address.ip, address.port);
    if (!current.ephemeral) await this.repository.deletePersistentInstance(key, address.clusterName, address.ip, address.port);
    this.remove(state, current, 'deregistered', caller);
    return current;
  }

  async update(key: ServiceKey, address: InstanceAddress, command: UpdateInstanceCommand, caller: Actor): Promise<Instance> {
    const state = this.catalog.get(key);
    const current = this.registry.findInstance(state, address.clusterName, address.ip, address.port);
    if (!current) throw instanceNotFound(key, address.clusterName, address.ip, address.port);
    const violations: FieldViolation[] = [];
    checkWeight('weight', command.weight, violations);
    checkMetadata('metadata', command.metadata, violations);
    checkTags('tags', command.tags, violations);
    if (violations.length) throw validationFailed(violations);
    const metadata = command.metadata ? { ...command.metadata } : current.metadata;
    const next: Instance = {
      ...current,
      weight: command.weight ?? current.weight,
      enabled: command.enabled ?? current.enabled,
      healthy: command.healthy ?? current.healthy,
      metadata,
      tags: command.tags ? normaliseTags(command.tags) : current.tags,
      heartbeat: heartbeatTimeoutsFor(metadata, heartbeatDefaults(this.settings)),
    };
    if (!next.ephemeral) await this.repository.savePersistentInstance(toEntity(key, next, this.clock.now().getTime()));
    // Re-read: a deregister may have won the race while the database was written.
    if (this.registry.findInstance(state, address.clusterName, address.ip, address.port) !== current) {
      throw instanceNotFound(key, address.clusterName, address.ip, address.port);
    }
    this.apply(state, next, 'updated', caller);
    return next;
  }

  // Heartbeat of an ephemeral instance: from memory only; a silent-then-back instance is
  // healthy again. Unknown instances answer known=false so Nacos clients register again.
  beat(key: ServiceKey, address: InstanceAddress): BeatResult {
    const state = this.registry.get(key);
    const current = state && this.registry.findInstance(state, address.clusterName, address.ip, address.port);
    if (!state || !current) return { known: false, clientBeatIntervalMs: this.settings.naming.heartbeatIntervalMs };
    return this.touch(state, current);
  }

  // A beat that carries the instance's description registers it again when it is unknown (after
  // a server restart or an expiry), as Nacos does for 1.x clients.
  async beatOrRegister(key: ServiceKey, command: RegisterInstanceCommand, caller: Actor): Promise<BeatResult> {
    const result = this.beatIfKnown(key, command);
    if (result.known) return result;
    const instance = await this.register(key, { ...command, ephemeral: true }, caller);
    return { known: true, clientBeatIntervalMs: instance.heartbeat.intervalMs };
  }

  // The beat of an instance's description when this node knows the instance: its address is
  // touched, the description is not read again (an unknown one is left to beatOrRegister).
  beatIfKnown(key: ServiceKey, command: RegisterInstanceCommand): BeatResult {
    return this.beat(key, { clusterName: command.clusterName || NAMING_DEFAULTS.clusterName, ip: command.ip, port: command.port });
  }

  private touch(state: ServiceState, current: Instance): BeatResult {
    const nowMs = this.clock.now().getTime();
    if (current.healthy || !current.ephemeral) {
      // The common case: no visible change, so no new object, no event, no revision bump.
      if (current.ephemeral) {
        current.lastBeatMs = nowMs;
        this.replication?.beaten(state, current);
      }
    } else {
      this.apply(state, { ...current, healthy: true, lastBeatMs: nowMs }, 'healthChanged', SYSTEM_ACTOR);
    }
    return { known: true, clientBeatIntervalMs: current.heartbeat.intervalMs };
  }

  // Health verdicts from the heartbeat monitor and the probes.
  async setHealth(state: ServiceState, instance: Instance, healthy: boolean): Promise<void> {
    const current = this.registry.findInstance(state, instance.clusterName, instance.ip, instance.port);
    if (!current || current.healthy === healthy) return;
    const next = { ...current, healthy };
    if (!next.ephemeral) await this.repository.savePersistentInstance(toEntity(state.service.key, next, this.clock.now().getTime()));
    if (this.registry.findInstance(state, instance.clusterName, instance.ip, instance.port) !== current) return;
    this.apply(state, next, 'healthChanged', SYSTEM_ACTOR);
  }

  expire(state: ServiceState, instance: Instance): void {
    if (this.registry.findInstance(state, instance.clusterName, instance.ip, instance.port) !== instance) return;
    this.remove(state, instance, 'expired', SYSTEM_ACTOR);
  }

  // Removes every instance a closed socket.io connection kept alive.
  releaseConnection(connectionId: string): number {
    let released = 0;
    const states = this.ownedBy.get(connectionId) ?? [];
    this.ownedBy.delete(connectionId);
    for (const state of states) {
      for (const instance of state.instances.values()) {
        if (instance.ownerConnectionId !== connectionId) continue;
        this.remove(state, instance, 'deregistered', SYSTEM_ACTOR);
        released += 1;
      }
    }
    return released;
  }

  // Cluster mode: where changes made here are told to the other nodes.
  replicateTo(replication: InstanceReplication): void {
    this.replication = replication;
  }

  // A change made on another node (by `caller`, and audited there): applied and pushed to this
  // node's subscribers.
  applyRemote(state: ServiceState, instance: Instance, change: InstanceChanged['change'], caller: Actor = SYSTEM_ACTOR): void {
    this.apply(state, instance, change, { ...caller, remote: true });
  }

  removeRemote(state: ServiceState, instance: Instance, change: 'deregistered' | 'expired', caller: Actor = SYSTEM_ACTOR): void {
    if (this.registry.findInstance(state, instance.clusterName, instance.ip, instance.port)) this.remove(state, instance, change, { ...caller, remote: true });
  }

  private apply(state: ServiceState, instance: Instance, change: InstanceChanged['change'], caller: Actor): void {
    const previous = this.registry.putInstance(state, instance);
    const verb = change === 'healthChanged' ? (instance.healthy ? 'healthy' : 'unhealthy') : change;
    this.logger.log(`instance ${verb} ${describeInstance(state.service.key, instance)} weight=${instance.weight} enabled=${instance.enabled}`);
    this.events.emit('naming.instanceChanged', { service: state.service, change, instance, previous, revision: state.revision, caller, at: this.clock.now() });
    if (!caller.remote) this.replication?.changed(state, instance, change, false, caller);
  }

  private remove(state: ServiceState, instance: Instance, change: 'deregistered' | 'expired', caller: Actor): void {
    this.registry.removeInstance(state, instance.clusterName, instance.ip, instance.port);
    this.logger.log(`instance ${change} ${describeInstance(state.service.key, instance)}`);
    this.events.emit('naming.instanceChanged', { service: state.service, change, instance, previous: instance, revision: state.revision, caller, at: this.clock.now() });
    if (!caller.remote) this.replication?.changed(state, instance, change, true, caller);
  }
}

function sameRegistration(a: Instance, b: Instance): boolean {
  return (
    a.weight === b.weight &&
    a.healthy === b.healthy &&
    a.enabled === b.enabled &&
    a.ownerConnectionId === b.ownerConnectionId &&
    a.tags.join('\u0000') === b.tags.join('\u0000') &&
    JSON.stringify(a.metadata) === JSON.stringify(b.metadata)
  );
}

function toEntity(key: ServiceKey, instance: Instance, nowMs: number): PersistentInstanceEntity {
  return Object.assign(new PersistentInstanceEntity(), {
    ...key,
    clusterName: instance.clusterName,
    ip: instance.ip,
    port: instance.port,
    weight: instance.weight,
    enabled: instance.enabled,
    healthy: instance.healthy,
    metadata: { ...instance.metadata },
    tags: [...instance.tags],
    createdAt: new Date(instance.registeredAtMs),
    updatedAt: new Date(nowMs),
  });
}
