import 'reflect-metadata';
import { beforeEach, expect, it, vi } from 'vitest';
import { DatabaseWriter } from '../database/database-writer';
import { describeOnEachDatabase } from '../database/testing/test-databases';
import { ConfigRepository } from './config.repository';
import { ConfigVersionEntity } from './domain/config-version.entity';
import { ConfigEntity } from './domain/config.entity';

const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: 'app-配置.yaml' };
const at = new Date('2026-07-08T09:10:11.012Z');

function head(version: number, content: string, deleted = false): ConfigEntity {
  return Object.assign(new ConfigEntity(), {
    ...key,
    content,
    md5: 'm'.repeat(32),
    type: 'yaml',
    appName: 'app',
    description: 'd',
    tags: ['t'],
    schema: version === 1 ? '{"type":"object"}' : null,
    version,
    deleted,
    createdAt: at,
    createdBy: 'alice',
    updatedAt: at,
    updatedBy: 'bob',
  });
}

function versionRow(version: number, content: string, op: ConfigVersionEntity['op'] = 'update'): ConfigVersionEntity {
  return Object.assign(new ConfigVersionEntity(), { ...key, version, op, content, md5: 'm'.repeat(32), sizeBytes: Buffer.byteLength(content), type: 'yaml', appName: 'app', author: 'bob', sourceIp: '127.0.0.1', createdAt: at });
}

describeOnEachDatabase('ConfigRepository', (db) => {
  let repository: ConfigRepository;
  beforeEach(() => {
    repository = new ConfigRepository(db.dataSource, new DatabaseWriter(db.dataSource));
  });

  it('should store a change as head and version in one transaction, with large unicode content', async () => {
    const big = `a: "${'ü'.repeat(300_000)}"\n`; // 600 KB of UTF-8, beyond MySQL TEXT
    expect(await repository.commitChange(head(1, big), versionRow(1, big, 'create'), null)).toBe(true);
    const [stored] = (await repository.findAllHeads()).filter((h) => h.dataId === key.dataId);
    expect(stored).toEqual(head(1, big));
    expect((await repository.findVersion(key, 1))?.content).toBe(big);
  });

  it('should refuse a head update whose previous version is stale, and roll its version row back', async () => {
    await repository.commitChange(head(2, 'b: 2'), versionRow(2, 'b: 2'), 1);
    expect(await repository.commitChange(head(3, 'stale'), versionRow(3, 'stale'), 1)).toBe(false);
    expect(await repository.findVersion(key, 3)).toBeNull();
    const page = await repository.listVersions(key, 1, 10);
    expect(page).toMatchObject({ total: 2 });
    expect(page.items.map((v) => [v.version, v.op, v.sizeBytes])).toEqual([[2, 'update', 4], [1, 'create', 600_006]]);
    expect((page.items[0] as Partial<ConfigVersionEntity>).content).toBeUndefined();
    expect((await repository.findPreviousVersion(key, 2))?.version).toBe(1);
  });

  it('should keep many concurrent changes of different configs apart', async () => {
    const writes = Array.from({ length: 30 }, (_, i) => {
      const k = { ...key, dataId: `concurrent-${i}` };
      return repository.commitChange(Object.assign(head(1, `v${i}`), k), Object.assign(versionRow(1, `v${i}`, 'create'), k), null);
    });
    expect(await Promise.all(writes)).toEqual(Array(30).fill(true));
    const heads = (await repository.findAllHeads()).filter((h) => h.dataId.startsWith('concurrent-'));
    expect(heads).toHaveLength(30);
  });

  // Concurrent changes share transactions (group commit) on every database.
  it('should write concurrent changes in shared transactions', async () => {
    const transactions = vi.spyOn(db.dataSource, 'transaction');
    const rawScripts = db.type === 'sqlite' ? vi.spyOn((db.dataSource.driver as unknown as { databaseConnection: { exec: () => void } }).databaseConnection, 'exec') : undefined;
    const writes = Array.from({ length: 40 }, (_, i) => {
      const k = { ...key, dataId: `grouped-${i}` };
      return repository.commitChange(Object.assign(head(1, `g${i}`), k), Object.assign(versionRow(1, `g${i}`, 'create'), k), null);
    });
    expect(await Promise.all(writes)).toEqual(Array(40).fill(true));
    const groups = transactions.mock.calls.length + (rawScripts?.mock.calls.length ?? 0);
    expect(groups).toBeLessThanOrEqual(3);
    const heads = (await repository.findAllHeads()).filter((h) => h.dataId.startsWith('grouped-'));
    expect(heads.map((h) => h.content).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `g${i}`).sort());
    transactions.mockRestore();
    rawScripts?.mockRestore();
  });

  it('should commit concurrent next versions of many configs, and refuse only the one whose stored head moved on', async () => {
    const keyOf = (i: number) => ({ ...key, dataId: `batch-${i}` });
    const change = (i: number, version: number, content: string) =>
      repository.commitChange(Object.assign(head(version, content), keyOf(i)), Object.assign(versionRow(version, content, version === 1 ? 'create' : 'update'), keyOf(i)), version === 1 ? null : version - 1);
    expect(await Promise.all(Array.from({ length: 20 }, (_, i) => change(i, 1, `one ${i}`)))).toEqual(Array(20).fill(true));
    // Another writer moved config 0's head on (to version 5) without this repository knowing.
    await db.dataSource.getRepository(ConfigEntity).update(keyOf(0), { version: 5, content: 'elsewhere' });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => change(i, 2, `second ${i}`)));
    expect(results).toEqual([false, ...Array(19).fill(true)]);
    const heads = new Map((await repository.findAllHeads()).filter((h) => h.dataId.startsWith('batch-')).map((h) => [h.dataId, h]));
    expect(heads.get('batch-0')).toMatchObject({ version: 5, content: 'elsewhere' });
    expect(heads.get('batch-7')).toMatchObject({ version: 2, content: 'second 7', tags: ['t'], deleted: false });
    expect(heads.get('batch-7')?.updatedAt).toEqual(at);
    expect(await repository.findVersion(keyOf(0), 2)).toBeNull();
    expect((await repository.findVersion(keyOf(7), 2))?.content).toBe('second 7');
  });
});
