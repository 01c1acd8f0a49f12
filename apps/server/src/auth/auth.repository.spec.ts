import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DatabaseWriter } from '../database/database-writer';
import { AuthRepository } from './auth.repository';
import { AccessTokenEntity, AuditEventEntity, PermissionEntity, RoleBindingEntity, UserEntity } from './domain/auth.entities';

// Audit batches on a real SQLite file: they join the commit group as batch statements.
describe('AuthRepository audit rows on SQLite', () => {
  let dir: string;
  let dataSource: DataSource;
  let repository: AuthRepository;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-audit-'));
    dataSource = new DataSource({ type: 'sqlite', database: join(dir, 'db.sqlite'), entities: [AuditEventEntity, UserEntity, RoleBindingEntity, PermissionEntity, AccessTokenEntity], synchronize: true });
    await dataSource.initialize();
    repository = new AuthRepository(dataSource, new DatabaseWriter(dataSource));
  });

  afterEach(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const row = (i: number, target: string) =>
    Object.assign(new AuditEventEntity(), { at: new Date(1_700_000_000_000 + i), actor: 'admin', action: 'config.publish', targetType: 'config', target, namespaceId: i % 2 ? null : 'dev', sourceIp: '127.0.0.1', details: { version: i, note: `it's "quoted" ✓` } });

  it('should store concurrent batches in one script, quotes, unicode and NUL included, without a transaction of their own', async () => {
    const transactions = vi.spyOn(dataSource, 'transaction');
    const scripts = vi.spyOn((dataSource.driver as unknown as { databaseConnection: { exec: (sql: string, done: () => void) => void } }).databaseConnection, 'exec');
    const targets = ["DEFAULT_GROUP/o'brien.yaml", 'DEFAULT_GROUP/配置.json', 'G/nul\0inside', ...Array.from({ length: 1_200 }, (_, i) => `G/row-${i}`)];
    const batches = [targets.slice(0, 2), targets.slice(2, 3), targets.slice(3)];
    const insert = (b: number) => repository.insertAudit(batches[b].map((target, i) => row(b * 10_000 + i, target)));
    await Promise.all([insert(0), insert(2)]); // one group, one script
    await insert(1); // a NUL: bound parameters
    const stored = await repository.audit.find({ order: { id: 'ASC' } });
    expect(stored.map((r) => r.target).sort()).toEqual([...targets].sort());
    const first = stored.find((r) => r.target === "DEFAULT_GROUP/o'brien.yaml")!;
    expect(first).toMatchObject({ at: new Date(1_700_000_000_000), namespaceId: 'dev', details: { version: 0, note: `it's "quoted" ✓` } });
    expect(stored.find((r) => r.target === 'G/nul\0inside')).toMatchObject({ at: new Date(1_700_000_010_000), details: { version: 10_000 } });
    expect(stored.find((r) => r.target === 'G/row-1')!.namespaceId).toBeNull();
    // Sent as a script with literals (the batch with a NUL takes bound parameters); none of them
    // opened an ORM transaction.
    expect(scripts.mock.calls.some(([sql]) => sql.includes("'DEFAULT_GROUP/o''brien.yaml'"))).toBe(true);
    expect(transactions).not.toHaveBeenCalled();
  });
});
