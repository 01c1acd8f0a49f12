import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { ChangeRequestState, ChangeRequestTransition, ConfigKey, CreateChangeRequestRequest, FieldViolation, ListChangeRequestsQuery, Page, ReviewChangeRequestRequest, UpdateChangeRequestRequest } from '@switchboard/shared';
import { Clock } from '../common/clock';
import { DomainError, validationFailed } from '../common/errors/domain-error';
import { DomainEvents } from '../common/events/domain-events';
import { requireValidPage } from '../common/paging';
import { Replication } from '../cluster/replication';
import { ConfigIndex } from '../config-center/config-index';
import { ConfigPublishService, type ConfigChangeItem } from '../config-center/config-publish.service';
import { ConfigQueryService } from '../config-center/config-query.service';
import { CanaryService } from '../config-center/canary/canary.service';
import { KeyedMutex } from '../config-center/keyed-mutex';
import { forbidden } from '../auth/domain/auth.errors';
import type { Actor } from '../identity/actor';
import { canAccess, type Principal } from '../identity/principal';
import { NamespacesService } from '../namespaces/namespaces.service';
import { CHANGE_REQUEST_FEED, ChangeRequestRepository } from './change-request.repository';
import type { ChangeRequestCommentEntity } from './domain/change-request.entity';
import { changeRequestConflict, changeRequestNotFound } from './domain/change-request.errors';
import './domain/change-request.events';
import type { ChangeItem, ChangeRequestRecord } from './domain/change-request.record';
import { changeItemOf, checkComment, checkDescription, checkItems, checkTitle } from './domain/change-request.rules';

// Who is asking: what they may do (principal) and how their change is recorded (actor).
export interface Caller {
  principal: Principal;
  actor: Actor;
}

export interface Permitted {
  approve: boolean;
  reject: boolean;
  apply: boolean;
  withdraw: boolean;
  edit: boolean;
  rebase: boolean;
}

const isActive = (state: ChangeRequestState) => state === 'open' || state === 'approved';
const configKeyOf = (namespaceId: string, item: { group: string; dataId: string }): ConfigKey => ({ namespaceId, group: item.group, dataId: item.dataId });

// Change requests: a proposed change to configs of a namespace, reviewed by others before it is
// applied. Open and approved requests are held in memory (the topic's snapshot, "awaiting my
// review"); closed ones are read from the database. Every transition is one guarded write
// (the request's revision), then an event: push, audit and webhooks subscribe to it.
@Injectable()
export class ChangeRequestsService implements OnModuleInit {
  private readonly logger = new Logger(ChangeRequestsService.name);
  private readonly active = new Map<string, ChangeRequestRecord>();
  private readonly mutex = new KeyedMutex();

  constructor(
    private readonly repository: ChangeRequestRepository,
    private readonly namespaces: NamespacesService,
    private readonly configs: ConfigIndex,
    private readonly query: ConfigQueryService,
    private readonly publisher: ConfigPublishService,
    private readonly canaries: CanaryService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly replication: Replication,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const record of await this.repository.findActive()) this.active.set(record.id, record);
    // Cluster mode: a request changed on another node is read again, and pushed here too.
    this.replication.register(CHANGE_REQUEST_FEED, {
      apply: (id, payload) =>
        this.mutex.run(id, async () => {
          const stored = await this.repository.findById(id);
          if (!stored) return;
          const known = this.active.get(id);
          if (known && known.revision >= stored.revision && isActive(stored.state)) return;
          this.remember(stored);
          const transition = (payload as { transition?: ChangeRequestTransition } | undefined)?.transition ?? 'edited';
          this.emit(transition, stored, { user: stored.author, sourceIp: '', remote: true }, new Date(stored.updatedAtMs));
        }),
      reloadAll: async () => {
        this.active.clear();
        for (const record of await this.repository.findActive()) this.active.set(record.id, record);
      },
    });
  }

  requiredApprovals(namespaceId: string): number {
    return this.namespaces.get(namespaceId).reviewMinApprovals;
  }

  // Open and approved requests of a namespace, newest first (the topic's snapshot).
  activeOf(namespaceId: string): ChangeRequestRecord[] {
    return [...this.active.values()].filter((r) => r.namespaceId === namespaceId).sort((a, b) => b.updatedAtMs - a.updatedAtMs);
  }

  // Open requests this principal may approve and has not approved yet, across namespaces.
  awaitingReview(principal: Principal): ChangeRequestRecord[] {
    return [...this.active.values()]
      .filter((r) => r.state === 'open' && r.author !== principal.username && !r.approvals.some((a) => a.user === principal.username) && this.namespaces.exists(r.namespaceId) && canAccess(principal, r.namespaceId, 'review'))
      .sort((a, b) => a.createdAtMs - b.createdAtMs);
  }

  async list(namespaceId: string, query: ListChangeRequestsQuery): Promise<Page<ChangeRequestRecord>> {
    this.namespaces.get(namespaceId);
    const pageNo = query.pageNo ?? 1;
    const pageSize = query.pageSize ?? 50;
    requireValidPage(pageNo, pageSize);
    const { items, total } = await this.repository.list(namespaceId, { state: query.state, author: query.author }, pageNo, pageSize);
    return { items, total, pageNo, pageSize };
  }

  async get(namespaceId: string, id: string): Promise<ChangeRequestRecord> {
    this.namespaces.get(namespaceId);
    const record = this.active.get(id) ?? (await this.repository.findById(id));
    if (!record || record.namespaceId !== namespaceId) throw changeRequestNotFound(namespaceId, id);
    return record;
  }

  comments(id: string): Promise<ChangeRequestCommentEntity[]> {
    return this.repository.listComments(id);
  }

  // The head version of each item's config now (0: absent), and whether it moved from the base.
  headVersion(namespaceId: string, item: { group: string; dataId: string }): number {
    return this.configs.live(configKeyOf(namespaceId, item))?.version ?? 0;
  }

  // Each item with the content at its base version ("" for a new config) and the head version now.
  itemsWithBase(record: ChangeRequestRecord): Promise<{ item: ChangeItem; baseContent: string; headVersion: number }[]> {
    return Promise.all(
      record.items.map(async (item) => {
        // A base the author named that was never a version of the config (the item is stale) shows as empty.
        const baseContent = item.baseVersion
          ? await this.query.version(configKeyOf(record.namespaceId, item), item.baseVersion).then(
              (version) => version.content,
              (error: unknown) => {
                if (error instanceof DomainError && error.code === 'CONFIG_VERSION_NOT_FOUND') return '';
                throw error;
              },
            )
          : '';
        return { item, baseContent, headVersion: this.headVersion(record.namespaceId, item) };
      }),
    );
  }

  staleItems(record: ChangeRequestRecord): ChangeItem[] {
    return record.items.filter((item) => this.headVersion(record.namespaceId, item) !== item.baseVersion);
  }

  // What this principal may do with the request now; every command checks the same.
  permitted(record: ChangeRequestRecord, principal: Principal): Permitted {
    const active = isActive(record.state);
    const own = record.author === principal.username;
    const reviewer = canAccess(principal, record.namespaceId, 'review');
    const writer = canAccess(principal, record.namespaceId, 'write');
    const stale = this.staleItems(record).length > 0;
    const approvedEnough = record.approvals.length >= this.requiredApprovals(record.namespaceId);
    return {
      approve: record.state === 'open' && reviewer && !own && !record.approvals.some((a) => a.user === principal.username),
      reject: active && reviewer && !own,
      apply: record.state === 'approved' && approvedEnough && !stale && (writer || reviewer),
      withdraw: active && (own || principal.admin),
      edit: active && writer && (own || principal.admin),
      rebase: active && stale && writer && (own || principal.admin),
    };
  }

  async create(namespaceId: string, body: CreateChangeRequestRequest, caller: Caller): Promise<ChangeRequestRecord> {
    this.namespaces.get(namespaceId);
    const items = this.checkedItems(namespaceId, body, 'create');
    const now = this.clock.now().getTime();
    const record: ChangeRequestRecord = {
      id: randomUUID(),
      namespaceId,
      title: body.title.trim(),
      description: body.description ?? '',
      state: 'open',
      author: caller.actor.user,
      items,
      approvals: [],
      revision: 1,
      createdAtMs: now,
      updatedAtMs: now,
      closedBy: null,
      closedAtMs: null,
      appliedVersions: [],
    };
    await this.repository.insert(record);
    this.remember(record);
    this.emit('opened', record, caller.actor, new Date(now));
    return record;
  }

  update(namespaceId: string, id: string, body: UpdateChangeRequestRequest, caller: Caller): Promise<ChangeRequestRecord> {
    return this.transition(namespaceId, id, body.expectedRevision, caller, 'edit', (current) => {
      const violations: FieldViolation[] = [];
      if (body.title !== undefined) checkTitle(body.title, violations);
      checkDescription(body.description, violations);
      if (violations.length) throw validationFailed(violations);
      const items = body.items === undefined ? current.items : this.checkedItems(namespaceId, { title: body.title ?? current.title, items: body.items }, 'update');
      // Anything edited must be reviewed again.
      return { next: { ...current, title: body.title?.trim() ?? current.title, description: body.description ?? current.description, items, approvals: [], state: 'open' }, transition: 'edited' };
    });
  }

  approve(namespaceId: string, id: string, body: ReviewChangeRequestRequest, caller: Caller): Promise<ChangeRequestRecord> {
    return this.transition(namespaceId, id, body.expectedRevision, caller, 'approve', (current) => {
      const approvals = [...current.approvals, { user: caller.actor.user, atMs: this.clock.now().getTime() }];
      const enough = approvals.length >= this.requiredApprovals(namespaceId);
      return { next: { ...current, approvals, state: enough ? 'approved' : 'open' }, transition: enough ? 'approved' : 'reviewed', comment: body.comment };
    });
  }

  reject(namespaceId: string, id: string, body: ReviewChangeRequestRequest, caller: Caller): Promise<ChangeRequestRecord> {
    return this.transition(namespaceId, id, body.expectedRevision, caller, 'reject', (current) => ({ next: this.closed(current, 'rejected', caller), transition: 'rejected', comment: body.comment }));
  }

  withdraw(namespaceId: string, id: string, body: ReviewChangeRequestRequest, caller: Caller): Promise<ChangeRequestRecord> {
    return this.transition(namespaceId, id, body.expectedRevision, caller, 'withdraw', (current) => ({ next: this.closed(current, 'withdrawn', caller), transition: 'withdrawn', comment: body.comment }));
  }

  // The request is moved onto the configs' current heads; its approvals are reset.
  rebase(namespaceId: string, id: string, body: ReviewChangeRequestRequest, caller: Caller): Promise<ChangeRequestRecord> {
    return this.transition(namespaceId, id, body.expectedRevision, caller, 'rebase', (current) => {
      const items = current.items.map((item) => {
        const head = this.headVersion(namespaceId, item);
        if (item.action !== 'publish' && head === 0) throw changeRequestConflict(id, `config ${item.group}/${item.dataId} no longer exists, so it cannot be ${item.action === 'delete' ? 'deleted' : 'released to a canary'}; edit the request`);
        return { ...item, baseVersion: head };
      });
      return { next: { ...current, items, approvals: [], state: 'open' }, transition: 'rebased', comment: body.comment };
    });
  }

  async comment(namespaceId: string, id: string, body: string, caller: Caller): Promise<ChangeRequestRecord> {
    const violations: FieldViolation[] = [];
    checkComment(body, violations);
    if (violations.length) throw validationFailed(violations);
    const record = await this.get(namespaceId, id);
    await this.repository.insertComment(id, { author: caller.actor.user, body, at: this.clock.now() });
    this.emit('commented', record, caller.actor, this.clock.now());
    return record;
  }

  // Every config of the request becomes a new version in one transaction that also marks the
  // request applied (or its canary starts in the transaction that does).
  apply(namespaceId: string, id: string, body: ReviewChangeRequestRequest, caller: Caller): Promise<ChangeRequestRecord> {
    return this.mutex.run(id, async () => {
      const current = await this.activeRequest(namespaceId, id, body.expectedRevision);
      this.require(current, caller, 'apply');
      const now = this.clock.now();
      const applied: ChangeRequestRecord = { ...this.closed(current, 'applied', caller, now.getTime()), revision: current.revision + 1, updatedAtMs: now.getTime() };
      const actor: Actor = { ...caller.actor, changeRequest: id };
      const canary = current.items.find((item) => item.action === 'canary');
      let next: ChangeRequestRecord;
      if (canary) {
        next = applied;
        await this.canaries.start(configKeyOf(namespaceId, canary), { content: canary.content ?? '', type: canary.type ?? undefined, target: canary.canary?.target, plan: canary.canary?.plan ?? undefined }, actor, this.repository.changeWork(next, current.revision, 'applied'));
      } else {
        const changes: ConfigChangeItem[] = current.items.map((item) => {
          const key = configKeyOf(namespaceId, item);
          return item.action === 'delete' ? { key, baseVersion: item.baseVersion, action: 'delete' } : { key, baseVersion: item.baseVersion, action: 'publish', content: item.content ?? '', type: item.type ?? undefined };
        });
        let withVersions = applied;
        await this.publisher.publishMany(changes, actor, (records) => {
          withVersions = { ...applied, appliedVersions: records.map((r) => ({ group: r.key.group, dataId: r.key.dataId, version: r.version })) };
          return this.repository.changeWork(withVersions, current.revision, 'applied');
        });
        next = withVersions;
      }
      this.remember(next);
      this.logger.log(`change request applied ns=${namespaceId} id=${id} configs=${current.items.length} by=${caller.actor.user}`);
      this.emit('applied', next, caller.actor, now);
      return next;
    });
  }

  // One guarded change of an active request: checked against what the caller may do, written
  // if the request is still at the revision it was read at, then announced.
  private transition(
    namespaceId: string,
    id: string,
    expectedRevision: number | undefined,
    caller: Caller,
    action: keyof Permitted,
    change: (current: ChangeRequestRecord) => { next: ChangeRequestRecord; transition: ChangeRequestTransition; comment?: string },
  ): Promise<ChangeRequestRecord> {
    return this.mutex.run(id, async () => {
      const current = await this.activeRequest(namespaceId, id, expectedRevision);
      this.require(current, caller, action);
      const { next: proposed, transition, comment } = change(current);
      if (comment !== undefined) {
        const violations: FieldViolation[] = [];
        checkComment(comment, violations);
        if (violations.length) throw validationFailed(violations.map((v) => ({ ...v, field: 'comment' })));
      }
      const now = this.clock.now();
      const next: ChangeRequestRecord = { ...proposed, revision: current.revision + 1, updatedAtMs: now.getTime() };
      await this.repository.update(next, current.revision, transition, comment ? { author: caller.actor.user, body: comment, at: now } : undefined);
      this.remember(next);
      this.emit(transition, next, caller.actor, now);
      return next;
    });
  }

  private async activeRequest(namespaceId: string, id: string, expectedRevision: number | undefined): Promise<ChangeRequestRecord> {
    const current = await this.get(namespaceId, id);
    if (!isActive(current.state)) throw changeRequestConflict(id, `is ${current.state}; only an open or approved request can change`, { state: current.state });
    if (expectedRevision !== undefined && expectedRevision !== current.revision) throw changeRequestConflict(id, `is at revision ${current.revision}, not ${expectedRevision}; reload it`, { revision: current.revision });
    return current;
  }

  // Refuses with the reason a command is not permitted to this caller.
  private require(record: ChangeRequestRecord, caller: Caller, action: keyof Permitted): void {
    if (this.permitted(record, caller.principal)[action]) return;
    const { principal } = caller;
    const own = record.author === principal.username;
    const required = this.requiredApprovals(record.namespaceId);
    switch (action) {
      case 'approve':
      case 'reject':
        if (own) throw forbidden(`an author cannot ${action} their own change request`);
        if (!canAccess(principal, record.namespaceId, 'review')) throw forbidden(`review access to namespace "${record.namespaceId}" is required to ${action} a change request`);
        if (action === 'approve' && record.approvals.some((a) => a.user === principal.username)) throw changeRequestConflict(record.id, `already approved by ${principal.username}`);
        throw changeRequestConflict(record.id, `is ${record.state}; only an open request can be approved`, { state: record.state });
      case 'apply': {
        if (!canAccess(principal, record.namespaceId, 'write') && !canAccess(principal, record.namespaceId, 'review')) throw forbidden(`write or review access to namespace "${record.namespaceId}" is required to apply a change request`);
        const stale = this.staleItems(record);
        if (stale.length) {
          const moved = stale.map((item) => `${item.group}/${item.dataId} (base version ${item.baseVersion}, now ${this.headVersion(record.namespaceId, item)})`).join(', ');
          throw changeRequestConflict(record.id, `the base version moved for ${moved}; rebase the request onto the current versions (its approvals are then reset)`, { stale: stale.map((item) => ({ group: item.group, dataId: item.dataId, baseVersion: item.baseVersion, headVersion: this.headVersion(record.namespaceId, item) })) });
        }
        throw changeRequestConflict(record.id, `needs ${required} approval${required === 1 ? '' : 's'} before it is applied; it has ${record.approvals.length}`, { approvals: record.approvals.length, requiredApprovals: required });
      }
      case 'rebase':
        if (this.staleItems(record).length === 0) throw changeRequestConflict(record.id, 'is already based on the current versions');
        throw forbidden(`only the author (or an administrator) with write access to namespace "${record.namespaceId}" can rebase this change request`);
      case 'edit':
      case 'withdraw':
        throw forbidden(`only the author (or an administrator) can ${action} this change request`);
    }
  }

  private closed(current: ChangeRequestRecord, state: 'applied' | 'rejected' | 'withdrawn', caller: Caller, atMs = this.clock.now().getTime()): ChangeRequestRecord {
    return { ...current, state, closedBy: caller.actor.user, closedAtMs: atMs };
  }

  // The items as stored: checked field by field, each content validated like a publish of it
  // (so reviewers never approve what could not be applied), based on the current heads unless
  // the author names the version they edited.
  private checkedItems(namespaceId: string, body: { title: string; description?: string; items: unknown }, mode: 'create' | 'update'): ChangeItem[] {
    const violations: FieldViolation[] = [];
    if (mode === 'create') {
      checkTitle(body.title, violations);
      checkDescription(body.description, violations);
    }
    if (!checkItems(namespaceId, body.items, violations)) throw validationFailed(violations);
    const items = body.items.map((item) => changeItemOf(item, item.baseVersion ?? this.headVersion(namespaceId, item)));
    items.forEach((item, i) => {
      const head = this.configs.live(configKeyOf(namespaceId, item));
      if (item.action !== 'publish' && !head) violations.push({ field: `items[${i}].dataId`, rule: 'exists', message: `config ${item.group}/${item.dataId} does not exist` });
      if (item.content === null) return;
      const type = item.type ?? head?.type ?? 'text';
      for (const v of this.publisher.check(configKeyOf(namespaceId, item), { content: item.content, type })) violations.push({ ...v, field: `items[${i}].${v.field}` });
    });
    if (violations.length) throw validationFailed(violations);
    return items;
  }

  private remember(record: ChangeRequestRecord): void {
    if (isActive(record.state)) this.active.set(record.id, record);
    else this.active.delete(record.id);
  }

  private emit(transition: ChangeRequestTransition, request: ChangeRequestRecord, actor: Actor, at: Date): void {
    this.events.emit('governance.changeRequestChanged', { transition, request, requiredApprovals: this.namespaces.exists(request.namespaceId) ? this.requiredApprovals(request.namespaceId) : 1, actor, at });
  }
}
