import { describe, expect, it } from 'vitest';
import { batchScript, postgresLiteral, postgresScript, sqlLiteral } from './sql-literals';

describe('batchScript', () => {
  it('should write values as SQLite literals, check guarded counts, and give up on values it cannot carry', () => {
    expect([null, undefined, 12, -1.5, 10n, true, false, "a'b", Buffer.from([0, 255])].map(sqlLiteral)).toEqual(['NULL', 'NULL', '12', '-1.5', '10', '1', '0', "'a''b'", "X'00ff'"]);
    expect([Number.NaN, Infinity, 'nul\0', {}, new Date(0)].map(sqlLiteral)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(batchScript([{ sql: 'UPDATE t SET a = ? WHERE b = ?', params: ['x', 2], changes: 1 }])).toBe(
      "BEGIN;UPDATE t SET a = 'x' WHERE b = 2;SELECT CASE WHEN changes() = 1 THEN 1 ELSE json('refused') END;COMMIT;",
    );
    expect(batchScript([{ sql: 'UPDATE t SET a = ?', params: [] }])).toBeUndefined(); // placeholders and values disagree
  });
});

describe('postgresScript', () => {
  it('should write values as escape-string literals of unknown type, check guarded counts with a CTE, and give up on values it cannot carry', () => {
    expect([null, undefined, 12, -1.5, 10n, true, false, "a'b", 'back\\slash', ''].map(postgresLiteral)).toEqual(['NULL', 'NULL', "'12'", "'-1.5'", "'10'", 'TRUE', 'FALSE', "E'a''b'", "E'back\\\\slash'", "E''"]);
    expect([Number.NaN, 'nul\0', {}, Buffer.from([1])].map(postgresLiteral)).toEqual([undefined, undefined, undefined, undefined]);
    // A literal holding a placeholder's text is not read again.
    expect(postgresScript([{ sql: 'UPDATE t SET a = $1 WHERE b = $2', params: ['$2', 2], changes: 1 }, { sql: 'DELETE FROM u', params: [] }])).toBe(
      "WITH changed AS (UPDATE t SET a = E'$2' WHERE b = '2' RETURNING 1) SELECT 1 / (CASE WHEN count(*) = 1 THEN 1 ELSE 0 END) FROM changed;DELETE FROM u;",
    );
  });
});
