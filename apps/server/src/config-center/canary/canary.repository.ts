import { Injectable } from '@nestjs/common';
import type { ConfigKey } from '@switchboard/shared';
import { DataSource, type Repository } from 'typeorm';
import type { ChangeWork } from '../../database/change-feed';
import { DatabaseWriter } from '../../database/database-writer';
import { canaryEventRowOf, canaryRecordOf, canaryRowOf, type CanaryLogEntry } from './canary-rows';
import type { CanaryRecord } from './domain/canary-record';
import { ConfigCanaryEntity, ConfigCanaryEventEntity } from './domain/canary.entities';

const keyWhere = (key: ConfigKey) => ({ namespaceId: key.namespaceId, group: key.group, dataId: key.dataId });

// Canaries in the change feed (cluster mode): the config's key as JSON.
export const CANARY_FEED = 'canary';

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

  async findAll(): Promise<CanaryRecord[]> {
    return (await this.canaries.find()).map(canaryRecordOf);
  }

  async find(key: ConfigKey): Promise<CanaryRecord | null> {
    const row = await this.canaries.findOneBy(keyWhere(key));
    return row && canaryRecordOf(row);
  }

  // The work that records one canary change inside a transaction (also used by promote, whose
  // transaction writes the config's new version too): `canary` is the active canary of `key` as
  // it now stands, null when it ended; `event` goes to its log.
  changeWork(canary: CanaryRecord | null, key: ConfigKey, event: CanaryLogEntry | null): ChangeWork {
    // Made once, here: the work may run again (a group commit retried alone), on the same rows.
    const row = canary && canaryRowOf(canary);
    const eventRow = event && canaryEventRowOf(event);
    return {
      run: async (manager) => {
        if (row) await manager.save(ConfigCanaryEntity, row);
        else await manager.delete(ConfigCanaryEntity, keyWhere(key));
        if (eventRow) await manager.insert(ConfigCanaryEventEntity, eventRow);
      },
      feed: [{ area: CANARY_FEED, key: JSON.stringify(keyWhere(key)) }],
    };
  }

  async commit(work: ChangeWork): Promise<void> {
    await this.writer.transaction((manager) => work.run(manager), undefined, work.feed);
  }

  async listEvents(key: ConfigKey, pageNo: number, pageSize: number): Promise<{ items: ConfigCanaryEventEntity[]; total: number }> {
    const [items, total] = await this.events.findAndCount({ where: keyWhere(key), order: { id: 'DESC' }, skip: (pageNo - 1) * pageSize, take: pageSize });
    return { items, total };
  }
}
