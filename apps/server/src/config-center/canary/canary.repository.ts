import { Injectable } from '@nestjs/common';
import type { ConfigKey } from '@switchboard/shared';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import { DatabaseWriter } from '../../database/database-writer';
import { ConfigCanaryEntity, ConfigCanaryEventEntity } from './domain/canary.entities';

const keyWhere = (key: ConfigKey) => ({ namespaceId: key.namespaceId, group: key.group, dataId: key.dataId });

export type TransactionWork = (manager: EntityManager) => Promise<void>;

@Injectable()
export class CanaryRepository {
  private readonly canaries: Repository<ConfigCanaryEntity>;
  private readonly events: Repository<ConfigCanaryEventEntity>;

  constructor(
    dataSource: DataSource,
    private readonly writer: DatabaseWriter,
  ) {
    this.canaries = dataSource.getRepository(ConfigCanaryEntity);
    this.events = dataSource.getRepository(ConfigCanaryEventEntity);
  }

  findAll(): Promise<ConfigCanaryEntity[]> {
    return this.canaries.find();
  }

  find(key: ConfigKey): Promise<ConfigCanaryEntity | null> {
    return this.canaries.findOneBy(keyWhere(key));
  }

  // The work that records one canary change inside a transaction (also used by promote, whose
  // transaction writes the config's new version too).
  changeWork(row: ConfigCanaryEntity | null, key: ConfigKey, event: ConfigCanaryEventEntity | null): TransactionWork {
    return async (manager) => {
      if (row) await manager.save(ConfigCanaryEntity, row);
      else await manager.delete(ConfigCanaryEntity, keyWhere(key));
      if (event) await manager.insert(ConfigCanaryEventEntity, event);
    };
  }

  async commit(work: TransactionWork): Promise<void> {
    await this.writer.transaction(work);
  }

  async listEvents(key: ConfigKey, pageNo: number, pageSize: number): Promise<{ items: ConfigCanaryEventEntity[]; total: number }> {
    const [items, total] = await this.events.findAndCount({ where: keyWhere(key), order: { id: 'DESC' }, skip: (pageNo - 1) * pageSize, take: pageSize });
    return { items, total };
  }
}
