import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

// Config head rows and their immutable versions. Content is LONGTEXT on MySQL (TEXT stops at
// 64 KB there; configs go up to the content limit, 10 MB by default).
export class CreateConfigCenter1764230400000 implements MigrationInterface {
  name = 'CreateConfigCenter1764230400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type === 'mysql';
    const binary = mysql ? 'utf8mb4_bin' : undefined;
    const longText = mysql ? 'longtext' : 'text';
    const key = (name: string, length: number): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isPrimary: true, collation: binary });
    const configKey = [key('namespace_id', 128), key('group_name', 128), key('data_id', 256)];
    await queryRunner.createTable(
      new Table({
        name: 'configs',
        columns: [
          ...configKey,
          { name: 'content', type: longText },
          { name: 'md5', type: 'varchar', length: '32' },
          { name: 'type', type: 'varchar', length: '16' },
          { name: 'app_name', type: 'varchar', length: '128' },
          { name: 'description', type: 'varchar', length: '1024' },
          { name: 'tags', type: 'text' },
          { name: 'json_schema', type: longText, isNullable: true },
          { name: 'version', type: 'int' },
          { name: 'deleted', type: 'boolean' },
          { name: 'created_at', type: 'bigint' },
          { name: 'created_by', type: 'varchar', length: '128' },
          { name: 'updated_at', type: 'bigint' },
          { name: 'updated_by', type: 'varchar', length: '128' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'config_versions',
        columns: [
          ...configKey,
          { name: 'version', type: 'int', isPrimary: true },
          { name: 'op', type: 'varchar', length: '16' },
          { name: 'content', type: longText },
          { name: 'md5', type: 'varchar', length: '32' },
          { name: 'size_bytes', type: 'int' },
          { name: 'type', type: 'varchar', length: '16' },
          { name: 'app_name', type: 'varchar', length: '128' },
          { name: 'author', type: 'varchar', length: '128' },
          { name: 'source_ip', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'bigint' },
        ],
      }),
    );
    // History of a namespace by time (retention, audit views).
    await queryRunner.createIndex('config_versions', new TableIndex({ name: 'idx_config_versions_ns_time', columnNames: ['namespace_id', 'created_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('config_versions');
    await queryRunner.dropTable('configs');
  }
}
