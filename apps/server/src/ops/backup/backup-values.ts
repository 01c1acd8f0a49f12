import type { ColumnType, EntityMetadata } from 'typeorm';

// How a column's raw driver value is written to a backup, where the drivers disagree: booleans
// come back as 0/1 from SQLite and MySQL, bigints as numbers from SQLite and strings elsewhere.
export type ColumnKind = 'boolean' | 'bigint' | 'decimal' | 'plain';

const BOOLEAN_TYPES = new Set(['boolean', 'bool']);
const BIGINT_TYPES = new Set(['bigint', 'int8']);
const DECIMAL_TYPES = new Set(['decimal', 'numeric', 'dec', 'fixed']);

export function columnKindOf(type: ColumnType): ColumnKind {
  if (type === Boolean) return 'boolean';
  if (typeof type !== 'string') return 'plain';
  const name = type.toLowerCase();
  if (BOOLEAN_TYPES.has(name)) return 'boolean';
  if (BIGINT_TYPES.has(name)) return 'bigint';
  if (DECIMAL_TYPES.has(name)) return 'decimal';
  return 'plain';
}

// The kinds of an entity's columns, by column name; a column the entity does not map (the
// table may hold more) is written as its value comes.
export function columnKindsOf(metadata: EntityMetadata): Map<string, ColumnKind> {
  return new Map(metadata.columns.map((c) => [c.databaseName, columnKindOf(c.type)]));
}

// One value as JSON: strings, finite numbers, booleans and null as they are; bigints and
// decimals as decimal strings (exact, whatever the source driver gave); binary, dates,
// non-finite numbers and structured values (a PostgreSQL json column) tagged.
export function encodeValue(value: unknown, kind: ColumnKind = 'plain'): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'boolean' && (typeof value === 'number' || typeof value === 'string')) return Number(value) !== 0;
  if ((kind === 'bigint' || kind === 'decimal') && (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string')) {
    return typeof value === 'number' && Number.isInteger(value) ? BigInt(value).toString() : String(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $number: String(value) };
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return { $binary: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (value instanceof Date) return { $date: value.toISOString() };
  return { $json: value };
}

export function encodeRow(raw: Record<string, unknown>, kinds: Map<string, ColumnKind>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(raw)) row[column] = encodeValue(value, kinds.get(column));
  return row;
}

// A value of a backup as the target's driver binds it. A bigint stays a decimal string, which
// every database converts exactly on insert; a boolean stays a boolean (the drivers write 1/0
// or true/false as their column wants).
export function decodeValue(value: unknown, target: 'sqlite' | 'postgres' | 'mysql'): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const tagged = value as { $binary?: string; $date?: string; $number?: string; $json?: unknown };
  if (typeof tagged.$binary === 'string') return Buffer.from(tagged.$binary, 'base64');
  if (typeof tagged.$date === 'string') {
    // TypeORM keeps SQLite dates as UTC text in this shape; the others bind a Date.
    return target === 'sqlite' ? tagged.$date.replace('T', ' ').replace('Z', '') : new Date(tagged.$date);
  }
  if (typeof tagged.$number === 'string') return Number(tagged.$number);
  if ('$json' in tagged) return JSON.stringify(tagged.$json);
  throw new Error(`unknown value in backup: ${JSON.stringify(value).slice(0, 100)}`);
}
