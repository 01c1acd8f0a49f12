import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import type { FeedEntry } from '../database/change-feed';
import { DatabaseWriter } from '../database/database-writer';
import { NamespaceEntity } from './domain/namespace.entity';

// Namespaces in the change feed (cluster mode): the namespace id.
export const NAMESPACE_FEED = 'namespace';
const feedOf = (namespaceId: string): FeedEntry[] => [{ area: NAMESPACE_FEED, key: namespaceId }];

@Injectable()
export class NamespaceRepository {
  private readonly repo: Repository<NamespaceEntity>;

  constructor(
    dataSource: DataSource,
    private readonly writer: DatabaseWriter,
  ) {
    this.repo = dataSource.getRepository(NamespaceEntity);
  }

  findAll(): Promise<NamespaceEntity[]> {
    return this.repo.find({ order: { createdAt: 'ASC', namespaceId: 'ASC' } });
  }

  findById(namespaceId: string): Promise<NamespaceEntity | null> {
    return this.repo.findOneBy({ namespaceId });
  }

  // Plain INSERT so a duplicate id fails on the primary key instead of overwriting.
  async insert(namespace: NamespaceEntity): Promise<void> {
    await this.writer.transaction((manager) => manager.insert(NamespaceEntity, namespace), undefined, feedOf(namespace.namespaceId));
  }

  async update(namespace: NamespaceEntity): Promise<boolean> {
    const { namespaceId, ...fields } = namespace;
    const result = await this.writer.transaction((manager) => manager.update(NamespaceEntity, { namespaceId }, fields), undefined, feedOf(namespaceId));
    return (result.affected ?? 0) > 0;
  }

  async deleteById(namespaceId: string): Promise<boolean> {
    const result = await this.writer.transaction((manager) => manager.delete(NamespaceEntity, { namespaceId }), undefined, feedOf(namespaceId));
    return (result.affected ?? 0) > 0;
  }
}
