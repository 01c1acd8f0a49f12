import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { DatabaseWriter } from '../database/database-writer';
import { NamespaceEntity } from './domain/namespace.entity';

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
    await this.writer.write(() => this.repo.insert(namespace));
  }

  async update(namespace: NamespaceEntity): Promise<boolean> {
    const { namespaceId, ...fields } = namespace;
    const result = await this.writer.write(() => this.repo.update({ namespaceId }, fields));
    return (result.affected ?? 0) > 0;
  }

  async deleteById(namespaceId: string): Promise<boolean> {
    const result = await this.writer.write(() => this.repo.delete({ namespaceId }));
    return (result.affected ?? 0) > 0;
  }
}
