import type { DataSource } from 'typeorm';
import { columnKindsOf, type ColumnKind } from './backup-values';

export type DatabaseType = 'sqlite' | 'postgres' | 'mysql';

export interface BackupTable {
  name: string;
  primaryKey: string[]; // column names, the order rows are read in
  kinds: Map<string, ColumnKind>;
}

// Every table of the app's entities (each area registers its own), so a table added later is
// backed up without a change here. Views and single-table-inheritance children have no rows of
// their own. Sorted by name: the same file for the same data.
export function backupTablesOf(dataSource: DataSource): BackupTable[] {
  const tables = new Map<string, BackupTable>();
  for (const metadata of dataSource.entityMetadatas) {
    if (metadata.tableType === 'view' || metadata.tableType === 'entity-child' || tables.has(metadata.tableName)) continue;
    tables.set(metadata.tableName, { name: metadata.tableName, primaryKey: metadata.primaryColumns.map((c) => c.databaseName), kinds: columnKindsOf(metadata) });
  }
  return [...tables.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function databaseTypeOf(dataSource: DataSource): DatabaseType {
  const type = dataSource.options.type;
  if (type === 'sqlite' || type === 'postgres' || type === 'mysql') return type;
  throw new Error(`backup and restore support sqlite, postgres and mysql, not ${type}`);
}

// Identifiers and placeholders as this database writes them. A PostgreSQL table lives in the
// configured schema (DB_SCHEMA); MySQL's and SQLite's in the connection's database.
export class SqlDialect {
  readonly type: DatabaseType;
  private readonly schema: string | undefined;

  constructor(private readonly dataSource: DataSource) {
    this.type = databaseTypeOf(dataSource);
    this.schema = this.type === 'postgres' ? ((dataSource.options as { schema?: string }).schema ?? 'public') : undefined;
  }

  id(name: string): string {
    return this.dataSource.driver.escape(name);
  }

  table(name: string): string {
    return this.schema ? `${this.id(this.schema)}.${this.id(name)}` : this.id(name);
  }

  // The n-th (from 1) parameter of a statement.
  param(n: number): string {
    return this.type === 'postgres' ? `$${n}` : '?';
  }

  // A page of a table in primary-key order, after the key `after` (keyset paging: each page
  // is an index range scan, however deep into the table).
  pageQuery(table: BackupTable, after: unknown[] | undefined, limit: number): string {
    const key = table.primaryKey.map((c) => this.id(c));
    const where = after ? ` WHERE (${key.join(', ')}) > (${key.map((_c, i) => this.param(i + 1)).join(', ')})` : '';
    return `SELECT * FROM ${this.table(table.name)}${where} ORDER BY ${key.join(', ')} LIMIT ${Math.trunc(limit)}`;
  }

  // A statement finding the table in this database (one row if it exists).
  tableExists(name: string): { sql: string; params: unknown[] } {
    switch (this.type) {
      case 'postgres':
        return { sql: 'SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', params: [this.schema, name] };
      case 'mysql':
        return { sql: 'SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?', params: [name] };
      case 'sqlite':
        return { sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", params: [name] };
    }
  }

  get postgresSchema(): string | undefined {
    return this.schema;
  }

  migrationsTableName(): string {
    return this.dataSource.options.migrationsTableName ?? 'migrations';
  }

  migrationsTable(): string {
    return this.table(this.migrationsTableName());
  }
}
