import 'reflect-metadata';
import type { ConfigOp } from '@switchboard/shared';
import { beforeEach, expect, it, vi } from 'vitest';
import { DatabaseWriter } from '../database/database-writer';
import { describeOnEachDatabase } from '../database/testing/test-databases';
import type { Actor } from '../identity/actor';
import { ConfigRepository } from './config.repository';
import type { ConfigRecord } from './domain/config-record';
import { ConfigVersionEntity } from './domain/config-version.entity';
import { ConfigEntity } from './domain/config.entity';

const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: 'app-配置.yaml' };
const at = Date.parse('2026-07-08T09:10:11.012Z');
const bob: Actor = { user: 'bob', sourceIp: '127.0.0.1' };

function head(version: number, content: string, dataId = key.dataId): ConfigRecord {
  return {
    key: { ...key, dataId },
    content,
    md5: 'm'.repeat(32),
    sizeBytes: Buffer.byteLength(content, 'utf8'),
    type: 'yaml',
    appName: 'app',
    description: 'd',
    tags: ['t'],
    schema: version === 1 ? '{"type":"object"}' : null,
    version,
    deleted: false,
    createdAtMs: at,
    createdBy: 'alice',
    updatedAtMs: at,
    updatedBy: 'bob',
  };
}

const change = (op: ConfigOp, actor = bob) => ({ op, actor });

describeOnEachDatabase('ConfigRepository', [ConfigEntity, ConfigVersionEntity], (db) => {
  let repository: ConfigRepository;
  beforeEach(() => {
    repository = new ConfigRepository(db.dataSource, new DatabaseWriter(db.dataSource));
  });

  it('should store a change as head and version in one transaction, with large unicode content', async () => {
    const big = `a: "${'ü'.repeat(300_000)}"\n`; // 600 KB of UTF-8, beyond MySQL TEXT
    expect(await repository.commitChange(head(1, big), change('create'), null)).toBe(true);
    const [stored] = (await repository.findAllHeads()).filter((h) => h.key.dataId === key.dataId);
    expect(stored).toEqual(head(1, big));
    expect((await repository.findVersion(key, 1))?.content).toBe(big);
  });

  it('should refuse a head update whose previous version is stale, and roll its version row back', async () => {
    // Authentication off: the history names the author the client declared.
    const carol: Actor = { user: 'anonymous', sourceIp: '10.0.0.2', declaredAuthor: 'carol' };
    await repository.commitChange(head(2, 'b: 2'), change('update', carol), 1);
    expect(await repository.commitChange(head(3, 'stale'), change('update'), 1)).toBe(false);
    expect(await repository.findVersion(key, 3)).toBeNull();
    const page = await repository.listVersions(key, 1, 10);
    expect(page).toMatchObject({ total: 2 });
    expect(page.items.map((v) => [v.version, v.op, v.sizeBytes, v.author, v.sourceIp])).toEqual([[2, 'update', 4, 'carol', '10.0.0.2'], [1, 'create', 600_006, 'bob', '127.0.0.1']]);
    expect(page.items[0].createdAt).toEqual(new Date(at));
    expect((page.items[0] as Partial<ConfigVersionEntity>).content).toBeUndefined();
    expect((await repository.findPreviousVersion(key, 2))?.version).toBe(1);
  });

  it('should keep many concurrent changes of different configs apart', async () => {
    const writes = Array.from({ length: 30 }, (_, i) => {
      return repository.commitChange(head(1, `v${i}`, `concurrent-${i}`), change('create'), null);
    });
    expect(await Promise.all(writes)).toEqual(Array(30).fill(true));
    const heads = (await repository.findAllHeads()).filter((h) => h.key.dataId.startsWith('concurrent-'));
    expect(heads).toHaveLength(30);
  });

  // Concurrent changes share transactions (group commit) on every database.
  it('should write concurrent changes in shared transactions', async () => {
    const transactions = vi.spyOn(db.dataSource, 'transaction');
    const rawScripts = db.type === 'sqlite' ? vi.spyOn((db.dataSource.driver as unknown as { databaseConnection: { exec: () => void } }).databaseConnection, 'exec') : undefined;
    const writes = Array.from({ length: 40 }, (_, i) => {
      return repository.commitChange(head(1, `g${i}`, `grouped-${i}`), change('create'), null);
    });
    expect(await Promise.all(writes)).toEqual(Array(40).fill(true));
    const groups = transactions.mock.calls.length + (rawScripts?.mock.calls.length ?? 0);
    expect(groups).toBeLessThanOrEqual(3);
    const heads = (await repository.findAllHeads()).filter((h) => h.key.dataId.startsWith('grouped-'));
    expect(heads.map((h) => h.content).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `g${i}`).sort());
    transactions.mockRestore();
    rawScripts?.mockRestore();
  });

  it('should commit concurrent next versions of many configs, and refuse only the one whose stored head moved on', async () => {
    const keyOf = (i: number) => ({ ...key, dataId: `batch-${i}` });
    const publish = (i: number, version: number, content: string) =>
      repository.commitChange(head(version, content, keyOf(i).dataId), change(version === 1 ? 'create' : 'update'), version === 1 ? null : version - 1);
    expect(await Promise.all(Array.from({ length: 20 }, (_, i) => publish(i, 1, `one ${i}`)))).toEqual(Array(20).fill(true));
    // Another writer moved config 0's head on (to version 5) without this repository knowing.
    await db.dataSource.getRepository(ConfigEntity).update(keyOf(0), { version: 5, content: 'elsewhere' });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => publish(i, 2, `second ${i}`)));
    expect(results).toEqual([false, ...Array(19).fill(true)]);
    const heads = new Map((await repository.findAllHeads()).filter((h) => h.key.dataId.startsWith('batch-')).map((h) => [h.key.dataId, h]));
    expect(heads.get('batch-0')).toMatchObject({ version: 5, content: 'elsewhere' });
    expect(heads.get('batch-7')).toMatchObject({ version: 2, content: 'second 7', tags: ['t'], deleted: false });
    expect(heads.get('batch-7')?.updatedAtMs).toBe(at);
    expect(await repository.findVersion(keyOf(0), 2)).toBeNull();
    expect((await repository.findVersion(keyOf(7), 2))?.content).toBe('second 7');
  });
});
