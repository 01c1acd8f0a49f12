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
import { INSTANCE_FEED, NamingRepository, SERVICE_FEED, type InstanceFeedKey } from './naming.repository';
import { persistentInstanceOf, serviceKeyOf, ServiceCatalogService } from './service-catalog.service';
import { Replication } from '../cluster/replication';
import type { Actor } from '../identity/actor';

const INSTANCE_NOTICE = 'instance';
const BEATS_NOTICE = 'beats';
// A node wrote back what it held after Redis came back: the others read the hash again.
const WRITTEN_BACK_NOTICE = 'instances-written-back';
// How long a removed ephemeral instance is remembered (in memory and as a tombstone in the hash),
// so that a node which still held it while Redis was away cannot bring it back.
const TOMBSTONE_TTL_MS = 10 * 60_000;
const SWEEP_EVERY_MS = 60_000;
// Write-backs of several nodes arrive together: the hash is read again once they settle.
const REREAD_AFTER_MS = 200;
// The Redis hash of every ephemeral instance (they live in memory, not in the database).
const INSTANCES_HASH = 'instances';
const FIELD_SEPARATOR = '\u0001';

interface InstanceNotice {
  service: ServiceKey;
  instance: Instance;
  change: InstanceChanged['change'];
  removed: boolean;
  caller: Actor;
  atMs?: number; // the change's version (ephemeral instances): a newer one known wins
}

// An ephemeral instance in the Redis hash, or its tombstone (removed) with the removal's version.
interface SharedEntry {
  service: ServiceKey;
  instance: Instance;
  atMs?: number;
  removed?: true;
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
// - Every change of an ephemeral instance has a version (its time, later than any version known
//   for it), carried by its notice and its hash entry; a removal leaves a tombstone for a while.
//   When Redis comes back (it may have lost everything), each node writes back the instances and
//   tombstones it holds, each only over an older version, then reads the hash: an instance
//   deregistered on one node while Redis was away stays removed on the others.
@Injectable()
export class NamingReplication implements InstanceReplication, OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NamingReplication.name);
  private beats = new Set<string>();
  private readonly versions = new Map<string, number>(); // hash field → version of the last change known
  private readonly tombstones = new Map<string, SharedEntry>();
  private lastVersionMs = 0;
  private lastSweepMs = 0;
  private rereadTimer: NodeJS.Timeout | undefined;
  private startedAtMs = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly registry: NamingRegistry,
    private readonly registration: InstanceRegistrationService,
    private readonly catalog: ServiceCatalogService,
    private readonly repository: NamingRepository,
    private readonly cluster: ClusterBus,
    private readonly replication: Replication,
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  onModuleInit(): void {
    if (!this.cluster.enabled) return;
    this.registration.replicateTo(this);
    // Services and persistent instances: from the change feed, read from the database.
    this.replication.register(SERVICE_FEED, {
      apply: async (id) => {
        const key = JSON.parse(id) as ServiceKey;
        this.catalog.learnService(key, await this.repository.findService(key));
      },
      reloadAll: () => this.reloadDurable(),
    });
    this.replication.register(INSTANCE_FEED, { apply: (id) => this.learnPersistent(JSON.parse(id) as InstanceFeedKey), reloadAll: async () => undefined });
    this.cluster.on(INSTANCE_NOTICE, (notice) => this.learnInstance(notice as InstanceNotice));
    this.cluster.on(BEATS_NOTICE, (notice) => this.learnBeats(notice as BeatsNotice));
    this.cluster.on(WRITTEN_BACK_NOTICE, () => this.scheduleReread());
    // Ephemeral instances: from the Redis hash, at start and whenever Redis is back.
    this.cluster.onResync('ephemeral instances', () => this.reloadShared());
  }

  onApplicationBootstrap(): void {
    if (!this.cluster.enabled) return;
    this.startedAtMs = this.clock.now().getTime();
    this.timer = setInterval(() => this.tick(), 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    clearTimeout(this.rereadTimer);
  }

  // InstanceReplication: a change made on this node.
  changed(state: ServiceState, instance: Instance, change: InstanceChanged['change'], removed: boolean, caller: Actor): void {
    const wire = this.toWire(instance);
    let atMs: number | undefined;
    if (instance.ephemeral) {
      const field = fieldOf(state, instance);
      atMs = this.nextVersion(field);
      this.versions.set(field, atMs);
      const entry: SharedEntry = { service: state.service.key, instance: wire, atMs, ...(removed ? { removed: true as const } : {}) };
      if (removed) this.tombstones.set(field, entry);
      else this.tombstones.delete(field);
      // The hash first (the same connection, in order): a node that reads it after this notice
      // finds it at least as new.
      void this.cluster.sharedPutIfNewer(INSTANCES_HASH, field, JSON.stringify(entry), atMs);
    }
    const notice: InstanceNotice = { service: state.service.key, instance: wire, change, removed, caller: { user: caller.user, sourceIp: caller.sourceIp }, atMs };
    this.cluster.announce(INSTANCE_NOTICE, notice);
  }

  // InstanceReplication: a heartbeat taken on this node (the hot path: one set insert).
  beaten(state: ServiceState, instance: Instance): void {
    this.beats.add(fieldOf(state, instance));
  }

  // A version later than the clock and than any known for the field.
  private nextVersion(field: string): number {
    this.lastVersionMs = Math.max(this.clock.now().getTime(), this.lastVersionMs + 1, (this.versions.get(field) ?? 0) + 1);
    return this.lastVersionMs;
  }

  private tick(): void {
    const instances = [...this.beats];
    this.beats = new Set();
    const notice: BeatsNotice = { instances };
    this.cluster.announce(BEATS_NOTICE, notice);
    if (this.cluster.leads) this.releaseVanishedNodes();
    const nowMs = this.clock.now().getTime();
    if (nowMs - this.lastSweepMs >= SWEEP_EVERY_MS) {
      this.lastSweepMs = nowMs;
      void this.sweepTombstones(nowMs).catch((error: unknown) => this.logger.warn(`sweeping instance tombstones failed: ${(error as Error).message}`));
    }
  }

  // Tombstones past their time are forgotten; the leader also takes them out of the hash.
  private async sweepTombstones(nowMs: number): Promise<void> {
    for (const [field, entry] of this.tombstones) {
      if (nowMs - (entry.atMs ?? 0) < TOMBSTONE_TTL_MS) continue;
      this.tombstones.delete(field);
      this.versions.delete(field);
    }
    if (!this.cluster.leads) return;
    for (const [field, value] of Object.entries(await this.cluster.sharedRead(INSTANCES_HASH))) {
      const entry = JSON.parse(value) as SharedEntry;
      if (entry.removed && nowMs - (entry.atMs ?? 0) >= TOMBSTONE_TTL_MS) this.cluster.sharedDelete(INSTANCES_HASH, field);
    }
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
    if (notice.instance.ephemeral && notice.atMs !== undefined) {
      const field = fieldOf(state, instance);
      // A newer change of this instance is known here already (notices of a write-back).
      if ((this.versions.get(field) ?? 0) > notice.atMs) return;
      this.versions.set(field, notice.atMs);
      if (notice.removed) this.tombstones.set(field, { service: notice.service, instance: notice.instance, atMs: notice.atMs, removed: true });
      else this.tombstones.delete(field);
    }
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

  // A persistent instance as the database has it now (gone: removed here too).
  private async learnPersistent(key: InstanceFeedKey): Promise<void> {
    const state = await this.serviceState(key);
    if (!state) return;
    const row = await this.repository.findPersistentInstance(key);
    if (row) {
      this.learnState(state, persistentInstanceOf(row, heartbeatDefaults(this.settings)));
      return;
    }
    const current = this.registry.findInstance(state, key.clusterName, key.ip, key.port);
    if (current && !current.ephemeral) this.registration.removeRemote(state, current, 'deregistered');
  }

  // Services and persistent instances from the database (at start, or a node further behind
  // than the change feed keeps).
  private async reloadDurable(): Promise<void> {
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
    for (const state of this.registry.allServices()) {
      for (const instance of state.instances.values()) {
        // Gone from the database.
        if (!instance.ephemeral && !persistent.has(fieldOf(state, instance))) this.registration.removeRemote(state, instance, 'deregistered');
      }
    }
    this.logger.log(`registry reloaded: ${services.length} services, ${persistent.size} persistent instances`);
  }

  // Ephemeral instances, at start and whenever Redis is back (it may have lost everything): this
  // node writes back the instances and tombstones it holds, each only over an older version,
  // reads the hash, and tells the others to read it again once their write-backs settle.
  private async reloadShared(): Promise<void> {
    const writes: Promise<boolean>[] = [];
    for (const state of this.registry.allServices()) {
      for (const instance of state.instances.values()) {
        if (!instance.ephemeral) continue;
        const field = fieldOf(state, instance);
        const atMs = this.versions.get(field) ?? 0;
        writes.push(this.cluster.sharedPutIfNewer(INSTANCES_HASH, field, JSON.stringify({ service: state.service.key, instance: this.toWire(instance), atMs } satisfies SharedEntry), atMs));
      }
    }
    for (const [field, entry] of this.tombstones) writes.push(this.cluster.sharedPutIfNewer(INSTANCES_HASH, field, JSON.stringify(entry), entry.atMs ?? 0));
    await Promise.all(writes);
    await this.applyShared();
    if (writes.length > 0) this.cluster.announce(WRITTEN_BACK_NOTICE, null);
  }

  private scheduleReread(): void {
    clearTimeout(this.rereadTimer);
    this.rereadTimer = setTimeout(() => {
      this.applyShared().catch((error: unknown) => this.logger.warn(`reading the ephemeral instances again failed: ${(error as Error).message}`));
    }, REREAD_AFTER_MS);
    this.rereadTimer.unref();
  }

  // The hash's entries newer than what this node knows: instances taken, tombstones removing theirs.
  private async applyShared(): Promise<void> {
    const shared = await this.cluster.sharedRead(INSTANCES_HASH);
    const live = new Set<string>();
    for (const [field, value] of Object.entries(shared)) {
      const entry = JSON.parse(value) as SharedEntry;
      if (!entry.removed) live.add(field);
      const atMs = entry.atMs ?? 0;
      if ((this.versions.get(field) ?? -1) >= atMs) continue;
      const state = await this.serviceState(entry.service);
      if (!state) continue;
      this.versions.set(field, atMs);
      if (entry.removed) {
        this.tombstones.set(field, entry);
        const current = this.registry.findInstance(state, entry.instance.clusterName, entry.instance.ip, entry.instance.port);
        if (current?.ephemeral) this.registration.removeRemote(state, current, 'deregistered');
      } else {
        this.tombstones.delete(field);
        this.learnState(state, this.fromWire(entry.instance));
      }
    }
    for (const state of this.registry.allServices()) {
      for (const instance of state.instances.values()) {
        // Removed by the node whose connection kept it. Instances kept by beats are left to
        // expire by silence.
        if (instance.ownerNode && !live.has(fieldOf(state, instance))) this.registration.removeRemote(state, instance, 'deregistered');
      }
    }
    this.logger.log(`ephemeral instances reloaded: ${live.size} in the shared hash`);
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
