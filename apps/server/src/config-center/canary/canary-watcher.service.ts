import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { CanaryGuardState, ConfigKey } from '@switchboard/shared';
import { Clock } from '../../common/clock';
import { isDomainError } from '../../common/errors/domain-error';
import { DomainEvents } from '../../common/events/domain-events';
import type { InstanceChanged } from '../../naming/domain/naming.events';
import '../../naming/domain/naming.events';
import { NamingRegistry } from '../../naming/naming-registry';
import { SETTINGS } from '../../settings/settings.module';
import type { Settings } from '../../settings/settings';
import { ConfigAnswers } from '../config-answers';
import { configKeyString } from '../domain/config-keys';
import { CanaryIndex } from './canary-index';
import { SYSTEM_ACTOR } from '../../identity/actor';
import { CanaryService } from './canary.service';
import type { CanaryRecord } from './domain/canary-record';
import { decide, guardState, type GuardedInstance } from './domain/canary-plan';
import { ClusterBus } from '../../cluster/cluster-bus';

const intersects = (tags: readonly string[] | undefined, wanted: readonly string[]) => !!tags && tags.some((t) => wanted.includes(t));

// Watches the registry for the canaries: instances gaining or losing a targeted tag change who
// gets the candidate (push re-evaluates), and running plans step up, promote or abort by
// their health gate, on a timer and whenever a guarded service's instances change.
@Injectable()
export class CanaryWatcher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CanaryWatcher.name);
  private readonly unsubscribers: (() => void)[] = [];
  private readonly evaluating = new Set<string>();
  private readonly guards = new Map<string, CanaryGuardState>();
  private timer?: NodeJS.Timeout;
  private startedAtMs = 0;

  constructor(
    private readonly canaries: CanaryIndex,
    private readonly service: CanaryService,
    private readonly answers: ConfigAnswers,
    private readonly registry: NamingRegistry,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly cluster: ClusterBus,
  ) {}

  onModuleInit(): void {
    this.startedAtMs = this.clock.now().getTime();
    this.timer = setInterval(() => this.tick(), this.settings.canary.planTickMs);
    this.timer.unref();
    this.unsubscribers.push(
      this.events.on('naming.instanceChanged', (event) => this.onInstanceChanged(event)),
      this.events.on('config.canaryChanged', (event) => {
        if (!event.active) this.guards.delete(configKeyString(event.canary.key));
      }),
    );
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  // The last health-gate reading of a running plan.
  guardOf(key: ConfigKey): CanaryGuardState | null {
    return this.guards.get(configKeyString(key)) ?? null;
  }

  private onInstanceChanged(event: InstanceChanged): void {
    if (this.canaries.size === 0) return;
    const service = event.service.key;
    for (const canary of [...this.canaries.all()]) {
      if (canary.key.namespaceId !== service.namespaceId) continue;
      if (canary.target.tags.length && this.movesTags(event, canary.target.tags)) this.events.emit('config.answersChanged', { key: canary.key, at: event.at });
      const guard = canary.plan?.guard;
      if (guard && this.cluster.leads && guard.groupName === service.groupName && guard.serviceName === service.serviceName) void this.evaluate(canary.key);
    }
  }

  // Whether this change can move a client in or out of a tag target.
  private movesTags(event: InstanceChanged, tags: readonly string[]): boolean {
    switch (event.change) {
      case 'registered':
      case 'deregistered':
      case 'expired':
        return intersects(event.instance.tags, tags) || intersects(event.previous?.tags, tags);
      case 'updated':
        return event.previous?.tags !== event.instance.tags && (intersects(event.instance.tags, tags) || intersects(event.previous?.tags, tags));
      default:
        return false;
    }
  }

  private tick(): void {
    // Cluster mode: one node steps, promotes and aborts plans; the others learn of it.
    if (!this.cluster.leads) return;
    for (const canary of [...this.canaries.all()]) if (canary.plan) void this.evaluate(canary.key);
  }

  private async evaluate(key: ConfigKey): Promise<void> {
    const id = configKeyString(key);
    if (this.evaluating.has(id)) return;
    this.evaluating.add(id);
    try {
      let canary = this.canaries.get(key);
      if (!canary?.plan || canary.step === null || canary.stepStartedAtMs === null) return;
      const now = this.clock.now().getTime();
      let guard: CanaryGuardState | null = null;
      if (canary.plan.guard) {
        const current = this.guardedInstances(canary);
        const received = [...canary.received];
        for (const instance of current.values()) {
          if (instance.healthy && !received.includes(instance.id) && this.answers.targets(canary, { ip: instance.ip })) received.push(instance.id);
        }
        if (received.length !== canary.received.length) {
          await this.service.recordReceived(key, canary.revision, received);
          canary = this.canaries.get(key) ?? canary;
        }
        // Just after a restart, ephemeral instances have not re-registered yet: only once they
        // had the time to do so does an absent instance count as gone.
        const countVanished = now - this.startedAtMs >= this.settings.naming.expireAfterMs;
        guard = guardState(received, current, countVanished);
        this.guards.set(id, guard);
      }
      const decision = decide(canary.plan!, canary.step!, canary.stepStartedAtMs!, now, guard);
      if (decision.kind === 'step') await this.service.advance(key, canary.revision, decision.step);
      else if (decision.kind === 'promote') await this.service.promote(key, SYSTEM_ACTOR, { expectedRevision: canary.revision, reason: 'plan completed: every step passed its health gate' });
      else if (decision.kind === 'abort') await this.service.abort(key, SYSTEM_ACTOR, decision.reason, canary.revision);
    } catch (error) {
      // Someone changed or ended the canary meanwhile: the next tick looks again.
      if (!isDomainError(error) || (error.code !== 'CANARY_CONFLICT' && error.code !== 'CANARY_NOT_FOUND')) {
        this.logger.error(`canary plan of ${key.group}/${key.dataId} in ${key.namespaceId}: ${(error as Error).message}`);
      }
    } finally {
      this.evaluating.delete(id);
    }
  }

  private guardedInstances(canary: CanaryRecord): Map<string, GuardedInstance> {
    const guard = canary.plan!.guard!;
    const state = this.registry.get({ namespaceId: canary.key.namespaceId, groupName: guard.groupName, serviceName: guard.serviceName });
    const result = new Map<string, GuardedInstance>();
    for (const instance of state?.instances.values() ?? []) {
      const id = `${instance.clusterName} ${instance.ip}:${instance.port}`;
      result.set(id, { id, ip: instance.ip, healthy: instance.healthy && instance.enabled });
    }
    return result;
  }
}
