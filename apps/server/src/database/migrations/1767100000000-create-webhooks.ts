import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// Webhook subscriptions and their delivery log. A delivery keeps its payload so a retry (also
// after a restart) sends the same bytes; LONGTEXT on MySQL, where TEXT stops at 64 KB.
export class CreateWebhooks1767100000000 implements MigrationInterface {
  name = 'CreateWebhooks1767100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type === 'mysql';
    const longText = mysql ? 'longtext' : 'text';
    await queryRunner.createTable(
      new Table({
        name: 'webhooks',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '128' },
          { name: 'url', type: 'varchar', length: '2048' },
          { name: 'events', type: 'text' },
          { name: 'namespace_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'enabled', type: 'boolean' },
          { name: 'secret', type: 'varchar', length: '256' },
          { name: 'created_at', type: 'bigint' },
          { name: 'updated_at', type: 'bigint' },
          { name: 'created_by', type: 'varchar', length: '128' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'webhook_id', type: 'varchar', length: '36' },
          { name: 'event_id', type: 'varchar', length: '36' },
          { name: 'event_type', type: 'varchar', length: '64' },
          { name: 'payload', type: longText },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'int' },
          { name: 'response_status', type: 'int', isNullable: true },
          { name: 'latency_ms', type: 'int', isNullable: true },
          { name: 'error', type: 'varchar', length: '512', isNullable: true },
          { name: 'node', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'bigint' },
          { name: 'last_attempt_at', type: 'bigint', isNullable: true },
          { name: 'next_attempt_at', type: 'bigint', isNullable: true },
        ],
      }),
    );
    // A hook's delivery log, newest first.
    await queryRunner.createIndex('webhook_deliveries', new TableIndex({ name: 'idx_webhook_deliveries_hook_time', columnNames: ['webhook_id', 'created_at'] }));
    // Deliveries still to send, read at start-up.
    await queryRunner.createIndex('webhook_deliveries', new TableIndex({ name: 'idx_webhook_deliveries_status', columnNames: ['status'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webhook_deliveries');
    await queryRunner.dropTable('webhooks');
  }
}
