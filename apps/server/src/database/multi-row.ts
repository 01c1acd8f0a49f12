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

// Inserts new rows and updates existing ones (by primary key) only where the offered row is the
// next version of the stored one (offered `versionColumn` = stored + 1). Rows the guard refuses
// are left unchanged, and `changes` is what the statement must report when none is refused, so
// a batch whose count comes up short fails.
// - SQLite and PostgreSQL: `ON CONFLICT … DO UPDATE … WHERE`; refused rows are not counted.
// - MySQL / MariaDB: `ON DUPLICATE KEY UPDATE` with each column set by the same condition, the
//   version last (assignments see the columns set before them). An inserted row counts 1 and an
//   updated one 2; a refused one 0 or 1 (the driver's found-rows flag), short either way. A new
//   row (version 1) refused because the head exists cannot be told from an insert by the count,
//   but its version row collides with the stored one in the same batch.
export function upsertNextVersions<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>, rows: readonly T[], versionColumn: string): BatchStatement {
  const { table, columns, names, params, values } = columnsAndValues(dataSource, target, rows);
  const escape = (name: string) => dataSource.driver.escape(name);
  const version = escape(versionColumn);
  const updated = names.filter((_, i) => !columns[i].isPrimary && columns[i].databaseName !== versionColumn);
  if (dataSource.options.type === 'mysql') {
    const next = `${version} = VALUES(${version}) - 1`;
    const sets = [...updated, version].map((name) => `${name} = IF(${next}, VALUES(${name}), ${name})`).join(', ');
    const newRows = rows.filter((row) => versionOf(dataSource, target, row, versionColumn) === 1).length;
    return { sql: `INSERT INTO ${table} (${names.join(', ')}) VALUES ${values} ON DUPLICATE KEY UPDATE ${sets}`, params, changes: newRows + 2 * (rows.length - newRows) };
  }
  const keys = names.filter((_, i) => columns[i].isPrimary);
  const sets = [...updated, version].map((name) => `${name} = excluded.${name}`).join(', ');
  // The stored row is named by its table's own name (without a schema).
  const stored = escape(dataSource.getMetadata(target).tableName);
  return {
    sql: `INSERT INTO ${table} (${names.join(', ')}) VALUES ${values} ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${sets} WHERE ${stored}.${version} = excluded.${version} - 1`,
    params,
    changes: rows.length,
  };
}

function versionOf<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>, row: T, versionColumn: string): unknown {
  return dataSource.getMetadata(target).columns.find((c) => c.databaseName === versionColumn)?.getEntityValue(row);
}
