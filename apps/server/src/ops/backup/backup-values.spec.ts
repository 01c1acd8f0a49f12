import { describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../database/testing/test-databases';
import { SqlDialect } from './backup-tables';
import { columnKindOf, decodeValue, encodeRow, encodeValue } from './backup-values';

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const INSTANT = new Date('2025-02-03T04:05:06.789Z');

// Through JSON, as a backup file carries it.
function viaJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('backup values', () => {
  it('should write bigints and decimals as exact decimal strings, whatever the driver gave', () => {
    expect(encodeValue(1796597599943, 'bigint')).toBe('1796597599943');
    expect(encodeValue('9007199254740993', 'bigint')).toBe('9007199254740993');
    expect(encodeValue(9007199254740993n, 'plain')).toBe('9007199254740993');
    expect(encodeValue('12.50', 'decimal')).toBe('12.50');
    expect(columnKindOf('bigint')).toBe('bigint');
    expect(columnKindOf('double precision')).toBe('plain');
  });

  it('should write booleans as booleans, also from the 0/1 of SQLite and MySQL', () => {
    expect(encodeRow({ a: 1, b: 0, c: true, d: '1', e: null }, new Map([['a', 'boolean'], ['b', 'boolean'], ['c', 'boolean'], ['d', 'boolean'], ['e', 'boolean']]))).toEqual({ a: true, b: false, c: true, d: true, e: null });
    expect(columnKindOf(Boolean)).toBe('boolean');
  });

  it('should tag binary, dates, non-finite numbers and structured values, and give them back', () => {
    const binary = viaJson(encodeValue(ALL_BYTES));
    expect(binary).toEqual({ $binary: ALL_BYTES.toString('base64') });
    expect(Buffer.compare(decodeValue(binary, 'postgres') as Buffer, ALL_BYTES)).toBe(0);
    expect(viaJson(encodeValue(new Uint8Array([1, 2, 3])))).toEqual({ $binary: 'AQID' });

    const date = viaJson(encodeValue(INSTANT));
    expect(date).toEqual({ $date: '2025-02-03T04:05:06.789Z' });
    expect((decodeValue(date, 'mysql') as Date).getTime()).toBe(INSTANT.getTime());
    expect(decodeValue(date, 'sqlite')).toBe('2025-02-03 04:05:06.789');

    expect(decodeValue(viaJson(encodeValue(Number.POSITIVE_INFINITY)), 'postgres')).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(decodeValue(viaJson(encodeValue(Number.NaN)), 'postgres'))).toBe(true);
    expect(decodeValue(viaJson(encodeValue({ a: [1] })), 'postgres')).toBe('{"a":[1]}');
    // Plain JSON values pass as they are.
    for (const plain of ['text', 0.1, -3, true, null]) expect(decodeValue(viaJson(encodeValue(plain)), 'sqlite')).toBe(plain);
    expect(() => decodeValue({ $what: 1 }, 'sqlite')).toThrow(/unknown value/);
  });
});

// The app stores times as epoch-millisecond BIGINTs and has no binary column yet; a column of
// either kind added later must round-trip exactly on every database.
describeOnEachDatabase('backup values through the database', [], (handle) => {
  const columnTypes = { sqlite: ['BLOB', 'DATETIME'], postgres: ['BYTEA', 'TIMESTAMPTZ(3)'], mysql: ['LONGBLOB', 'DATETIME(3)'] } as const;

  it('should give back the same bytes, instant and bigint after a read, the JSON of a backup and an insert', async () => {
    const { dataSource, type } = handle;
    const sql = new SqlDialect(dataSource);
    const [binaryType, dateType] = columnTypes[type];
    const table = sql.table('bk_values');
    await dataSource.query(`CREATE TABLE ${table} (id INT PRIMARY KEY, b ${binaryType}, d ${dateType}, big BIGINT)`);
    // SQLite keeps dates as TypeORM writes them: UTC text.
    const date = type === 'sqlite' ? '2025-02-03 04:05:06.789' : INSTANT;
    await dataSource.query(`INSERT INTO ${table} (id, b, d, big) VALUES (1, ${sql.param(1)}, ${sql.param(2)}, ${sql.param(3)})`, [ALL_BYTES, date, '1796597599943']);

    const [raw] = (await dataSource.query(`SELECT * FROM ${table}`)) as Record<string, unknown>[];
    const line = viaJson(encodeRow(raw, new Map([['big', 'bigint']]))) as Record<string, unknown>;
    expect(line.b).toEqual({ $binary: ALL_BYTES.toString('base64') });
    expect(line.big).toBe('1796597599943');
    await dataSource.query(`INSERT INTO ${table} (id, b, d, big) VALUES (2, ${sql.param(1)}, ${sql.param(2)}, ${sql.param(3)})`, ['b', 'd', 'big'].map((c) => decodeValue(line[c], type)));

    const rows = (await dataSource.query(`SELECT * FROM ${table} ORDER BY id`)) as Record<string, unknown>[];
    expect(Buffer.compare(Buffer.from(rows[1].b as Uint8Array), ALL_BYTES)).toBe(0);
    expect(String(rows[1].big)).toBe('1796597599943');
    expect(rows[1].d instanceof Date ? rows[1].d.getTime() : rows[1].d).toEqual(rows[0].d instanceof Date ? rows[0].d.getTime() : rows[0].d);
  });
});
