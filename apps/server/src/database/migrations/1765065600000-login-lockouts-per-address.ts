import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

// Failed logins are counted per user and client address, in memory (a lock-out of one address
// must not lock the user out elsewhere): the per-user counter and lock-out columns go.
export class LoginLockoutsPerAddress1765065600000 implements MigrationInterface {
  name = 'LoginLockoutsPerAddress1765065600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('users', ['failed_logins', 'locked_until']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('users', [
      new TableColumn({ name: 'failed_logins', type: 'int', default: 0 }),
      new TableColumn({ name: 'locked_until', type: 'bigint', isNullable: true }),
    ]);
  }
}
