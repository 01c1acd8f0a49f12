import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { CreateWebhookRequest, UpdateWebhookRequest, WebhookEventType } from '@switchboard/shared';
import { AuditService } from '../auth/audit.service';
import { Clock } from '../common/clock';
import { validationFailed } from '../common/errors/domain-error';
import { Replication } from '../cluster/replication';
import type { Actor } from '../identity/actor';
import { NamespacesService } from '../namespaces/namespaces.service';
import { WebhookEntity } from './domain/webhook.entity';
import { webhookNotFound } from './domain/webhook.errors';
import { checkWebhookInput } from './domain/webhook.rules';
import { WEBHOOK_FEED, WebhookRepository } from './webhook.repository';

// A hook with its secret, when one was just made (create, rotation): the only time it is shown.
export interface WebhookChange {
  hook: WebhookEntity;
  newSecret: string | null;
}

// Webhook subscriptions. Every node holds them all in memory (events are matched on the path
// of the change that caused them, so matching must not read the database); cluster mode keeps
// them in step through the change feed.
@Injectable()
export class WebhooksService implements OnModuleInit {
  private readonly logger = new Logger(WebhooksService.name);
  private readonly index = new Map<string, WebhookEntity>();

  constructor(
    private readonly repository: WebhookRepository,
    private readonly clock: Clock,
    private readonly replication: Replication,
    private readonly namespaces: NamespacesService,
    private readonly audit: AuditService,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const hook of await this.repository.findAllHooks()) this.index.set(hook.id, hook);
    this.replication.register(WEBHOOK_FEED, {
      apply: async (id) => this.learn(id, await this.repository.findHook(id)),
      reloadAll: async () => {
        const stored = new Map((await this.repository.findAllHooks()).map((h) => [h.id, h]));
        for (const id of new Set([...this.index.keys(), ...stored.keys()])) this.learn(id, stored.get(id) ?? null);
      },
    });
  }

  list(): WebhookEntity[] {
    return [...this.index.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  }

  get(id: string): WebhookEntity {
    const hook = this.index.get(id);
    if (!hook) throw webhookNotFound(id);
    return hook;
  }

  // The enabled hooks an event of this type in this namespace goes to (from memory).
  subscribers(type: WebhookEventType, namespaceId: string | null): WebhookEntity[] {
    const result: WebhookEntity[] = [];
    for (const hook of this.index.values()) {
      if (hook.enabled && hook.events.includes(type) && (hook.namespaceId === null || hook.namespaceId === namespaceId)) result.push(hook);
    }
    return result;
  }

  exists(id: string): boolean {
    return this.index.has(id);
  }

  // Still there and enabled (a delivery of a hook deleted or disabled since is not sent).
  active(id: string): WebhookEntity | undefined {
    const hook = this.index.get(id);
    return hook?.enabled ? hook : undefined;
  }

  async create(request: CreateWebhookRequest, caller: Actor): Promise<WebhookChange> {
    const violations = checkWebhookInput(request, 'create');
    if (violations.length) throw validationFailed(violations);
    const namespaceId = request.namespaceId ?? null;
    if (namespaceId !== null) this.namespaces.get(namespaceId);
    const now = this.clock.now();
    const secret = request.secret ?? generateSecret();
    const hook = Object.assign(new WebhookEntity(), {
      id: randomUUID(),
      name: request.name.trim(),
      url: request.url,
      events: unique(request.events),
      namespaceId,
      enabled: request.enabled ?? true,
      secret,
      createdAt: now,
      updatedAt: now,
      createdBy: caller.user,
    });
    await this.repository.insertHook(hook);
    this.index.set(hook.id, hook);
    this.logger.log(`webhook created id=${hook.id} name=${JSON.stringify(hook.name)}`);
    this.recordAudit('create', hook, caller);
    return { hook, newSecret: secret };
  }

  async update(id: string, request: UpdateWebhookRequest, caller: Actor): Promise<WebhookChange> {
    const current = this.get(id);
    const violations = checkWebhookInput(request, 'update');
    if (violations.length) throw validationFailed(violations);
    if (request.namespaceId) this.namespaces.get(request.namespaceId);
    const newSecret = request.rotateSecret ? generateSecret() : null;
    const next = Object.assign(new WebhookEntity(), current, {
      name: request.name?.trim() ?? current.name,
      url: request.url ?? current.url,
      events: request.events ? unique(request.events) : current.events,
      namespaceId: request.namespaceId === undefined ? current.namespaceId : request.namespaceId,
      enabled: request.enabled ?? current.enabled,
      secret: newSecret ?? current.secret,
      updatedAt: this.clock.now(),
    });
    if (!(await this.repository.updateHook(next))) throw webhookNotFound(id);
    this.index.set(id, next);
    this.logger.log(`webhook updated id=${id}${newSecret ? ' (secret rotated)' : ''}`);
    this.recordAudit('update', next, caller, newSecret !== null);
    return { hook: next, newSecret };
  }

  async delete(id: string, caller: Actor): Promise<void> {
    const current = this.get(id);
    if (!(await this.repository.deleteHook(id))) throw webhookNotFound(id);
    this.index.delete(id);
    this.logger.log(`webhook deleted id=${id}`);
    this.recordAudit('delete', current, caller);
  }

  // The URL's origin only: a query string may carry a receiver's token.
  private recordAudit(action: 'create' | 'update' | 'delete', hook: WebhookEntity, caller: Actor, secretRotated = false): void {
    const details: Record<string, string | number | boolean | null> = { name: hook.name, origin: new URL(hook.url).origin, events: hook.events.join(','), enabled: hook.enabled };
    if (secretRotated) details.secretRotated = true;
    this.audit.record({ action: `webhook.${action}`, targetType: 'webhook', target: hook.id, namespaceId: hook.namespaceId, details }, caller);
  }

  // A hook as the database has it, after a change on another node.
  private learn(id: string, stored: WebhookEntity | null): void {
    if (stored) this.index.set(id, stored);
    else this.index.delete(id);
  }
}

function generateSecret(): string {
  return randomBytes(24).toString('base64url');
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
