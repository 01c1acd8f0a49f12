import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

// Portable DDL through TypeORM's Table API: the same migration runs on SQLite, PostgreSQL, MySQL.
export class CreateNamespaces1764057600000 implements MigrationInterface {
  name = 'CreateNamespaces1764057600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Ids compare case-sensitively everywhere (MySQL's default collation would not).
    const binary = queryRunner.connection.options.type === 'mysql' ? 'utf8mb4_bin' : undefined;
    await queryRunner.createTable(
      new Table({
        name: 'namespaces',
        columns: [
          { name: 'namespace_id', type: 'varchar', length: '128', isPrimary: true, collation: binary },
          { name: 'name', type: 'varchar', length: '128' },
          { name: 'description', type: 'varchar', length: '256', default: "''" },
          { name: 'config_quota', type: 'int' },
          { name: 'created_at', type: 'bigint' },
          { name: 'updated_at', type: 'bigint' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('namespaces');
  }
}
