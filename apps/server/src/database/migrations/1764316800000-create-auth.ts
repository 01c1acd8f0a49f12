import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

// Users, role bindings, namespace permissions, personal access tokens and the audit trail.
export class CreateAuth1764316800000 implements MigrationInterface {
  name = 'CreateAuth1764316800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const binary = queryRunner.connection.options.type === 'mysql' ? 'utf8mb4_bin' : undefined;
    const key = (name: string, length: number): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isPrimary: true, collation: binary });
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          key('username', 64),
          { name: 'password_hash', type: 'varchar', length: '100' },
          { name: 'failed_logins', type: 'int' },
          { name: 'locked_until', type: 'bigint', isNullable: true },
          { name: 'created_at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createTable(new Table({ name: 'role_bindings', columns: [key('role', 64), key('username', 64)] }));
    await queryRunner.createTable(new Table({ name: 'permissions', columns: [key('role', 64), key('namespace_id', 128), key('action', 8)] }));
    await queryRunner.createTable(
      new Table({
        name: 'access_tokens',
        columns: [
          key('id', 36),
          { name: 'username', type: 'varchar', length: '64', collation: binary },
          { name: 'name', type: 'varchar', length: '128' },
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'bigint' },
          { name: 'expires_at', type: 'bigint', isNullable: true },
          { name: 'last_used_at', type: 'bigint', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex('access_tokens', new TableIndex({ name: 'idx_access_tokens_hash', columnNames: ['token_hash'], isUnique: true }));
    await queryRunner.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'at', type: 'bigint' },
          { name: 'actor', type: 'varchar', length: '64' },
          { name: 'action', type: 'varchar', length: '64' },
          { name: 'target_type', type: 'varchar', length: '32' },
          { name: 'target', type: 'varchar', length: '600' },
          { name: 'namespace_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'source_ip', type: 'varchar', length: '64' },
          { name: 'details', type: 'text' },
        ],
      }),
    );
    await queryRunner.createIndex('audit_events', new TableIndex({ name: 'idx_audit_events_at', columnNames: ['at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_events', 'access_tokens', 'permissions', 'role_bindings', 'users']) await queryRunner.dropTable(table);
  }
}
