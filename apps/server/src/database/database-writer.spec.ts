import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigEntity } from '../config-center/domain/config.entity';
import { DatabaseWriter } from './database-writer';
import { upsertNextVersions } from './multi-row';
import { describeOnEachDatabase } from './testing/test-databases';

// Group commit on a real SQLite file (WAL, synchronous=FULL as in production).
describe('DatabaseWriter on SQLite', () => {
  let dir: string;
  let dataSource: DataSource;
  let writer: DatabaseWriter;
  const count = async () => Number((await dataSource.query('SELECT COUNT(*) AS n FROM rows'))[0].n);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-writer-'));
    dataSource = new DataSource({ type: 'sqlite', database: join(dir, 'db.sqlite') });
    await dataSource.initialize();
    await dataSource.query('PRAGMA journal_mode=WAL');
    await dataSource.query('PRAGMA synchronous=FULL');
    await dataSource.query('CREATE TABLE rows (id INTEGER PRIMARY KEY, label TEXT NOT NULL)');
    writer = new DatabaseWriter(dataSource);
  });

  afterEach(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should commit concurrent transactions together, answering each with its own result', async () => {
    const commits = vi.spyOn(dataSource, 'transaction');
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        writer.transaction(async (manager) => {
          await manager.query('INSERT INTO rows (id, label) VALUES (?, ?)', [i, `row ${i}`]);
          return i * 2;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 100 }, (_, i) => i * 2));
    expect(await count()).toBe(100);
    // Far fewer database transactions (fsyncs) than callers.
    expect(commits.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it('should roll back only the transaction that fails, and still commit the others of its group', async () => {
    const insert = (id: number, fail = false) =>
      writer.transaction(async (manager) => {
        await manager.query('INSERT INTO rows (id, label) VALUES (?, ?)', [id, `row ${id}`]);
        await manager.query('INSERT INTO rows (id, label) VALUES (?, ?)', [id + 1000, `second ${id}`]);
        if (fail) throw new Error(`work ${id} failed`);
        return id;
      });
    const outcomes = await Promise.allSettled([insert(1), insert(2, true), insert(3)]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('work 2 failed');
    const ids = (await dataSource.query('SELECT id FROM rows ORDER BY id')).map((r: { id: number }) => r.id);
    expect(ids).toEqual([1, 3, 1001, 1003]);
  });

  it('should keep plain writes and transactions in the order they were asked for', async () => {
    const order: string[] = [];
    await Promise.all([
      writer.transaction(async (m) => {
        await m.query("INSERT INTO rows (id, label) VALUES (1, 'a')");
        order.push('tx1');
      }),
      writer.write(async () => {
        await dataSource.query("UPDATE rows SET label = 'b' WHERE id = 1");
        order.push('write');
      }),
      writer.transaction(async (m) => {
        await m.query("UPDATE rows SET label = label || 'c' WHERE id = 1");
        order.push('tx2');
      }),
    ]);
    expect(order).toEqual(['tx1', 'write', 'tx2']);
    expect((await dataSource.query('SELECT label FROM rows WHERE id = 1'))[0].label).toBe('bc');
  });

  it('should hand the batchable changes of a group to their batch writer at once, and write them one by one when the group fails', async () => {
    const batches: number[][] = [];
    writer.registerBatchWriter('row', (payloads) => {
      const ids = payloads as number[];
      batches.push(ids);
      const labels = { sql: `INSERT INTO rows (id, label) VALUES ${ids.map(() => '(?, ?)').join(', ')}`, params: ids.flatMap((id) => [id, `batched ${id}`]) };
      // A batch holding 13 is refused by its change count (the guard finds no row).
      return ids.includes(13) ? [labels, { sql: 'UPDATE rows SET label = label WHERE id = -1', params: [], changes: 1 }] : [labels];
    });
    const one = (id: number) => writer.transaction((m) => m.query('INSERT INTO rows (id, label) VALUES (?, ?)', [id, `alone ${id}`]).then(() => id), { kind: 'row', payload: id });
    await Promise.all(Array.from({ length: 10 }, (_, i) => one(i + 1)));
    expect(batches.length).toBeLessThanOrEqual(2);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(await count()).toBe(10);
    // A refused batch rolls the group back; each change is then written alone by its own work.
    const labelsOf = async (ids: number[]) => (await dataSource.query(`SELECT label FROM rows WHERE id IN (${ids.join(', ')}) ORDER BY id`)).map((r: { label: string }) => r.label);
    const refused = await Promise.allSettled([one(11), one(12), one(13)]);
    expect(refused.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(await labelsOf([11, 12, 13])).toEqual(['alone 11', 'alone 12', 'alone 13']);
    // A failing statement (1 exists already) does the same, and only that change fails.
    const failed = await Promise.allSettled([one(21), one(22), one(1)]);
    expect(failed.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(await labelsOf([1, 21, 22])).toEqual(['batched 1', 'alone 21', 'alone 22']);
    expect(await count()).toBe(15);
  });

  it('should write a group as one script whose literals read back exactly, and values a script cannot carry with bound parameters', async () => {
    writer.registerBatchWriter('label', (payloads) => {
      const rows = payloads as [number, string][];
      return [{ sql: `INSERT INTO rows (id, label) VALUES ${rows.map(() => '(?, ?)').join(', ')}`, params: rows.flat() }];
    });
    const labels = ["it's", "''", '中文 😀', 'line\nbreak\ttab', '\\ backslash', "'; DROP TABLE rows; --", '?', 'with a \0 NUL', ''];
    const exec = vi.spyOn((dataSource.driver as unknown as { databaseConnection: { exec: () => void } }).databaseConnection, 'exec');
    const one = (id: number, label: string) => writer.transaction((m) => m.query('INSERT INTO rows (id, label) VALUES (?, ?)', [id, label]), { kind: 'label', payload: [id, label] });
    await Promise.all(labels.slice(0, -2).map((label, i) => one(i + 1, label)));
    expect(exec).toHaveBeenCalled();
    await Promise.all(labels.slice(-2).map((label, i) => one(100 + i, label))); // the NUL: bound parameters
    const stored = (await dataSource.query('SELECT id, label FROM rows ORDER BY id')) as { id: number; label: string }[];
    expect(stored.map((r) => r.label)).toEqual(labels);
  });
});

function head(dataId: string, version: number, content: string): ConfigEntity {
  const row = new ConfigEntity();
  Object.assign(row, { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId, content, md5: 'm'.repeat(32), type: 'text', appName: '', description: '', tags: ['ü'], schema: null, version, deleted: false });
  Object.assign(row, { createdAt: new Date(1), createdBy: 'alice', updatedAt: new Date(2), updatedBy: 'bob' });
  return row;
}

// The group of batch statements on every database: on PostgreSQL one simple query of literals.
describeOnEachDatabase('DatabaseWriter groups', [ConfigEntity], (db) => {
  it('should write a group of batch statements whose content reads back exactly, and on PostgreSQL in one query', async () => {
    const writer = new DatabaseWriter(db.dataSource);
    writer.registerBatchWriter('head', (payloads) => [upsertNextVersions(db.dataSource, ConfigEntity, payloads as ConfigEntity[], 'version')]);
    const contents = ["it's", "''", '中文 😀', 'line\nbreak\ttab', '\\ backslash \\n \\\\', "'; DROP TABLE configs; --", '$1 $2 ?', 'E\'x\'', ''];
    const queries = vi.spyOn(db.dataSource, 'query');
    const transactions = vi.spyOn(db.dataSource, 'transaction');
    const one = (row: ConfigEntity) => writer.transaction((m) => m.insert(ConfigEntity, row), { kind: 'head', payload: row });
    await Promise.all(contents.map((content, i) => one(head(`lit-${i}`, 1, content))));
    const stored = await db.dataSource.getRepository(ConfigEntity).find({ where: contents.map((_, i) => ({ dataId: `lit-${i}` })) });
    expect(new Map(stored.map((r) => [r.dataId, r.content]))).toEqual(new Map(contents.map((content, i) => [`lit-${i}`, content])));
    if (db.type === 'postgres') {
      expect(transactions).not.toHaveBeenCalled();
      expect(queries.mock.calls.length).toBeLessThanOrEqual(2);
    }
    // A refused guard (version 3 offered over 1) fails the group; each change is then written
    // alone by its own work, and only the refused one fails.
    queries.mockRestore();
    transactions.mockRestore();
    const outcomes = await Promise.allSettled([
      writer.transaction(async (m) => {
        const { affected } = await m.update(ConfigEntity, { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: 'lit-0', version: 1 }, { content: 'second', version: 2 });
        if (affected !== 1) throw new Error('stale lit-0');
      }, { kind: 'head', payload: head('lit-0', 2, 'second') }),
      writer.transaction(async (m) => {
        const { affected } = await m.update(ConfigEntity, { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: 'lit-1', version: 2 }, { content: 'third', version: 3 });
        if (affected !== 1) throw new Error('stale lit-1');
      }, { kind: 'head', payload: head('lit-1', 3, 'third') }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    const after = await db.dataSource.getRepository(ConfigEntity).find({ where: [{ dataId: 'lit-0' }, { dataId: 'lit-1' }], order: { dataId: 'ASC' } });
    expect(after.map((r) => [r.dataId, r.version, r.content])).toEqual([
      ['lit-0', 2, 'second'],
      ['lit-1', 1, "''"],
    ]);
  });
});
