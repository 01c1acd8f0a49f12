import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ServiceKey } from '@switchboard/shared';
import { ClusterBus } from '../cluster/cluster-bus';
import { Clock } from '../common/clock';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';
import type { Instance } from './domain/instance';
import { instanceKeyString, serviceKeyString } from './domain/naming-keys';
import type { InstanceChanged } from './domain/naming.events';
import { InstanceRegistrationService, type InstanceReplication } from './instance-registration.service';
import { NamingRegistry, type ServiceState } from './naming-registry';
import { heartbeatDefaults } from './naming-settings';
import { NamingRepository } from './naming.repository';
import { persistentInstanceOf, SERVICE_NOTICE, serviceKeyOf, ServiceCatalogService } from './service-catalog.service';
import { SYSTEM_ACTOR, type Actor } from '../identity/actor';

const INSTANCE_NOTICE = 'instance';
const BEATS_NOTICE = 'beats';
// The Redis hash of every ephemeral instance (they live in memory, not in the database).
const INSTANCES_HASH = 'instances';
const FIELD_SEPARATOR = '\u0001';

interface InstanceNotice {
  service: ServiceKey;
  instance: Instance;
  change: InstanceChanged['change'];
  removed: boolean;
  caller: Actor;
}

interface BeatsNotice {
  instances: string[]; // hash fields of the instances that beat here since the last notice
}

// Cluster mode for the registry, as Nacos's Distro does it: every node holds every instance in
// memory and answers reads from there (AP: a change reaches the other nodes within a notice).
// - A change made on a node (register, update, deregister, health verdict) is told to the
//   others with the whole instance; ephemeral instances are also kept in a Redis hash, from
//   which a node that starts or reconnects loads them. Services and persistent instances are
//   in the database: a notice makes the others reload the service; a resync reloads them all.
// - Heartbeats are not told one by one: each node tells, once a second, which instances beat
//   at it (clients spread their beats over the nodes), so every node knows every instance's
//   last beat to within a second. That notice is also the node's sign of life (every notice is).
// - One node (the lease holder) turns silent instances unhealthy and expires them, probes the
//   persistent ones, and removes the instances a vanished node's socket.io connections kept
//   alive; everyone else learns the verdicts from its notices.
@Injectable()
export class NamingReplication implements InstanceReplication, OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NamingReplication.name);
  private beats = new Set<string>();
  private startedAtMs = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly registry: NamingRegistry,
    private readonly registration: InstanceRegistrationService,
    private readonly catalog: ServiceCatalogService,
    private readonly repository: NamingRepository,
    private readonly cluster: ClusterBus,
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  onModuleInit(): void {
    if (!this.cluster.enabled) return;
    this.registration.replicateTo(this);
    this.cluster.on(SERVICE_NOTICE, async (key) => this.catalog.learnService(key as ServiceKey, await this.repository.findService(key as ServiceKey)));
    this.cluster.on(INSTANCE_NOTICE, (notice) => this.learnInstance(notice as InstanceNotice));
    this.cluster.on(BEATS_NOTICE, (notice) => this.learnBeats(notice as BeatsNotice));
    this.cluster.onResync('services and instances', () => this.resync());
  }

  onApplicationBootstrap(): void {
    if (!this.cluster.enabled) return;
    this.startedAtMs = this.clock.now().getTime();
    this.timer = setInterval(() => this.tick(), 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  // InstanceReplication: a change made on this node.
  changed(state: ServiceState, instance: Instance, change: InstanceChanged['change'], removed: boolean, caller: Actor): void {
    const wire = this.toWire(instance);
    if (instance.ephemeral) {
      const field = fieldOf(state, instance);
      // The hash first: a node that reads it after this notice finds it at least as new.
      if (removed) this.cluster.sharedDelete(INSTANCES_HASH, field);
      else this.cluster.sharedPut(INSTANCES_HASH, field, JSON.stringify({ service: state.service.key, instance: wire }));
    }
    const notice: InstanceNotice = { service: state.service.key, instance: wire, change, removed, caller: { user: caller.user, sourceIp: caller.sourceIp } };
    this.cluster.announce(INSTANCE_NOTICE, notice);
  }

  // InstanceReplication: a heartbeat taken on this node (the hot path: one set insert).
  beaten(state: ServiceState, instance: Instance): void {
    this.beats.add(fieldOf(state, instance));
  }

  private tick(): void {
    const instances = [...this.beats];
    this.beats = new Set();
    const notice: BeatsNotice = { instances };
    this.cluster.announce(BEATS_NOTICE, notice);
    if (this.cluster.leads) this.releaseVanishedNodes();
  }

  // Instances kept alive by socket.io connections to a node that has not been heard from for
  // an expiry period: that node is gone (killed, cut off), and so are its connections.
  private releaseVanishedNodes(): void {
    const nowMs = this.clock.now().getTime();
    const expireAfterMs = this.settings.naming.expireAfterMs;
    for (const state of this.registry.allServices()) {
      for (const instance of state.instances.values()) {
        if (!instance.ownerNode) continue;
        const seenAtMs = Math.max(this.cluster.lastHeardFrom(instance.ownerNode) ?? 0, this.startedAtMs);
        if (nowMs - seenAtMs > expireAfterMs) this.registration.expire(state, instance);
      }
    }
  }

  private async learnInstance(notice: InstanceNotice): Promise<void> {
    const state = await this.serviceState(notice.service);
    if (!state) return;
    const instance = this.fromWire(notice.instance);
    if (notice.removed) this.registration.removeRemote(state, instance, notice.change === 'expired' ? 'expired' : 'deregistered', notice.caller);
    else this.registration.applyRemote(state, instance, notice.change, notice.caller);
  }

  private learnBeats(notice: BeatsNotice): void {
    const nowMs = this.clock.now().getTime();
    for (const field of notice.instances) {
      const at = field.indexOf(FIELD_SEPARATOR);
      const instance = this.registry.getById(field.slice(0, at))?.instances.get(field.slice(at + 1));
      if (instance?.ephemeral && instance.lastBeatMs !== null) instance.lastBeatMs = nowMs;
    }
  }

  // The service of a notice; one this node has not heard of yet is loaded from the database.
  private async serviceState(key: ServiceKey): Promise<ServiceState | undefined> {
    const state = this.registry.get(key);
    if (state) return state;
    this.catalog.learnService(key, await this.repository.findService(key));
    return this.registry.get(key);
  }

  // Everything again: services and persistent instances from the database, ephemeral instances
  // from the Redis hash (after writing back the ones this node's connections keep alive, in
  // case a write was lost while Redis was away).
  private async resync(): Promise<void> {
    for (const state of this.registry.allServices()) {
      for (const instance of state.instances.values()) if (instance.ownerConnectionId) this.changed(state, instance, 'updated', false, SYSTEM_ACTOR);
    }
    const services = await this.repository.findAllServices();
    const stored = new Set<string>();
    for (const row of services) {
      stored.add(serviceKeyString(serviceKeyOf(row)));
      this.catalog.learnService(serviceKeyOf(row), row);
    }
    for (const state of [...this.registry.allServices()]) if (!stored.has(serviceKeyString(state.service.key))) this.catalog.learnService(state.service.key, null);

    const defaults = heartbeatDefaults(this.settings);
    const persistent = new Set<string>();
    for (const row of await this.repository.findAllPersistentInstances()) {
      const state = this.registry.get(serviceKeyOf(row));
      if (!state) continue;
      const instance = persistentInstanceOf(row, defaults);
      persistent.add(fieldOf(state, instance));
      this.learnState(state, instance);
    }
    const shared = await this.cluster.sharedRead(INSTANCES_HASH);
    for (const value of Object.values(shared)) {
      const entry = JSON.parse(value) as { service: ServiceKey; instance: Instance };
      const state = await this.serviceState(entry.service);
      if (state) this.learnState(state, this.fromWire(entry.instance));
    }
    for (const state of this.registry.allServices()) {
      for (const instance of state.instances.values()) {
        const field = fieldOf(state, instance);
        // Gone from the database, or removed by the node whose connection kept it. Instances
        // kept by beats are left to expire by silence.
        if (!instance.ephemeral && !persistent.has(field)) this.registration.removeRemote(state, instance, 'deregistered');
        else if (instance.ownerNode && !(field in shared)) this.registration.removeRemote(state, instance, 'deregistered');
      }
    }
    this.logger.log(`registry reloaded: ${services.length} services, ${persistent.size} persistent and ${Object.keys(shared).length} ephemeral instances`);
  }

  private learnState(state: ServiceState, instance: Instance): void {
    const current = this.registry.findInstance(state, instance.clusterName, instance.ip, instance.port);
    if (!current) this.registration.applyRemote(state, instance, 'registered');
    else if (visible(current) !== visible(instance)) this.registration.applyRemote(state, { ...instance, lastBeatMs: current.lastBeatMs === null ? instance.lastBeatMs : current.lastBeatMs }, 'updated');
  }

  // An instance as other nodes receive it: one kept alive by a connection to this node names it.
  private toWire(instance: Instance): Instance {
    return instance.ownerConnectionId ? { ...instance, ownerNode: this.cluster.nodeId } : instance;
  }

  // An instance from another node: kept by beats (its last beat is now: it just changed or was
  // loaded), or by a connection, ours (it came back) or another node's.
  private fromWire(wire: Instance): Instance {
    const { ownerConnectionId, ownerNode, ...rest } = wire;
    const nowMs = this.clock.now().getTime();
    if (ownerNode === this.cluster.nodeId) return { ...rest, lastBeatMs: null, ownerConnectionId };
    if (ownerNode) return { ...rest, lastBeatMs: null, ownerNode };
    return { ...rest, lastBeatMs: rest.ephemeral ? nowMs : null };
  }
}

function fieldOf(state: ServiceState, instance: Instance): string {
  return serviceKeyString(state.service.key) + FIELD_SEPARATOR + instanceKeyString(instance.clusterName, instance.ip, instance.port);
}

// What a client sees of an instance (its last beat aside).
function visible(instance: Instance): string {
  return JSON.stringify([instance.weight, instance.healthy, instance.enabled, instance.metadata, instance.tags, instance.ownerNode ?? null, instance.ownerConnectionId ?? null]);
}
