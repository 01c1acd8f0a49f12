import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { ConfigKey, ConfigOp, ConfigType, FieldViolation } from '@switchboard/shared';
import { Clock } from '../common/clock';
import { DomainError, fieldViolation, validationFailed } from '../common/errors/domain-error';
import { DomainEvents } from '../common/events/domain-events';
import { NamespacesService } from '../namespaces/namespaces.service';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';
import { ConfigIndex } from './config-index';
import { CONFIG_FEED, ConfigRepository } from './config.repository';
import { validateConfigContent } from './domain/content-validation';
import { configConflict, configNotFound, configQuotaExceeded, configTooLarge, configVersionNotFound } from './domain/config.errors';
import './domain/config.events';
import { configKeyString, contentMd5, describeConfig } from './domain/config-keys';
import type { ConfigRecord } from './domain/config-record';
import { checkConfigAttributes, checkConfigKey, checkConfigType } from './domain/config.rules';
import { KeyedMutex } from './keyed-mutex';
import { Replication } from '../cluster/replication';
import type { ChangeWork } from '../database/change-feed';
import { authorOf, type Actor } from '../identity/actor';
import { requireDirectChange } from '../namespaces/domain/review-policy';

// Tries of a change whose stored head moved on (cluster mode: another node wrote it first). A
// node that keeps losing to a busier one waits a little, longer each time, before trying again.
const MAX_ATTEMPTS = 30;
const backOff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(50, attempt * (1 + Math.random() * 3))));

export interface PublishCommand {
  content: string;
  type?: ConfigType; // absent: keep the current type (text for a new config)
  appName?: string;
  description?: string;
  tags?: string[];
  schema?: string | null; // absent: keep; null or "": detach
  expectedVersion?: number; // 0: must not exist yet
  expectedMd5?: string; // Nacos casMd5: checked when the config exists
}

// One config of a change request's set: new content, or its removal.
export type ConfigChangeItem = { key: ConfigKey; baseVersion: number } & ({ action: 'publish'; content: string; type?: ConfigType } | { action: 'delete' });

// The next head of a config for a publish of `command` (type, schema and attributes kept from the
// live head when the command leaves them out); its content validated against type and schema.
function nextRecord(key: ConfigKey, command: PublishCommand, current: ConfigRecord | undefined, sizeBytes: number, actor: Actor, now: Date): ConfigRecord {
  const live = current && !current.deleted ? current : undefined;
  const type = command.type ?? live?.type ?? 'text';
  const schema = command.schema === undefined ? (live?.schema ?? null) : command.schema || null;
  validateConfigContent(type, command.content, schema);
  return {
    key: { namespaceId: key.namespaceId, group: key.group, dataId: key.dataId },
    content: command.content,
    md5: contentMd5(command.content),
    sizeBytes,
    type,
    appName: command.appName ?? live?.appName ?? '',
    description: command.description ?? live?.description ?? '',
    tags: command.tags ? [...new Set(command.tags)] : (live?.tags ?? []),
    schema,
    version: (current?.version ?? 0) + 1,
    deleted: false,
    createdAtMs: live?.createdAtMs ?? now.getTime(),
    createdBy: live?.createdBy ?? authorOf(actor),
    updatedAtMs: now.getTime(),
    updatedBy: authorOf(actor),
  };
}

// Publish, delete and rollback. Each change is one transaction (head row + version row); it is
// acknowledged after the commit, then the index is updated and the domain event emitted.
@Injectable()
export class ConfigPublishService implements OnModuleInit {
  private readonly logger = new Logger(ConfigPublishService.name);
  private readonly mutex = new KeyedMutex();

  constructor(
    private readonly index: ConfigIndex,
    private readonly repository: ConfigRepository,
    private readonly namespaces: NamespacesService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly replication: Replication,
  ) {}

  async onModuleInit(): Promise<void> {
    this.namespaces.registerUsageCounter('configs', (namespaceId) => this.index.countLive(namespaceId));
    for (const record of await this.repository.findAllHeads()) this.index.put(record);
    // Cluster mode: a change committed on another node arrives as its new head (or is read).
    this.replication.register(CONFIG_FEED, {
      apply: async (id, payload) => {
        const key = JSON.parse(id) as ConfigKey;
        await this.mutex.run(configKeyString(key), async () => {
          const record = (payload as ConfigRecord | undefined) ?? (await this.repository.findHead(key));
          if (record) this.learn(record);
        });
      },
      reloadAll: async () => {
        for (const record of await this.repository.findAllHeads()) await this.mutex.run(configKeyString(record.key), async () => this.learn(record));
      },
    });
  }

  // A head committed elsewhere (another node): taken when newer than ours, and pushed to this
  // node's listeners as a change of its own would be (not audited again).
  private learn(record: ConfigRecord): void {
    const current = this.index.get(record.key);
    if (current && current.version >= record.version) return;
    this.index.put(record);
    const actor: Actor = { user: record.updatedBy, sourceIp: '', remote: true };
    const at = new Date(record.updatedAtMs);
    if (record.deleted) this.events.emit('config.deleted', { config: record, actor, at });
    else this.events.emit('config.published', { config: record, actor, at });
  }

  // Our index may be behind the database for a moment (cluster mode: another node's change not
  // yet applied here). A change refused for that is tried again on the stored head, which is what
  // a single node would have done had the two requests come to it; false when the stored head is
  // not newer (nothing to catch up: a real conflict).
  private async catchUp(key: ConfigKey, attempt: number): Promise<boolean> {
    if (attempt > 1) await backOff(attempt);
    const stored = await this.repository.findHead(key);
    const current = this.index.get(key);
    if (!stored || (current && stored.version <= current.version)) return false;
    this.learn(stored);
    return true;
  }

  publish(key: ConfigKey, command: PublishCommand, actor: Actor, op?: ConfigOp, alsoInTransaction?: ChangeWork): Promise<ConfigRecord> {
    const violations: FieldViolation[] = [];
    checkConfigKey(key, violations);
    if (command.type !== undefined) checkConfigType(command.type, violations);
    checkConfigAttributes(command, violations);
    if (typeof command.content !== 'string') violations.push(fieldViolation('content', 'required', 'is required'));
    if (violations.length) throw validationFailed(violations);
    const namespace = this.namespaces.get(key.namespaceId);
    // A canary's promote publishes the candidate its start was reviewed with.
    if (op !== 'canary-promote') requireDirectChange(namespace, actor, `${op === 'rollback' ? 'a rollback of' : 'a publish of'} config "${key.group}/${key.dataId}"`);
    const sizeBytes = Buffer.byteLength(command.content, 'utf8');
    if (sizeBytes > this.settings.config.maxContentBytes) throw configTooLarge(sizeBytes, this.settings.config.maxContentBytes);

    return this.changeLocked(key, () => this.tryPublish(key, command, actor, namespace.configQuota, sizeBytes, op, alsoInTransaction));
  }

  // Runs `attempt` under the config's lock until it commits. An attempt answers undefined when
  // the stored head had moved on from the one in memory; in cluster mode (another node wrote
  // first) it is made again on the stored head, on a single node that is a conflict.
  private changeLocked<T>(key: ConfigKey, attempt: () => Promise<T | undefined>): Promise<T> {
    return this.mutex.run(configKeyString(key), async () => {
      for (let tries = 1; ; tries++) {
        const done = await attempt();
        if (done !== undefined) return done;
        if (tries === MAX_ATTEMPTS || !(await this.catchUp(key, tries))) throw configConflict(key, `version ${this.index.get(key)?.version}`, 'a newer version written elsewhere');
      }
    });
  }

  // One attempt under the config's lock: the record committed, or undefined when the stored head
  // had moved on from the one in memory.
  private async tryPublish(key: ConfigKey, command: PublishCommand, actor: Actor, configQuota: number, sizeBytes: number, op: ConfigOp | undefined, alsoInTransaction: ChangeWork | undefined): Promise<ConfigRecord | undefined> {
    const current = this.index.get(key);
    const live = current && !current.deleted ? current : undefined;
    this.checkExpectations(key, live, command);
    if (!live && this.index.countLive(key.namespaceId) >= configQuota) throw configQuotaExceeded(key.namespaceId, configQuota);
    const now = this.clock.now();
    const record = nextRecord(key, command, current, sizeBytes, actor, now);
    const how = op ?? (live ? 'update' : 'create');
    if (!(await this.commit(record, current, how, actor, alsoInTransaction))) return undefined;
    this.events.emit('config.published', { config: record, op: how, actor, at: now });
    return record;
  }

  // The changes of an approved change request: every config at its base version (0: absent),
  // each validated as a publish or delete would be, all written in one transaction with
  // `alsoInTransaction`, or none (a moved base is a conflict).
  async publishMany(changes: ConfigChangeItem[], actor: Actor, alsoInTransaction: (records: ConfigRecord[]) => ChangeWork): Promise<ConfigRecord[]> {
    const keys = [...new Map(changes.map((c) => [configKeyString(c.key), c.key])).values()];
    if (keys.length !== changes.length) throw validationFailed([fieldViolation('items', 'unique', 'name each config once')]);
    const lockOrder = keys.map(configKeyString).sort();
    const run = (i: number): Promise<ConfigRecord[]> => (i < lockOrder.length ? this.mutex.run(lockOrder[i], () => run(i + 1)) : this.commitMany(changes, actor, alsoInTransaction));
    return run(0);
  }

  private async commitMany(changes: ConfigChangeItem[], actor: Actor, alsoInTransaction: (records: ConfigRecord[]) => ChangeWork): Promise<ConfigRecord[]> {
    const now = this.clock.now();
    const planned: { record: ConfigRecord; change: { op: ConfigOp; actor: Actor }; previousVersion: number | null }[] = [];
    let added = 0;
    for (const item of changes) {
      const namespace = this.namespaces.get(item.key.namespaceId);
      const current = this.index.get(item.key);
      const live = current && !current.deleted ? current : undefined;
      if ((live?.version ?? 0) !== item.baseVersion) throw configConflict(item.key, item.baseVersion ? `version ${item.baseVersion}` : 'absent', live ? `version ${live.version}` : 'absent');
      const previousVersion = current ? current.version : null;
      if (item.action === 'delete') {
        if (!live) throw configNotFound(item.key);
        planned.push({ record: { ...live, content: '', md5: '', sizeBytes: 0, version: live.version + 1, deleted: true, updatedAtMs: now.getTime(), updatedBy: authorOf(actor) }, change: { op: 'delete', actor }, previousVersion });
        added--;
        continue;
      }
      const sizeBytes = Buffer.byteLength(item.content, 'utf8');
      if (sizeBytes > this.settings.config.maxContentBytes) throw configTooLarge(sizeBytes, this.settings.config.maxContentBytes);
      if (!live && this.index.countLive(item.key.namespaceId) + ++added > namespace.configQuota) throw configQuotaExceeded(item.key.namespaceId, namespace.configQuota);
      const record = nextRecord(item.key, { content: item.content, type: item.type }, current, sizeBytes, actor, now);
      planned.push({ record, change: { op: live ? 'update' : 'create', actor }, previousVersion });
    }
    if (!(await this.repository.commitChanges(planned, alsoInTransaction(planned.map((p) => p.record))))) {
      // Another node wrote one of them first: learn what it wrote; the request is stale now.
      for (const item of changes) await this.catchUp(item.key, 1);
      throw configConflict(changes[0].key, 'the base versions of the change request', 'a newer version written elsewhere');
    }
    for (const { record, change } of planned) {
      this.index.put(record);
      this.logger.log(`config ${change.op} ${describeConfig(record.key)} version=${record.version} md5=${record.md5 || '-'} type=${record.type} by=${authorOf(actor)} from=${actor.sourceIp} changeRequest=${actor.changeRequest ?? '-'}`);
      if (record.deleted) this.events.emit('config.deleted', { config: record, actor, at: now });
      else this.events.emit('config.published', { config: record, op: change.op, actor, at: now });
    }
    return planned.map((p) => p.record);
  }

  // The checks a publish of this content would run (type, size, syntax, JSON Schema), without
  // publishing: what an editor shows while the user types.
  check(key: ConfigKey, command: { content: string; type: ConfigType; schema?: string | null }): FieldViolation[] {
    const violations: FieldViolation[] = [];
    checkConfigKey(key, violations);
    checkConfigType(command.type, violations);
    if (violations.length) throw validationFailed(violations);
    this.namespaces.get(key.namespaceId);
    const sizeBytes = Buffer.byteLength(command.content, 'utf8');
    if (sizeBytes > this.settings.config.maxContentBytes) return [fieldViolation('content', 'maxBytes', `is ${sizeBytes} bytes, larger than the limit of ${this.settings.config.maxContentBytes} bytes`)];
    const schema = command.schema === undefined ? (this.index.live(key)?.schema ?? null) : command.schema || null;
    try {
      validateConfigContent(command.type, command.content, schema);
      return [];
    } catch (error) {
      if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') return error.details as FieldViolation[];
      throw error;
    }
  }

  delete(key: ConfigKey, actor: Actor, expectedVersion?: number): Promise<ConfigRecord> {
    requireDirectChange(this.namespaces.get(key.namespaceId), actor, `a delete of config "${key.group}/${key.dataId}"`);
    return this.changeLocked(key, async () => {
      const current = this.index.live(key);
      if (!current) throw configNotFound(key);
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw configConflict(key, String(expectedVersion), String(current.version));
      const now = this.clock.now();
      const tombstone: ConfigRecord = { ...current, content: '', md5: '', sizeBytes: 0, version: current.version + 1, deleted: true, updatedAtMs: now.getTime(), updatedBy: authorOf(actor) };
      if (!(await this.commit(tombstone, current, 'delete', actor))) return undefined;
      this.events.emit('config.deleted', { config: tombstone, actor, at: now });
      return tombstone;
    });
  }

  async rollback(key: ConfigKey, toVersion: number, actor: Actor, expectedVersion?: number): Promise<ConfigRecord> {
    const target = await this.repository.findVersion(key, toVersion);
    if (!target) throw configVersionNotFound(key, toVersion);
    if (target.op === 'delete') throw validationFailed([fieldViolation('version', 'notDelete', `version ${toVersion} is a delete; roll back to a version with content`)]);
    return this.publish(key, { content: target.content, type: target.type, expectedVersion }, actor, 'rollback');
  }

  private checkExpectations(key: ConfigKey, live: ConfigRecord | undefined, command: PublishCommand): void {
    if (command.expectedVersion !== undefined && command.expectedVersion !== (live?.version ?? 0)) {
      throw configConflict(key, `version ${command.expectedVersion}`, live ? `version ${live.version}` : 'absent');
    }
    if (command.expectedMd5 && live && command.expectedMd5 !== live.md5) throw configConflict(key, `md5 ${command.expectedMd5}`, `md5 ${live.md5}`);
  }

  // False when the stored head had moved on from `previous` (written elsewhere).
  private async commit(record: ConfigRecord, previous: ConfigRecord | undefined, op: ConfigOp, actor: Actor, alsoInTransaction?: ChangeWork): Promise<boolean> {
    const committed = await this.repository.commitChange(record, { op, actor }, previous ? previous.version : null, alsoInTransaction);
    if (!committed) return false;
    this.index.put(record);
    this.logger.log(`config ${op} ${describeConfig(record.key)} version=${record.version} md5=${record.md5 || '-'} type=${record.type} by=${authorOf(actor)} from=${actor.sourceIp}`);
    return true;
  }
}
