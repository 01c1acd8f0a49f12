import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { BatchStatement } from './database-writer';

// Multi-row statements built straight from the entities' mapping (column names, transformers,
// the driver's value conversion, quoting and placeholders): the ORM's query builder costs more
// per row than the statement itself once a batch holds hundreds of rows (bench/PROFILE.md).

function columnsAndValues<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>, rows: readonly T[]) {
  const metadata = dataSource.getMetadata(target);
  const driver = dataSource.driver;
  // Generated columns (auto-increment ids) are left to the database.
  const columns: ColumnMetadata[] = metadata.columns.filter((c) => !c.isGenerated);
  const params: unknown[] = [];
  const values: string[] = [];
  for (const row of rows) {
    const placeholders: string[] = [];
    for (const column of columns) {
      params.push(driver.preparePersistentValue(column.getEntityValue(row, true), column));
      placeholders.push(driver.createParameter(`p${params.length}`, params.length - 1));
    }
    values.push(`(${placeholders.join(', ')})`);
  }
  const names = columns.map((c) => driver.escape(c.databaseName));
  // The table path may carry a schema (PostgreSQL): each part is quoted on its own.
  const table = metadata.tablePath.split('.').map((part) => driver.escape(part)).join('.');
  return { table, columns, names, params, values: values.join(', ') };
}

export function insertRows<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>, rows: readonly T[]): BatchStatement {
  const { table, names, params, values } = columnsAndValues(dataSource, target, rows);
  return { sql: `INSERT INTO ${table} (${names.join(', ')}) VALUES ${values}`, params };
}

// Inserts new rows and updates existing ones (by primary key) only where `guard` holds for the
// stored row (`excluded` names the offered one): SQLite and PostgreSQL. Rows the guard refuses
// are left unchanged and not counted, so the statement must change every row or its batch fails.
export function upsertRowsWhere<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>, rows: readonly T[], guard: string): BatchStatement {
  const { table, columns, names, params, values } = columnsAndValues(dataSource, target, rows);
  const keys = names.filter((_, i) => columns[i].isPrimary);
  const updates = names
    .filter((_, i) => !columns[i].isPrimary)
    .map((name) => `${name} = excluded.${name}`)
    .join(', ');
  return {
    sql: `INSERT INTO ${table} (${names.join(', ')}) VALUES ${values} ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${updates} WHERE ${guard}`,
    params,
    changes: rows.length,
  };
}
