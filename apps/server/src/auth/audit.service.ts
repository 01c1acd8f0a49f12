import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { AuditEventView, ListAuditQuery, Page } from '@switchboard/shared';
import { Clock } from '../common/clock';
import { fieldViolation, validationFailed } from '../common/errors/domain-error';
import { DomainEvents } from '../common/events/domain-events';
import { AuthRepository } from './auth.repository';
import { AuditEventEntity } from './domain/auth.entities';
import '../namespaces/domain/namespace.events';
import '../naming/domain/naming.events';
import '../config-center/domain/config.events';
import '../config-center/canary/domain/canary.events';
import { SYSTEM_ACTOR, type Actor } from '../identity/actor';

const FLUSH_DELAY_MS = 200;
const BATCH_ROWS = 500; // 8 bound columns each: well under every database's parameter limit
const MAX_PENDING = 100_000;
const RECENT = 200; // kept in memory for the overview's recent changes

export type AuditInput = Omit<AuditEventView, 'id' | 'at' | 'actor' | 'sourceIp'>;

// The audit trail: who changed what, when and from where. Fed by the domain events (each names
// its caller) and by the user administration. Never config content
// or secrets.
@Injectable()
export class AuditService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AuditService.name);
  private readonly unsubscribers: (() => void)[] = [];
  private pending: AuditEventEntity[] = [];
  private flushTimer?: NodeJS.Timeout;
  private dropped = 0;
  private recentEntries: AuditEventEntity[] = [];
  private readonly observers: (() => void)[] = [];

  constructor(
    private readonly repository: AuthRepository,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    this.recentEntries = (await this.repository.audit.find({ order: { id: 'DESC' }, take: RECENT })).reverse();
    this.unsubscribers.push(
      this.events.on('namespace.changed', (e) => this.record({ action: `namespace.${e.change}`, targetType: 'namespace', target: e.namespace.namespaceId, namespaceId: e.namespace.namespaceId, details: { name: e.namespace.name } }, e.caller)),
      this.events.on('naming.serviceChanged', (e) =>
        this.record({ action: `service.${e.change}`, targetType: 'service', target: `${e.service.key.groupName}@@${e.service.key.serviceName}`, namespaceId: e.service.key.namespaceId, details: { protectThreshold: e.service.protectThreshold } }, e.caller),
      ),
      this.events.on('naming.instanceChanged', (e) => {
        // Health flips and expiries are the system's observations, not changes someone made.
        if (e.change === 'healthChanged' || e.change === 'expired') return;
        const key = e.service.key;
        this.record({
          action: `instance.${e.change}`,
          targetType: 'instance',
          target: `${key.groupName}@@${key.serviceName} ${e.instance.clusterName} ${e.instance.ip}:${e.instance.port}`,
          namespaceId: key.namespaceId,
          details: { weight: e.instance.weight, enabled: e.instance.enabled, ephemeral: e.instance.ephemeral, tags: e.instance.tags.join(',') },
        }, e.caller);
      }),
      this.events.on('config.published', (e) =>
        this.record({ action: 'config.publish', targetType: 'config', target: `${e.config.key.group}/${e.config.key.dataId}`, namespaceId: e.config.key.namespaceId, details: { version: e.config.version, md5: e.config.md5, type: e.config.type } }, e.actor),
      ),
      this.events.on('config.canaryChanged', (e) => {
        const c = e.canary;
        // Plan steps and the health gate act as the system; the caller of a request otherwise.
        const details = { canaryId: c.id, revision: c.revision, weight: c.target.weight, ips: c.target.ips.length, tags: c.target.tags.join(','), md5: c.candidate.md5, reason: e.reason };
        this.record({ action: `canary.${e.action}`, targetType: 'canary', target: `${c.key.group}/${c.key.dataId}`, namespaceId: c.key.namespaceId, details }, e.actor);
      }),
      this.events.on('config.deleted', (e) =>
        this.record({ action: 'config.delete', targetType: 'config', target: `${e.config.key.group}/${e.config.key.dataId}`, namespaceId: e.config.key.namespaceId, details: { version: e.config.version } }, e.actor),
      ),
    );
  }

  async onModuleDestroy(): Promise<void> {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    await this.flush();
  }

  // Written in the background, in batches (one insert per flush, so a burst of changes costs a
  // few commits, not one each): an audit write never fails or slows the change it records.
  // The caller comes with the change (domain events and commands carry theirs).
  // A change made on another node of the cluster is written there; here it only joins the
  // recent changes (what a node reloads as the system is nobody's change).
  record(input: AuditInput, caller: Actor): void {
    if (caller.remote && caller.user === SYSTEM_ACTOR.user) return;
    const { user: actor, sourceIp } = caller;
    if (!caller.remote && this.pending.length >= MAX_PENDING) {
      this.dropped += 1;
      return;
    }
    const entry = Object.assign(new AuditEventEntity(), { at: this.clock.now(), actor, sourceIp, ...input, target: input.target.slice(0, 600) });
    if (!caller.remote) this.pending.push(entry);
    this.recentEntries.push(entry);
    if (this.recentEntries.length > RECENT) this.recentEntries.splice(0, this.recentEntries.length - RECENT);
    for (const observer of this.observers) observer();
    if (!this.flushTimer && this.pending.length) {
      this.flushTimer = setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
      this.flushTimer.unref();
    }
  }

  // Also called at shutdown, so buffered rows are written.
  async flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.dropped) {
      this.logger.error(`audit buffer full: ${this.dropped} audit event(s) were not recorded`);
      this.dropped = 0;
    }
    while (this.pending.length) {
      const batch = this.pending.splice(0, BATCH_ROWS);
      await this.repository.insertAudit(batch).catch((error: unknown) => this.logger.error(`audit write failed: ${(error as Error).message}`));
    }
  }

  // The latest changes this filter admits, newest first, from memory.
  recent(limit: number, admit: (namespaceId: string | null) => boolean): AuditEventView[] {
    const result: AuditEventView[] = [];
    for (let i = this.recentEntries.length - 1; i >= 0 && result.length < limit; i -= 1) {
      const entry = this.recentEntries[i];
      if (admit(entry.namespaceId)) result.push(toView(entry, `recent-${entry.at.getTime()}-${i}`));
    }
    return result;
  }

  observe(observer: () => void): () => void {
    this.observers.push(observer);
    return () => this.observers.splice(this.observers.indexOf(observer), 1);
  }

  async list(query: ListAuditQuery): Promise<Page<AuditEventView>> {
    await this.flush();
    const pageNo = query.pageNo ?? 1;
    const pageSize = query.pageSize ?? 50;
    const qb = this.repository.audit.createQueryBuilder('a');
    if (query.actor) qb.andWhere('a.actor = :actor', { actor: query.actor });
    if (query.action) qb.andWhere('a.action LIKE :action', { action: `${query.action.replace(/[%_]/g, '')}%` });
    if (query.targetType) qb.andWhere('a.targetType = :targetType', { targetType: query.targetType });
    if (query.namespaceId) qb.andWhere('a.namespaceId = :namespaceId', { namespaceId: query.namespaceId });
    if (query.since) qb.andWhere('a.at >= :since', { since: instantOf('since', query.since) });
    if (query.until) qb.andWhere('a.at <= :until', { until: instantOf('until', query.until) });
    const [rows, total] = await qb.orderBy('a.id', 'DESC').skip((pageNo - 1) * pageSize).take(pageSize).getManyAndCount();
    return {
      items: rows.map((r) => toView(r, '')),
      total,
      pageNo,
      pageSize,
    };
  }
}

// A date-time parameter as epoch milliseconds, or a 400 naming it.
function instantOf(field: string, text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw validationFailed([fieldViolation(field, 'format', 'must be an ISO 8601 date-time')]);
  return ms;
}

function toView(r: AuditEventEntity, fallbackId: string): AuditEventView {
  return {
    id: r.id ? String(r.id) : fallbackId,
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action,
    targetType: r.targetType as AuditEventView['targetType'],
    target: r.target,
    namespaceId: r.namespaceId,
    sourceIp: r.sourceIp,
    details: r.details,
  };
}
