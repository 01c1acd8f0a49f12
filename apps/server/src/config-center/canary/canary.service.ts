import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { CanaryAction, CanaryPlan, CanaryTarget, ConfigKey, ConfigType, FieldViolation, Page, StartCanaryRequest, UpdateCanaryRequest } from '@switchboard/shared';
import { Clock } from '../../common/clock';
import { requireValidPage } from '../../common/paging';
import { DomainError, fieldViolation, validationFailed } from '../../common/errors/domain-error';
import { DomainEvents } from '../../common/events/domain-events';
import { SETTINGS } from '../../settings/settings.module';
import type { Settings } from '../../settings/settings';
import { ConfigIndex } from '../config-index';
import { ConfigPublishService } from '../config-publish.service';
import { validateConfigContent } from '../domain/content-validation';
import { configKeyString, contentMd5, describeConfig } from '../domain/config-keys';
import type { ConfigRecord } from '../domain/config-record';
import { configNotFound, configTooLarge } from '../domain/config.errors';
import { checkConfigKey, checkConfigType } from '../domain/config.rules';
import '../domain/config.events';
import { KeyedMutex } from '../keyed-mutex';
import { CanaryIndex } from './canary-index';
import { CANARY_FEED, CanaryRepository } from './canary.repository';
import type { CanaryCandidate, CanaryRecord } from './domain/canary-record';
import type { ConfigCanaryEventEntity } from './domain/canary.entities';
import { canaryAlreadyActive, canaryConflict, canaryNotFound } from './domain/canary.errors';
import './domain/canary.events';
import { checkPlan, checkReason, checkTarget } from './domain/canary.rules';
import { Replication } from '../../cluster/replication';
import { authorOf, SYSTEM_ACTOR, type Actor } from '../../identity/actor';
import { bothWorks, type ChangeWork } from '../../database/change-feed';
import { NamespacesService } from '../../namespaces/namespaces.service';
import { requireDirectChange } from '../../namespaces/domain/review-policy';

// Cluster notices of committed canary changes (their data: the config's key).


// Start, change, promote and abort canary releases. Each change is one transaction (the active
// canary row and a row in its log), acknowledged after the commit; then the index is updated
// and the events emitted, so push re-evaluates who gets what.
@Injectable()
export class CanaryService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CanaryService.name);
  private readonly mutex = new KeyedMutex();
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    private readonly canaries: CanaryIndex,
    private readonly configs: ConfigIndex,
    private readonly publisher: ConfigPublishService,
    private readonly repository: CanaryRepository,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly replication: Replication,
    private readonly namespaces: NamespacesService,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const canary of await this.repository.findAll()) this.canaries.put(canary);
    // Cluster mode: a canary changed on another node is reloaded from the database.
    this.replication.register(CANARY_FEED, {
      apply: (id) => {
        const key = JSON.parse(id) as ConfigKey;
        return this.mutex.run(configKeyString(key), () => this.learn(key));
      },
      reloadAll: () => this.reloadAll(),
    });
    this.unsubscribers.push(
      this.events.on('config.deleted', (event) => {
        // The node that deleted the config ends its canary.
        if (event.actor.remote || !this.canaries.get(event.config.key)) return;
        this.abort(event.config.key, SYSTEM_ACTOR, 'the config was deleted').catch((error: unknown) => this.logger.error(`aborting the canary of a deleted config failed: ${(error as Error).message}`));
      }),
    );
  }

  // After every index is loaded: a config deleted while its canary ran (or just before a crash)
  // takes the canary with it.
  async onApplicationBootstrap(): Promise<void> {
    for (const canary of [...this.canaries.all()]) if (!this.configs.live(canary.key)) await this.abort(canary.key, SYSTEM_ACTOR, 'the config was deleted');
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  get(key: ConfigKey): CanaryRecord {
    const canary = this.canaries.get(key);
    if (!canary) throw canaryNotFound(key);
    return canary;
  }

  find(key: ConfigKey): CanaryRecord | undefined {
    return this.canaries.get(key);
  }

  list(namespaceId: string): CanaryRecord[] {
    return this.canaries.of(namespaceId).sort((a, b) => a.key.group.localeCompare(b.key.group) || a.key.dataId.localeCompare(b.key.dataId));
  }

  async history(key: ConfigKey, pageNo: number, pageSize: number): Promise<Page<ConfigCanaryEventEntity>> {
    requireValidPage(pageNo, pageSize);
    const { items, total } = await this.repository.listEvents(key, pageNo, pageSize);
    return { items, total, pageNo, pageSize };
  }

  // `alsoInTransaction` commits or fails with the start (an approved change request is marked
  // applied in the same transaction).
  start(key: ConfigKey, request: StartCanaryRequest, actor: Actor, alsoInTransaction?: ChangeWork): Promise<CanaryRecord> {
    const violations: FieldViolation[] = [];
    checkConfigKey(key, violations);
    checkTarget('target', request.target, violations);
    checkPlan('plan', request.plan, violations);
    if (violations.length) throw validationFailed(violations);
    requireDirectChange(this.namespaces.get(key.namespaceId), actor, `a canary of config "${key.group}/${key.dataId}"`);
    return this.mutex.run(configKeyString(key), async () => {
      const head = this.configs.live(key);
      if (!head) throw configNotFound(key);
      const current = this.canaries.get(key);
      if (current) throw canaryAlreadyActive(key, current.id);
      const candidate = this.candidateOf(head, request.content, request.type);
      const plan: CanaryPlan | null = request.plan ? { steps: request.plan.steps.map((s) => ({ weight: s.weight, bakeMs: s.bakeMs })), guard: request.plan.guard ?? null } : null;
      const target: CanaryTarget = { ips: [...new Set(request.target?.ips ?? [])], tags: [...new Set(request.target?.tags ?? [])], weight: plan ? plan.steps[0].weight : (request.target?.weight ?? 0) };
      const now = this.clock.now().getTime();
      const canary: CanaryRecord = {
        id: randomUUID(),
        key: { namespaceId: key.namespaceId, group: key.group, dataId: key.dataId },
        revision: 1,
        baseVersion: head.version,
        candidate,
        target,
        plan,
        step: plan ? 0 : null,
        stepStartedAtMs: plan ? now : null,
        received: [],
        startedAtMs: now,
        startedBy: authorOf(actor),
        updatedAtMs: now,
        updatedBy: authorOf(actor),
      };
      await this.commit(canary, 'started', actor, null, alsoInTransaction);
      return canary;
    });
  }

  update(key: ConfigKey, request: UpdateCanaryRequest, actor: Actor): Promise<CanaryRecord> {
    const violations: FieldViolation[] = [];
    checkTarget('target', request.target, violations);
    if (violations.length) throw validationFailed(violations);
    // A new candidate is a change of content; a new target or weight is not.
    if (request.content !== undefined || request.type !== undefined) requireDirectChange(this.namespaces.get(key.namespaceId), actor, `a new canary candidate of config "${key.group}/${key.dataId}"`);
    return this.mutex.run(configKeyString(key), async () => {
      const current = this.current(key, request.expectedRevision);
      if (current.plan && request.target?.weight !== undefined) {
        throw validationFailed([fieldViolation('target.weight', 'plan', 'is set by the running plan; abort the canary or let the plan finish')]);
      }
      const head = this.configs.live(key);
      if (!head) throw configNotFound(key);
      const candidate = request.content !== undefined || request.type !== undefined ? this.candidateOf(head, request.content ?? current.candidate.content, request.type ?? current.candidate.type) : current.candidate;
      const target: CanaryTarget = {
        ips: request.target?.ips ? [...new Set(request.target.ips)] : current.target.ips,
        tags: request.target?.tags ? [...new Set(request.target.tags)] : current.target.tags,
        weight: request.target?.weight ?? current.target.weight,
      };
      const now = this.clock.now().getTime();
      const next: CanaryRecord = { ...current, candidate, target, revision: current.revision + 1, updatedAtMs: now, updatedBy: authorOf(actor) };
      await this.commit(next, 'updated', actor, null);
      return next;
    });
  }

  // A Nacos gray publish (beta: addresses; tag: a client label): starts a canary with this
  // target, or gives the active one this candidate and target part.
  publishGray(key: ConfigKey, content: string, type: ConfigType | undefined, target: { ips: string[] } | { tags: string[] }, actor: Actor): Promise<CanaryRecord> {
    if (this.canaries.get(key)) return this.update(key, { content, type, target }, actor);
    return this.start(key, { content, type, target: { ips: [], tags: [], weight: 0, ...target } }, actor).catch((error: unknown) => {
      // Started by someone else meanwhile: retarget that one.
      if (error instanceof DomainError && error.code === 'CANARY_ALREADY_ACTIVE') return this.update(key, { content, type, target }, actor);
      throw error;
    });
  }

  // A Nacos delete with tag=: ends the canary releasing to that tag, if any (not the config).
  async removeTagGray(key: ConfigKey, tag: string, actor: Actor): Promise<void> {
    if (this.canaries.get(key)?.target.tags.includes(tag)) await this.abort(key, actor, `tag gray release "${tag}" removed`);
  }

  // The plan moves to its next step (the weight of that step applies from now).
  advance(key: ConfigKey, expectedRevision: number, step: number): Promise<CanaryRecord | undefined> {
    return this.mutex.run(configKeyString(key), async () => {
      const current = this.canaries.get(key);
      if (!current?.plan || current.revision !== expectedRevision || step >= current.plan.steps.length) return undefined;
      const now = this.clock.now().getTime();
      const next: CanaryRecord = {
        ...current,
        target: { ...current.target, weight: current.plan.steps[step].weight },
        step,
        stepStartedAtMs: now,
        revision: current.revision + 1,
        updatedAtMs: now,
        updatedBy: SYSTEM_ACTOR.user,
      };
      await this.commit(next, 'stepped', SYSTEM_ACTOR, `plan step ${step + 1} of ${current.plan.steps.length}: weight ${next.target.weight}%`);
      return next;
    });
  }

  // Guarded instances that received the candidate; kept so the health gate survives a restart.
  recordReceived(key: ConfigKey, revision: number, received: string[]): Promise<void> {
    return this.mutex.run(configKeyString(key), async () => {
      const current = this.canaries.get(key);
      if (!current || current.revision !== revision) return;
      const next: CanaryRecord = { ...current, received };
      await this.repository.commit(this.repository.changeWork(next, key, null));
      this.canaries.put(next);
    });
  }

  // The candidate becomes the config's next version (op canary-promote) in the same
  // transaction that ends the canary.
  promote(key: ConfigKey, actor: Actor, options: { expectedRevision?: number; reason?: string } = {}): Promise<ConfigRecord> {
    return this.mutex.run(configKeyString(key), async () => {
      const current = this.current(key, options.expectedRevision);
      const now = this.clock.now();
      const last: CanaryRecord = { ...current, updatedAtMs: now.getTime(), updatedBy: authorOf(actor) };
      const reason = options.reason ?? null;
      const work = this.repository.changeWork(null, key, { canary: last, action: 'promoted', actor, reason, at: now });
      const record = await this.publisher.publish(key, { content: current.candidate.content, type: current.candidate.type }, actor, 'canary-promote', work);
      this.finish(last, 'promoted', reason, actor, now);
      return record;
    });
  }

  abort(key: ConfigKey, actor: Actor, reason?: string, expectedRevision?: number): Promise<CanaryRecord> {
    const violations: FieldViolation[] = [];
    checkReason('reason', reason, violations);
    if (violations.length) throw validationFailed(violations);
    return this.mutex.run(configKeyString(key), async () => {
      const current = this.current(key, expectedRevision);
      const now = this.clock.now();
      const last: CanaryRecord = { ...current, updatedAtMs: now.getTime(), updatedBy: authorOf(actor) };
      await this.repository.commit(this.repository.changeWork(null, key, { canary: last, action: 'aborted', actor, reason: reason ?? null, at: now }));
      this.finish(last, 'aborted', reason ?? null, actor, now);
      return last;
    });
  }

  private async reloadAll(): Promise<void> {
    const keys = new Map<string, ConfigKey>();
    for (const canary of this.canaries.all()) keys.set(configKeyString(canary.key), canary.key);
    for (const { key } of await this.repository.findAll()) keys.set(configKeyString(key), key);
    for (const [id, key] of keys) await this.mutex.run(id, () => this.learn(key));
  }

  // The canary of `key` as the database has it (changed on another node), taken and pushed to
  // this node's clients as a change of its own would be (not audited again).
  private async learn(key: ConfigKey): Promise<void> {
    const canary = await this.repository.find(key);
    const current = this.canaries.get(key);
    const actor: Actor = { ...SYSTEM_ACTOR, remote: true };
    if (canary) {
      if (current && current.id === canary.id && current.revision === canary.revision && current.received.length === canary.received.length) return;
      this.canaries.put(canary);
      const moved = !current || current.id !== canary.id || current.revision !== canary.revision;
      if (!moved) return; // only who received it changed: nothing to push
      const at = new Date(canary.updatedAtMs);
      this.events.emit('config.canaryChanged', { action: current?.id === canary.id ? 'updated' : 'started', canary, active: true, reason: null, actor, at });
      this.events.emit('config.answersChanged', { key: canary.key, at });
    } else if (current) {
      const last = (await this.repository.listEvents(key, 1, 1)).items[0];
      const action = last?.canaryId === current.id && last.action === 'promoted' ? 'promoted' : 'aborted';
      this.canaries.remove(key);
      const at = last ? last.at : this.clock.now();
      this.events.emit('config.canaryChanged', { action, canary: current, active: false, reason: last?.reason ?? null, actor: { ...actor, declaredAuthor: last?.actor ?? 'system' }, at });
      this.events.emit('config.answersChanged', { key, at });
    }
  }

  private current(key: ConfigKey, expectedRevision: number | undefined): CanaryRecord {
    const current = this.canaries.get(key);
    if (!current) throw canaryNotFound(key);
    if (expectedRevision !== undefined && expectedRevision !== current.revision) throw canaryConflict(key, expectedRevision, current.revision);
    return current;
  }

  // Validated like a publish: type, size, syntax and the config's JSON Schema.
  private candidateOf(head: ConfigRecord, content: string, type: ConfigType | undefined): CanaryCandidate {
    const violations: FieldViolation[] = [];
    if (typeof content !== 'string') violations.push(fieldViolation('content', 'required', 'is required'));
    if (type !== undefined) checkConfigType(type, violations);
    if (violations.length) throw validationFailed(violations);
    const sizeBytes = Buffer.byteLength(content, 'utf8');
    if (sizeBytes > this.settings.config.maxContentBytes) throw configTooLarge(sizeBytes, this.settings.config.maxContentBytes);
    const candidateType = type ?? head.type;
    validateConfigContent(candidateType, content, head.schema);
    return { content, md5: contentMd5(content), type: candidateType, sizeBytes };
  }

  private async commit(canary: CanaryRecord, action: CanaryAction, actor: Actor, reason: string | null, alsoInTransaction?: ChangeWork): Promise<void> {
    const now = new Date(canary.updatedAtMs);
    await this.repository.commit(bothWorks(this.repository.changeWork(canary, canary.key, { canary, action, actor, reason, at: now }), alsoInTransaction));
    this.canaries.put(canary);
    this.logger.log(`canary ${action} ${describeConfig(canary.key)} id=${canary.id} revision=${canary.revision} weight=${canary.target.weight} ips=${canary.target.ips.length} tags=${canary.target.tags.join(',') || '-'} md5=${canary.candidate.md5} by=${authorOf(actor)}`);
    this.events.emit('config.canaryChanged', { action, canary, active: true, reason, actor, at: now });
    this.events.emit('config.answersChanged', { key: canary.key, at: now });
  }

  private finish(canary: CanaryRecord, action: 'promoted' | 'aborted', reason: string | null, actor: Actor, at: Date): void {
    this.canaries.remove(canary.key);
    this.logger.log(`canary ${action} ${describeConfig(canary.key)} id=${canary.id} revision=${canary.revision} by=${canary.updatedBy}${reason ? ` reason=${JSON.stringify(reason)}` : ''}`);
    this.events.emit('config.canaryChanged', { action, canary, active: false, reason, actor, at });
    this.events.emit('config.answersChanged', { key: canary.key, at });
  }
}
