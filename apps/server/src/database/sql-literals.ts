import type { BatchStatement } from './database-writer';

// Batch statements rendered as one SQL script per dialect, their values written in as literals:
// a group of batch statements then reaches the database in one trip (see DatabaseWriter).

// Longest script sent at once; larger groups take the statement-by-statement path.
const MAX_SCRIPT_CHARS = 32 * 1024 * 1024;

// SQLite: the whole transaction as one script (BEGIN, the statements, a check of each guarded
// statement's change count, COMMIT), or undefined when a value has no literal or it grows too long.
export function batchScript(statements: BatchStatement[]): string | undefined {
  let script = 'BEGIN;';
  for (const statement of statements) {
    const sql = withLiterals(statement, /\?/g, sqlLiteral);
    if (sql === undefined) return undefined;
    script += sql + ';';
    // A count that comes up short makes json() fail on a non-JSON text: the script stops there.
    if (statement.changes !== undefined) script += `SELECT CASE WHEN changes() = ${statement.changes} THEN 1 ELSE json('refused') END;`;
    if (script.length > MAX_SCRIPT_CHARS) return undefined;
  }
  return script + 'COMMIT;';
}

// A statement's text with its values written in as literals: each placeholder (`?`, taking the
// values in order, or `$n`, naming one) replaced in one pass over the statement's own text, so
// literals put in are never read again. Undefined when a value has no literal, or placeholders
// and values do not match one to one.
function withLiterals(statement: BatchStatement, placeholder: RegExp, literal: (value: unknown) => string | undefined): string | undefined {
  let used = 0;
  let unwritable = false;
  // Without a group in the pattern the second argument is the match's offset, not a number named.
  const sql = statement.sql.replace(placeholder, (_match, n: unknown) => {
    const text = literal(statement.params[typeof n === 'string' ? Number(n) - 1 : used]);
    used += 1;
    if (text === undefined) unwritable = true;
    return text ?? '';
  });
  return unwritable || used !== statement.params.length ? undefined : sql;
}

// PostgreSQL: a group made only of batch statements goes to the server as one simple query of
// several statements, their values written as literals. PostgreSQL runs such a query as one
// transaction (all of it commits, or none), so BEGIN and COMMIT are not sent: one round trip per
// group instead of a pooled connection's BEGIN, each statement (parsed, bound and executed),
// COMMIT. A guarded statement becomes a CTE whose count, when short, divides by zero, which fails
// the query and with it the transaction.
export function postgresScript(statements: BatchStatement[]): string | undefined {
  let script = '';
  for (const statement of statements) {
    const sql = withLiterals(statement, /\$(\d+)/g, postgresLiteral);
    if (sql === undefined) return undefined;
    script += statement.changes === undefined ? `${sql};` : `WITH changed AS (${sql} RETURNING 1) SELECT 1 / (CASE WHEN count(*) = ${statement.changes} THEN 1 ELSE 0 END) FROM changed;`;
    if (script.length > MAX_SCRIPT_CHARS) return undefined;
  }
  return script;
}

// A value as a PostgreSQL literal of unknown type, which the target column's type takes in: an
// escape string (E'…': a backslash and a quote doubled, whatever standard_conforming_strings is).
// Text cannot hold a NUL character in PostgreSQL; such a value keeps the bound-parameter path.
export function postgresLiteral(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'string':
      return value.includes('\0') ? undefined : `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
    case 'number':
      return Number.isFinite(value) ? `'${value}'` : undefined;
    case 'bigint':
      return `'${value}'`;
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    default:
      return undefined;
  }
}

// A value as an SQLite literal: text in single quotes (a quote doubled; SQLite has no other
// escapes), integers and reals, NULL, blobs in hex.
export function sqlLiteral(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'string':
      return value.includes('\0') ? undefined : `'${value.includes("'") ? value.replace(/'/g, "''") : value}'`;
    case 'number':
      return Number.isFinite(value) ? String(value) : undefined;
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? '1' : '0';
    default:
      return Buffer.isBuffer(value) ? `X'${value.toString('hex')}'` : undefined;
  }
}
