import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// The durable change feed of cluster mode (database/change-feed.ts) and its one-row counter.
export class CreateChangeFeed1765929600000 implements MigrationInterface {
  name = 'CreateChangeFeed1765929600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'change_feed',
        columns: [
          { name: 'seq', type: 'bigint', isPrimary: true },
          { name: 'area', type: 'varchar', length: '32' },
          { name: 'entry_key', type: 'text' },
          { name: 'node', type: 'varchar', length: '64' },
          { name: 'at_ms', type: 'bigint' },
        ],
      }),
    );
    // Trimming deletes by age.
    await queryRunner.createIndex('change_feed', new TableIndex({ name: 'idx_change_feed_at', columnNames: ['at_ms'] }));
    await queryRunner.createTable(
      new Table({
        name: 'change_feed_head',
        columns: [
          { name: 'id', type: 'int', isPrimary: true },
          { name: 'seq', type: 'bigint' },
        ],
      }),
    );
    const { driver, options } = queryRunner.connection;
    const schema = (options as { schema?: string }).schema;
    const head = (schema ? `${driver.escape(schema)}.` : '') + driver.escape('change_feed_head');
    await queryRunner.query(`INSERT INTO ${head} (id, seq) VALUES (1, 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('change_feed_head');
    await queryRunner.dropTable('change_feed');
  }
}
