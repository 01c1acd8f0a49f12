import { Injectable } from '@nestjs/common';
import type { ConfigKey } from '@switchboard/shared';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import type { ChangeWork, FeedEntry } from '../database/change-feed';
import { DatabaseWriter } from '../database/database-writer';
import { isUniqueViolation } from '../database/errors';
import { insertRows, upsertNextVersions } from '../database/multi-row';
import { configRecordOf, headRowOf, versionRowOf, type ConfigChange } from './config-rows';
import type { ConfigRecord } from './domain/config-record';
import { ConfigVersionEntity } from './domain/config-version.entity';
import { ConfigEntity } from './domain/config.entity';

export type VersionSummary = Omit<ConfigVersionEntity, 'content'>;

const CONFIG_CHANGE = 'config-change';
// Config heads in the change feed (cluster mode): the key as JSON, the committed record as payload.
export const CONFIG_FEED = 'config';

const keyWhere = (key: ConfigKey) => ({ namespaceId: key.namespaceId, group: key.group, dataId: key.dataId });

@Injectable()
export class ConfigRepository {
  private readonly heads: Repository<ConfigEntity>;
  private readonly versions: Repository<ConfigVersionEntity>;

  constructor(
    dataSource: DataSource,
    private readonly writer: DatabaseWriter,
  ) {
    this.heads = dataSource.getRepository(ConfigEntity);
    this.versions = dataSource.getRepository(ConfigVersionEntity);
    // A group of changes (one per config: the publisher serialises changes per config) is
    // written with one insert of all version rows and one upsert of all heads.
    // A head is updated only from the version before (each change is version + 1), as the
    // single change's guarded update does; a head that moved on fails the group, which is then
    // written change by change, where that change alone reports the conflict.
    writer.registerBatchWriter(CONFIG_CHANGE, (payloads) => {
      const changes = payloads as { head: ConfigEntity; version: ConfigVersionEntity }[];
      return [
        insertRows(dataSource, ConfigVersionEntity, changes.map((c) => c.version)),
        upsertNextVersions(dataSource, ConfigEntity, changes.map((c) => c.head), 'version'),
      ];
    });
  }

  async findAllHeads(): Promise<ConfigRecord[]> {
    return (await this.heads.find()).map(configRecordOf);
  }

  async findHead(key: ConfigKey): Promise<ConfigRecord | null> {
    const row = await this.heads.findOneBy(keyWhere(key));
    return row && configRecordOf(row);
  }

  // One change: `record` becomes the head and `change` says how, in one transaction with its
  // version row. The head update is guarded by the previous version, so a concurrent writer
  // elsewhere loses with `false`. `alsoInTransaction` commits or fails with the change (a canary
  // promote ends its canary).
  async commitChange(record: ConfigRecord, change: ConfigChange, previousVersion: number | null, alsoInTransaction?: ChangeWork): Promise<boolean> {
    const head = headRowOf(record);
    const version = versionRowOf(record, change);
    // Batched with other changes when nothing else must commit with it (canary promotes do) and
    // the change is the next version (the batch's guard): a new config's version 1, or previous + 1.
    const next = previousVersion === null ? record.version === 1 : record.version === previousVersion + 1;
    const batch = alsoInTransaction || !next ? undefined : { kind: CONFIG_CHANGE, payload: { head, version } };
    const feed: FeedEntry[] = [{ area: CONFIG_FEED, key: JSON.stringify(record.key), payload: record }, ...(alsoInTransaction?.feed ?? [])];
    return this.writer.transaction(async (manager) => {
      await writeChange(manager, head, version, previousVersion);
      await alsoInTransaction?.run(manager);
      return true;
    }, batch, feed).catch((error: unknown) => {
      // Another writer (cluster mode: another node) took this version first.
      if (error instanceof StaleHeadError || isUniqueViolation(error)) return false;
      throw error;
    });
  }

  // Several changes in one transaction (an approved change request): each head moves only from
  // its previous version, or none of them is written (false).
  async commitChanges(changes: { record: ConfigRecord; change: ConfigChange; previousVersion: number | null }[], alsoInTransaction: ChangeWork): Promise<boolean> {
    const feed: FeedEntry[] = [...changes.map(({ record }) => ({ area: CONFIG_FEED, key: JSON.stringify(record.key), payload: record })), ...alsoInTransaction.feed];
    return this.writer.transaction(async (manager) => {
      for (const { record, change, previousVersion } of changes) await writeChange(manager, headRowOf(record), versionRowOf(record, change), previousVersion);
      await alsoInTransaction.run(manager);
      return true;
    }, undefined, feed).catch((error: unknown) => {
      if (error instanceof StaleHeadError || isUniqueViolation(error)) return false;
      throw error;
    });
  }

  async listVersions(key: ConfigKey, pageNo: number, pageSize: number): Promise<{ items: VersionSummary[]; total: number }> {
    const [items, total] = await this.versions.findAndCount({
      select: ['namespaceId', 'group', 'dataId', 'version', 'op', 'md5', 'sizeBytes', 'type', 'appName', 'author', 'sourceIp', 'createdAt'],
      where: keyWhere(key),
      order: { version: 'DESC' },
      skip: (pageNo - 1) * pageSize,
      take: pageSize,
    });
    return { items, total };
  }

  findVersion(key: ConfigKey, version: number): Promise<ConfigVersionEntity | null> {
    return this.versions.findOneBy({ ...keyWhere(key), version });
  }

  // The version before `version` (Nacos's "previous" history query).
  findPreviousVersion(key: ConfigKey, version: number): Promise<ConfigVersionEntity | null> {
    return this.versions
      .createQueryBuilder('v')
      .where('v.namespaceId = :namespaceId AND v.group = :group AND v.dataId = :dataId AND v.version < :version', { ...keyWhere(key), version })
      .orderBy('v.version', 'DESC')
      .limit(1)
      .getOne();
  }
}

class StaleHeadError extends Error {}

// A version row, and the head moved to it: inserted for a new config, otherwise updated only
// from the previous version (StaleHeadError when another writer moved it first).
async function writeChange(manager: EntityManager, head: ConfigEntity, version: ConfigVersionEntity, previousVersion: number | null): Promise<void> {
  await manager.insert(ConfigVersionEntity, version);
  if (previousVersion === null) {
    await manager.insert(ConfigEntity, head);
    return;
  }
  const { namespaceId, group, dataId, ...fields } = head;
  const result = await manager.update(ConfigEntity, { namespaceId, group, dataId, version: previousVersion }, fields);
  if ((result.affected ?? 0) === 0) throw new StaleHeadError();
}
