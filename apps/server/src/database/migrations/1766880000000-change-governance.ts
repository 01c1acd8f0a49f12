import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// Change governance: a namespace's review policy, the publish-direct right of access tokens, and
// change requests with their comments. Items (proposed contents) are LONGTEXT on MySQL.
export class ChangeGovernance1766880000000 implements MigrationInterface {
  name = 'ChangeGovernance1766880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const longText = queryRunner.connection.options.type === 'mysql' ? 'longtext' : 'text';
    await queryRunner.addColumns('namespaces', [
      new TableColumn({ name: 'review_mode', type: 'varchar', length: '16', default: "'off'" }),
      new TableColumn({ name: 'review_min_approvals', type: 'int', default: 1 }),
    ]);
    await queryRunner.addColumn('access_tokens', new TableColumn({ name: 'publish_direct', type: 'boolean', default: false }));
    await queryRunner.createTable(
      new Table({
        name: 'change_requests',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'namespace_id', type: 'varchar', length: '128' },
          { name: 'title', type: 'varchar', length: '256' },
          { name: 'description', type: 'text' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'author', type: 'varchar', length: '64' },
          { name: 'items', type: longText },
          { name: 'approvals', type: 'text' },
          { name: 'applied_versions', type: 'text' },
          { name: 'revision', type: 'int' },
          { name: 'created_at', type: 'bigint' },
          { name: 'updated_at', type: 'bigint' },
          { name: 'closed_by', type: 'varchar', length: '64', isNullable: true },
          { name: 'closed_at', type: 'bigint', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex('change_requests', new TableIndex({ name: 'idx_change_requests_ns_state', columnNames: ['namespace_id', 'state', 'updated_at'] }));
    await queryRunner.createTable(
      new Table({
        name: 'change_request_comments',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'request_id', type: 'varchar', length: '36' },
          { name: 'author', type: 'varchar', length: '64' },
          { name: 'body', type: 'text' },
          { name: 'at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createIndex('change_request_comments', new TableIndex({ name: 'idx_change_request_comments_request', columnNames: ['request_id', 'id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('change_request_comments');
    await queryRunner.dropTable('change_requests');
    await queryRunner.dropColumn('access_tokens', 'publish_direct');
    await queryRunner.dropColumn('namespaces', 'review_min_approvals');
    await queryRunner.dropColumn('namespaces', 'review_mode');
  }
}
