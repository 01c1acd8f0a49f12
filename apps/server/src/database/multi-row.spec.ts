import 'reflect-metadata';
import { expect, it } from 'vitest';
import { AuditEventEntity } from '../auth/domain/auth.entities';
import { ConfigEntity } from '../config-center/domain/config.entity';
import { insertRows, upsertRowsWhere } from './multi-row';
import { describeOnEachDatabase } from './testing/test-databases';

const at = new Date('2026-07-08T09:10:11.012Z');

function audit(n: number): AuditEventEntity {
  const row = new AuditEventEntity();
  row.at = at;
  row.actor = `actor-${n}`;
  row.action = 'config.published';
  row.targetType = 'config';
  row.target = `public/DEFAULT_GROUP/数据-${n}`;
  row.namespaceId = n % 2 ? 'public' : null;
  row.sourceIp = '127.0.0.1';
  row.details = { version: n, ok: true, note: null };
  return row;
}

function head(dataId: string, version: number, content: string): ConfigEntity {
  const row = new ConfigEntity();
  row.namespaceId = 'public';
  row.group = 'DEFAULT_GROUP';
  row.dataId = dataId;
  row.content = content;
  row.md5 = 'm'.repeat(32);
  row.type = 'text';
  row.appName = '';
  row.description = '';
  row.tags = ['a', 'ü'];
  row.schema = null;
  row.version = version;
  row.deleted = false;
  row.createdAt = at;
  row.createdBy = 'alice';
  row.updatedAt = at;
  row.updatedBy = 'bob';
  return row;
}

describeOnEachDatabase('multi-row statements', (db) => {
  it('should insert many rows in one statement, leaving generated ids to the database and reading back the same values', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => audit(i + 1));
    const { sql, params } = insertRows(db.dataSource, AuditEventEntity, rows);
    await db.dataSource.query(sql, params);
    const stored = await db.dataSource.getRepository(AuditEventEntity).find({ order: { id: 'ASC' } });
    expect(stored).toHaveLength(300);
    expect(new Set(stored.map((r) => r.id)).size).toBe(300);
    expect(stored[6]).toMatchObject({ at, actor: 'actor-7', target: 'public/DEFAULT_GROUP/数据-7', namespaceId: 'public', details: { version: 7, ok: true, note: null } });
    expect(stored[7].namespaceId).toBeNull();
  });

  it.skipIf(db.type === 'mysql')('should insert new heads and update existing ones only where the guard holds', async () => {
    const upsert = (rows: ConfigEntity[]) => upsertRowsWhere(db.dataSource, ConfigEntity, rows, `${db.dataSource.driver.escape('configs')}.${db.dataSource.driver.escape('version')} = excluded.${db.dataSource.driver.escape('version')} - 1`);
    const first = upsert([head('a', 1, 'a1'), head('b', 1, 'b1')]);
    expect(first.changes).toBe(2);
    await db.dataSource.query(first.sql, first.params);
    // b is offered version 3 over its stored 1: refused; a moves from 1 to 2.
    const second = upsert([head('a', 2, 'a2'), head('b', 3, 'b3')]);
    await db.dataSource.query(second.sql, second.params);
    const stored = await db.dataSource.getRepository(ConfigEntity).find({ order: { dataId: 'ASC' } });
    expect(stored.map((r) => [r.dataId, r.version, r.content, r.tags])).toEqual([
      ['a', 2, 'a2', ['a', 'ü']],
      ['b', 1, 'b1', ['a', 'ü']],
    ]);
  });
});
