import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

// Active canary releases (one row per config) and the log of every canary step.
export class CreateCanaries1764403200000 implements MigrationInterface {
  name = 'CreateCanaries1764403200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type === 'mysql';
    const binary = mysql ? 'utf8mb4_bin' : undefined;
    const longText = mysql ? 'longtext' : 'text';
    const keyColumns = (primary: boolean): TableColumnOptions[] =>
      [
        ['namespace_id', 128],
        ['group_name', 128],
        ['data_id', 256],
      ].map(([name, length]) => ({ name: String(name), type: 'varchar', length: String(length), isPrimary: primary, collation: binary }));
    await queryRunner.createTable(
      new Table({
        name: 'config_canaries',
        columns: [
          ...keyColumns(true),
          { name: 'canary_id', type: 'varchar', length: '40' },
          { name: 'revision', type: 'int' },
          { name: 'base_version', type: 'int' },
          { name: 'content', type: longText },
          { name: 'md5', type: 'varchar', length: '32' },
          { name: 'type', type: 'varchar', length: '16' },
          { name: 'target', type: longText },
          { name: 'plan', type: 'text', isNullable: true },
          { name: 'step', type: 'int', isNullable: true },
          { name: 'step_started_at', type: 'bigint', isNullable: true },
          { name: 'received', type: longText },
          { name: 'started_at', type: 'bigint' },
          { name: 'started_by', type: 'varchar', length: '128' },
          { name: 'updated_at', type: 'bigint' },
          { name: 'updated_by', type: 'varchar', length: '128' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'config_canary_events',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          ...keyColumns(false),
          { name: 'canary_id', type: 'varchar', length: '40' },
          { name: 'revision', type: 'int' },
          { name: 'action', type: 'varchar', length: '16' },
          { name: 'candidate_md5', type: 'varchar', length: '32' },
          { name: 'target', type: longText },
          { name: 'step', type: 'int', isNullable: true },
          { name: 'reason', type: 'varchar', length: '512', isNullable: true },
          { name: 'actor', type: 'varchar', length: '128' },
          { name: 'source_ip', type: 'varchar', length: '64' },
          { name: 'at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createIndex('config_canary_events', new TableIndex({ name: 'idx_config_canary_events_key', columnNames: ['namespace_id', 'group_name', 'data_id', 'id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('config_canary_events');
    await queryRunner.dropTable('config_canaries');
  }
}
