import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

// Services and persistent instances. Names compare case-sensitively on every engine.
export class CreateRegistry1764144000000 implements MigrationInterface {
  name = 'CreateRegistry1764144000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type === 'mysql';
    const binary = mysql ? 'utf8mb4_bin' : undefined;
    const jsonText = mysql ? 'mediumtext' : 'text'; // MySQL TEXT stops at 64 KB
    const key = (name: string, length: number): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isPrimary: true, collation: binary });
    const serviceKey = [key('namespace_id', 128), key('group_name', 128), key('service_name', 256)];
    const times: TableColumnOptions[] = [
      { name: 'created_at', type: 'bigint' },
      { name: 'updated_at', type: 'bigint' },
    ];
    await queryRunner.createTable(
      new Table({
        name: 'services',
        columns: [
          ...serviceKey,
          { name: 'protect_threshold', type: 'double precision' },
          { name: 'metadata', type: jsonText },
          { name: 'clusters', type: jsonText },
          ...times,
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'persistent_instances',
        columns: [
          ...serviceKey,
          key('cluster_name', 64),
          key('ip', 128),
          { name: 'port', type: 'int', isPrimary: true },
          { name: 'weight', type: 'double precision' },
          { name: 'enabled', type: 'boolean' },
          { name: 'healthy', type: 'boolean' },
          { name: 'metadata', type: jsonText },
          { name: 'tags', type: jsonText },
          ...times,
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('persistent_instances');
    await queryRunner.dropTable('services');
  }
}
