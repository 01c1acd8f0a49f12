import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { AuditEventView, ListAuditQuery, Page } from '@switchboard/shared';
import { Clock } from '../common/clock';
import { fieldViolation, validationFailed } from '../common/errors/domain-error';
import { isDatabaseUnavailable } from '../database/errors';
import { AuthRepository } from './auth.repository';
import { AuditEventEntity } from './domain/auth.entities';
import { SYSTEM_ACTOR, type Actor } from '../identity/actor';

const FLUSH_DELAY_MS = 200;
const BATCH_ROWS = 500; // 8 bound columns each: well under every database's parameter limit
const MAX_PENDING = 100_000;
// Audit rows kept while the database is unreachable are tried again this often.
const RETRY_FLUSH_MS = 1000;
const RECENT = 200; // kept in memory for the overview's recent changes

export type AuditInput = Omit<AuditEventView, 'id' | 'at' | 'actor' | 'sourceIp'>;

// The audit trail: who changed what, when and from where. Fed by the user administration and
// sign-in, and by every area's domain events (each names its actor; audit/audit-trail.listener.ts
// subscribes to them). Never config content or secrets.
@Injectable()
export class AuditService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AuditService.name);
  private pending: AuditEventEntity[] = [];
  private flushTimer?: NodeJS.Timeout;
  private dropped = 0;
  private recentEntries: AuditEventEntity[] = [];
  private readonly observers: (() => void)[] = [];

  constructor(
    private readonly repository: AuthRepository,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    this.recentEntries = (await this.repository.audit.find({ order: { id: 'DESC' }, take: RECENT })).reverse();
  }

  async onModuleDestroy(): Promise<void> {
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
      try {
        await this.repository.insertAudit(batch);
      } catch (error) {
        if (!isDatabaseUnavailable(error)) {
          this.logger.error(`audit write failed: ${(error as Error).message}`);
          continue;
        }
        // The database is away: the rows wait (within the buffer's bound) and are tried again.
        this.pending = [...batch, ...this.pending].slice(0, MAX_PENDING);
        this.flushTimer ??= setTimeout(() => void this.flush(), RETRY_FLUSH_MS);
        this.flushTimer.unref();
        return;
      }
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
