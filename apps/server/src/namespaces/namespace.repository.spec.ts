import 'reflect-metadata';
import { beforeEach, expect, it } from 'vitest';
import { DatabaseWriter } from '../database/database-writer';
import { MigrationExecutor, type DataSource } from 'typeorm';
import { isUniqueViolation } from '../database/errors';
import { MIGRATIONS } from '../database/migrations';
import { describeOnEachDatabase } from '../database/testing/test-databases';
import { NamespaceEntity } from './domain/namespace.entity';
import { NamespaceRepository } from './namespace.repository';

function namespace(id: string, name = id, createdAt = new Date('2026-01-02T03:04:05.678Z')): NamespaceEntity {
  return Object.assign(new NamespaceEntity(), { namespaceId: id, name, description: '', configQuota: 200, createdAt, updatedAt: createdAt });
}

describeOnEachDatabase('NamespaceRepository', [NamespaceEntity], (db) => {
  let repository: NamespaceRepository;
  let dataSource: DataSource;

  beforeEach(() => {
    dataSource = db.dataSource;
    repository = new NamespaceRepository(dataSource, new DatabaseWriter(dataSource));
  });

  it('should apply every migration on a fresh database', async () => {
    const applied = await new MigrationExecutor(dataSource).getExecutedMigrations();
    expect(applied.map((m) => m.name).sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('should store and read back a namespace with unicode text and exact times', async () => {
    const created = namespace('dev', '开发环境 🚀');
    await repository.insert(created);
    const found = await repository.findById('dev');
    expect(found).toEqual(created);
    expect(found?.createdAt.toISOString()).toBe('2026-01-02T03:04:05.678Z');
  });

  it('should refuse a duplicate id with a unique violation', async () => {
    await repository.insert(namespace('dup'));
    const error = await repository.insert(namespace('dup')).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('should treat ids as case-sensitive', async () => {
    await repository.insert(namespace('Case'));
    await repository.insert(namespace('case'));
    expect((await repository.findById('Case'))?.namespaceId).toBe('Case');
    expect((await repository.findById('case'))?.namespaceId).toBe('case');
  });

  it('should update and delete, reporting whether a row was touched', async () => {
    const row = namespace('upd');
    await repository.insert(row);
    expect(await repository.update({ ...row, description: 'changed', updatedAt: new Date('2026-02-01T00:00:00.000Z') })).toBe(true);
    expect((await repository.findById('upd'))?.description).toBe('changed');
    expect(await repository.deleteById('upd')).toBe(true);
    expect(await repository.deleteById('upd')).toBe(false);
    expect(await repository.update(namespace('missing'))).toBe(false);
  });

  it('should list in creation order', async () => {
    await repository.insert(namespace('z-late', 'late', new Date('2030-01-01T00:00:00.000Z')));
    const ids = (await repository.findAll()).map((n) => n.namespaceId);
    expect(ids.at(-1)).toBe('z-late');
  });
});
