import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DEFAULT_CONFIG_QUOTA, DEFAULT_NAMESPACE_ID, type ReviewPolicyRequest } from '@switchboard/shared';
import { Clock } from '../common/clock';
import { validationFailed } from '../common/errors/domain-error';
import { DomainEvents } from '../common/events/domain-events';
import { isUniqueViolation } from '../database/errors';
import { NamespaceEntity } from './domain/namespace.entity';
import { namespaceAlreadyExists, namespaceNotEmpty, namespaceNotFound, namespaceProtected } from './domain/namespace.errors';
import './domain/namespace.events';
import { checkNamespaceInput, isBuiltInNamespace, type NamespaceInput } from './domain/namespace.rules';
import { NAMESPACE_FEED, NamespaceRepository } from './namespace.repository';
import { KnownNamespaces } from '../auth/known-namespaces';
import { Replication } from '../cluster/replication';
import { SYSTEM_ACTOR, type Actor } from '../identity/actor';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';
import { checkReviewPolicy } from './domain/review-policy';

export interface CreateNamespaceCommand extends NamespaceInput {
  name: string;
}
export type UpdateNamespaceCommand = Omit<NamespaceInput, 'namespaceId'> & { reviewPolicy?: ReviewPolicyRequest };

// What else lives in a namespace (services, configs): a namespace is deleted only when empty.
// Features register a counter, so this module needs to know none of them.
export type NamespaceUsageKind = 'configs' | 'services';
export type NamespaceUsageCounter = (namespaceId: string) => number;

// Namespaces use cases. Reads come from an in-memory index loaded at start-up and updated
// after each commit, so listing never touches the database.
@Injectable()
export class NamespacesService implements OnModuleInit {
  private readonly logger = new Logger(NamespacesService.name);
  private readonly index = new Map<string, NamespaceEntity>();
  private readonly usageCounters = new Map<NamespaceUsageKind, NamespaceUsageCounter>();

  constructor(
    private readonly repository: NamespaceRepository,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly replication: Replication,
    private readonly known: KnownNamespaces,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async onModuleInit(): Promise<void> {
    this.known.answerWith((namespaceId) => this.get(namespaceId));
    for (const namespace of await this.repository.findAll()) this.index.set(namespace.namespaceId, namespace);
    // Cluster mode: a namespace changed on another node is reloaded from the database.
    this.replication.register(NAMESPACE_FEED, {
      apply: async (namespaceId) => this.learn(namespaceId, await this.repository.findById(namespaceId)),
      reloadAll: async () => {
        const stored = new Map((await this.repository.findAll()).map((n) => [n.namespaceId, n]));
        for (const namespaceId of new Set([...this.index.keys(), ...stored.keys()])) this.learn(namespaceId, stored.get(namespaceId) ?? null);
      },
    });
    if (!this.index.has(DEFAULT_NAMESPACE_ID)) {
      const now = this.clock.now();
      const builtIn = Object.assign(new NamespaceEntity(), {
        namespaceId: DEFAULT_NAMESPACE_ID,
        name: DEFAULT_NAMESPACE_ID,
        description: 'Default namespace',
        configQuota: DEFAULT_CONFIG_QUOTA,
        reviewMode: 'off',
        reviewMinApprovals: 1,
        createdAt: now,
        updatedAt: now,
      });
      await this.repository.insert(builtIn);
      this.index.set(builtIn.namespaceId, builtIn);
    }
  }

  // Built-in first, then by creation time.
  list(): NamespaceEntity[] {
    return [...this.index.values()].sort(
      (a, b) =>
        Number(isBuiltInNamespace(b.namespaceId)) - Number(isBuiltInNamespace(a.namespaceId)) ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        a.namespaceId.localeCompare(b.namespaceId),
    );
  }

  get(namespaceId: string): NamespaceEntity {
    const namespace = this.index.get(namespaceId);
    if (!namespace) throw namespaceNotFound(namespaceId);
    return namespace;
  }

  exists(namespaceId: string): boolean {
    return this.index.has(namespaceId);
  }

  async create(command: CreateNamespaceCommand, caller: Actor): Promise<NamespaceEntity> {
    const namespaceId = command.namespaceId ? command.namespaceId : randomUUID();
    const violations = checkNamespaceInput({ ...command, namespaceId }, 'create');
    if (violations.length) throw validationFailed(violations);
    if (this.index.has(namespaceId)) throw namespaceAlreadyExists(namespaceId);
    const now = this.clock.now();
    const namespace = Object.assign(new NamespaceEntity(), {
      namespaceId,
      name: command.name.trim(),
      description: command.description ?? '',
      configQuota: command.configQuota ?? DEFAULT_CONFIG_QUOTA,
      reviewMode: 'off',
      reviewMinApprovals: 1,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.repository.insert(namespace);
    } catch (error) {
      if (isUniqueViolation(error)) throw namespaceAlreadyExists(namespaceId);
      throw error;
    }
    this.index.set(namespaceId, namespace);
    this.logger.log(`namespace created ns=${namespaceId}`);
    this.events.emit('namespace.changed', { change: 'created', namespace, caller, at: now });
    return namespace;
  }

  async update(namespaceId: string, command: UpdateNamespaceCommand, caller: Actor): Promise<NamespaceEntity> {
    const current = this.get(namespaceId);
    const violations = checkNamespaceInput(command, 'update');
    if (command.reviewPolicy !== undefined) checkReviewPolicy(command.reviewPolicy, this.settings.auth.enabled, violations);
    if (violations.length) throw validationFailed(violations);
    const name = command.name?.trim();
    if (isBuiltInNamespace(namespaceId) && name !== undefined && name !== current.name) {
      throw namespaceProtected(namespaceId, 'rename');
    }
    const now = this.clock.now();
    const next = Object.assign(new NamespaceEntity(), current, {
      name: name ?? current.name,
      description: command.description ?? current.description,
      configQuota: command.configQuota ?? current.configQuota,
      reviewMode: command.reviewPolicy?.mode ?? current.reviewMode,
      reviewMinApprovals: command.reviewPolicy ? (command.reviewPolicy.minApprovals ?? 1) : current.reviewMinApprovals,
      updatedAt: now,
    });
    if (!(await this.repository.update(next))) throw namespaceNotFound(namespaceId);
    this.index.set(namespaceId, next);
    this.logger.log(`namespace updated ns=${namespaceId}`);
    this.events.emit('namespace.changed', { change: 'updated', namespace: next, caller, at: now });
    return next;
  }

  // The namespace as the database has it, after a change on another node; pushed to this
  // node's subscribers (not audited again).
  private learn(namespaceId: string, stored: NamespaceEntity | null): void {
    const current = this.index.get(namespaceId);
    const caller = { ...SYSTEM_ACTOR, remote: true };
    const at = this.clock.now();
    if (stored) {
      if (current && sameNamespace(current, stored)) return;
      this.index.set(namespaceId, stored);
      this.events.emit('namespace.changed', { change: current ? 'updated' : 'created', namespace: stored, caller, at });
    } else if (current && !isBuiltInNamespace(namespaceId)) {
      this.index.delete(namespaceId);
      this.events.emit('namespace.changed', { change: 'deleted', namespace: current, caller, at });
    }
  }

  registerUsageCounter(kind: NamespaceUsageKind, counter: NamespaceUsageCounter): void {
    this.usageCounters.set(kind, counter);
  }

  usage(namespaceId: string, kind: NamespaceUsageKind): number {
    return this.usageCounters.get(kind)?.(namespaceId) ?? 0;
  }

  async delete(namespaceId: string, caller: Actor): Promise<void> {
    if (isBuiltInNamespace(namespaceId)) throw namespaceProtected(namespaceId, 'delete');
    const current = this.get(namespaceId);
    const usage = [...this.usageCounters].map(([kind, count]) => `${count(namespaceId)} ${kind}`).filter((u) => !u.startsWith('0 '));
    if (usage.length) throw namespaceNotEmpty(namespaceId, usage);
    if (!(await this.repository.deleteById(namespaceId))) throw namespaceNotFound(namespaceId);
    this.index.delete(namespaceId);
    const now = this.clock.now();
    this.logger.log(`namespace deleted ns=${namespaceId}`);
    this.events.emit('namespace.changed', { change: 'deleted', namespace: current, caller, at: now });
  }
}

function sameNamespace(a: NamespaceEntity, b: NamespaceEntity): boolean {
  return a.updatedAt.getTime() === b.updatedAt.getTime() && a.name === b.name && a.description === b.description && a.configQuota === b.configQuota && a.reviewMode === b.reviewMode && a.reviewMinApprovals === b.reviewMinApprovals;
}
