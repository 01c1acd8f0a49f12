import 'reflect-metadata';
import { expect, it } from 'vitest';
import { AuditEventEntity } from '../auth/domain/auth.entities';
import { ConfigEntity } from '../config-center/domain/config.entity';
import { insertRows, upsertNextVersions } from './multi-row';
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

describeOnEachDatabase('multi-row statements', [AuditEventEntity, ConfigEntity], (db) => {
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

  it('should insert new heads and update existing ones only to their next version, counting what a refusal leaves short', async () => {
    const upsert = async (rows: ConfigEntity[]) => {
      const statement = upsertNextVersions(db.dataSource, ConfigEntity, rows, 'version');
      const result = await db.dataSource.createQueryRunner().query(statement.sql, statement.params, true);
      return { expected: statement.changes, affected: result.affected };
    };
    const first = await upsert([head('a', 1, 'a1'), head('b', 1, 'b1')]);
    expect(first.affected).toBe(first.expected);
    // a moves from 1 to 2; both rows offered as their next version: the count is the full one.
    expect(await upsert([head('a', 2, 'a2')])).toEqual({ expected: db.type === 'mysql' ? 2 : 1, affected: db.type === 'mysql' ? 2 : 1 });
    // b is offered version 3 over its stored 1: refused, and the count comes up short.
    const refused = await upsert([head('a', 3, 'a3'), head('b', 3, 'b3')]);
    expect(refused.affected).toBeLessThan(refused.expected!);
    const stored = await db.dataSource.getRepository(ConfigEntity).find({ order: { dataId: 'ASC' } });
    expect(stored.map((r) => [r.dataId, r.version, r.content, r.tags])).toEqual([
      ['a', 3, 'a3', ['a', 'ü']],
      ['b', 1, 'b1', ['a', 'ü']],
    ]);
  });
});
