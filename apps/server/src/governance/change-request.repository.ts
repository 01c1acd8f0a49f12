import { Injectable } from '@nestjs/common';
import type { ChangeRequestState } from '@switchboard/shared';
import { DataSource, In, type Repository } from 'typeorm';
import type { ChangeWork, FeedEntry } from '../database/change-feed';
import { DatabaseWriter } from '../database/database-writer';
import { ChangeRequestCommentEntity, ChangeRequestEntity } from './domain/change-request.entity';
import { changeRequestConflict } from './domain/change-request.errors';
import type { ChangeRequestRecord } from './domain/change-request.record';

// Change requests in the change feed (cluster mode): the request id.
export const CHANGE_REQUEST_FEED = 'change-request';

const ACTIVE: ChangeRequestState[] = ['open', 'approved'];

function rowOf(record: ChangeRequestRecord): ChangeRequestEntity {
  return Object.assign(new ChangeRequestEntity(), {
    id: record.id,
    namespaceId: record.namespaceId,
    title: record.title,
    description: record.description,
    state: record.state,
    author: record.author,
    items: record.items,
    approvals: record.approvals,
    appliedVersions: record.appliedVersions,
    revision: record.revision,
    createdAt: new Date(record.createdAtMs),
    updatedAt: new Date(record.updatedAtMs),
    closedBy: record.closedBy,
    closedAt: record.closedAtMs === null ? null : new Date(record.closedAtMs),
  });
}

function recordOf(row: ChangeRequestEntity): ChangeRequestRecord {
  return {
    id: row.id,
    namespaceId: row.namespaceId,
    title: row.title,
    description: row.description,
    state: row.state,
    author: row.author,
    items: row.items,
    approvals: row.approvals,
    appliedVersions: row.appliedVersions,
    revision: row.revision,
    createdAtMs: row.createdAt.getTime(),
    updatedAtMs: row.updatedAt.getTime(),
    closedBy: row.closedBy,
    closedAtMs: row.closedAt ? row.closedAt.getTime() : null,
  };
}

@Injectable()
export class ChangeRequestRepository {
  private readonly requests: Repository<ChangeRequestEntity>;
  private readonly comments: Repository<ChangeRequestCommentEntity>;

  constructor(
    dataSource: DataSource,
    private readonly writer: DatabaseWriter,
  ) {
    this.requests = dataSource.getRepository(ChangeRequestEntity);
    this.comments = dataSource.getRepository(ChangeRequestCommentEntity);
  }

  async findActive(): Promise<ChangeRequestRecord[]> {
    return (await this.requests.find({ where: { state: In(ACTIVE) } })).map(recordOf);
  }

  async findById(id: string): Promise<ChangeRequestRecord | null> {
    const row = await this.requests.findOneBy({ id });
    return row && recordOf(row);
  }

  async list(namespaceId: string, filter: { state?: ChangeRequestState; author?: string }, pageNo: number, pageSize: number): Promise<{ items: ChangeRequestRecord[]; total: number }> {
    const [rows, total] = await this.requests.findAndCount({
      where: { namespaceId, ...(filter.state ? { state: filter.state } : {}), ...(filter.author ? { author: filter.author } : {}) },
      order: { updatedAt: 'DESC', id: 'ASC' },
      skip: (pageNo - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(recordOf), total };
  }

  listComments(requestId: string): Promise<ChangeRequestCommentEntity[]> {
    return this.comments.find({ where: { requestId }, order: { id: 'ASC' } });
  }

  async insert(record: ChangeRequestRecord): Promise<void> {
    await this.writer.transaction((manager) => manager.insert(ChangeRequestEntity, rowOf(record)), undefined, feedOf(record, 'opened'));
  }

  // `next` replaces the stored request only if that is still at `previousRevision` (another
  // node or request may have moved it on): CHANGE_REQUEST_CONFLICT otherwise.
  changeWork(next: ChangeRequestRecord, previousRevision: number, transition: string): ChangeWork {
    const { id, ...fields } = rowOf(next);
    return {
      run: async (manager) => {
        const result = await manager.update(ChangeRequestEntity, { id, revision: previousRevision }, fields);
        if ((result.affected ?? 0) === 0) throw changeRequestConflict(id, `changed meanwhile (revision ${previousRevision} is no longer current); reload it`);
      },
      feed: feedOf(next, transition),
    };
  }

  async insertComment(requestId: string, comment: { author: string; body: string; at: Date }): Promise<void> {
    await this.writer.transaction((manager) => manager.insert(ChangeRequestCommentEntity, Object.assign(new ChangeRequestCommentEntity(), { requestId, ...comment })));
  }

  async update(next: ChangeRequestRecord, previousRevision: number, transition: string, comment?: { author: string; body: string; at: Date }): Promise<void> {
    const work = this.changeWork(next, previousRevision, transition);
    await this.writer.transaction(async (manager) => {
      await work.run(manager);
      if (comment) await manager.insert(ChangeRequestCommentEntity, Object.assign(new ChangeRequestCommentEntity(), { requestId: next.id, ...comment }));
    }, undefined, work.feed);
  }
}

function feedOf(record: ChangeRequestRecord, transition: string): FeedEntry[] {
  return [{ area: CHANGE_REQUEST_FEED, key: record.id, payload: { transition } }];
}
