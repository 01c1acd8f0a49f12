import { Injectable } from '@nestjs/common';
import type { ConfigKey } from '@switchboard/shared';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import { DatabaseWriter } from '../database/database-writer';
import { ConfigVersionEntity } from './domain/config-version.entity';
import { ConfigEntity } from './domain/config.entity';

export type VersionSummary = Omit<ConfigVersionEntity, 'content'>;

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
  }

  findAllHeads(): Promise<ConfigEntity[]> {
    return this.heads.find();
  }

  // One change: the version row and the head row in one transaction. The head update is
  // guarded by the previous version, so a concurrent writer elsewhere loses with `false`.
  // `alsoInTransaction` commits or fails with the change (a canary promote ends its canary).
  async commitChange(head: ConfigEntity, version: ConfigVersionEntity, previousVersion: number | null, alsoInTransaction?: (manager: EntityManager) => Promise<void>): Promise<boolean> {
    return this.writer.transaction(async (manager) => {
      await manager.insert(ConfigVersionEntity, version);
      if (previousVersion === null) {
        await manager.insert(ConfigEntity, head);
      } else {
        const { namespaceId, group, dataId, ...fields } = head;
        const result = await manager.update(ConfigEntity, { namespaceId, group, dataId, version: previousVersion }, fields);
        if ((result.affected ?? 0) === 0) throw new StaleHeadError();
      }
      await alsoInTransaction?.(manager);
      return true;
    }).catch((error: unknown) => {
      if (error instanceof StaleHeadError) return false;
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
