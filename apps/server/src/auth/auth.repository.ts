import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { DatabaseWriter } from '../database/database-writer';
import { insertRows } from '../database/multi-row';
import { AccessTokenEntity, AuditEventEntity, PermissionEntity, RoleBindingEntity, UserEntity } from './domain/auth.entities';

@Injectable()
export class AuthRepository {
  readonly users: Repository<UserEntity>;
  readonly bindings: Repository<RoleBindingEntity>;
  readonly permissions: Repository<PermissionEntity>;
  readonly tokens: Repository<AccessTokenEntity>;
  readonly audit: Repository<AuditEventEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: DatabaseWriter,
  ) {
    this.users = dataSource.getRepository(UserEntity);
    this.bindings = dataSource.getRepository(RoleBindingEntity);
    this.permissions = dataSource.getRepository(PermissionEntity);
    this.tokens = dataSource.getRepository(AccessTokenEntity);
    this.audit = dataSource.getRepository(AuditEventEntity);
  }

  // Every write through the database writer (serialised on SQLite).
  write<T>(work: () => Promise<T>): Promise<T> {
    return this.writer.write(work);
  }

  // One multi-row insert per batch of audit rows, written in the background.
  async insertAudit(rows: AuditEventEntity[]): Promise<void> {
    const { sql, params } = insertRows(this.dataSource, AuditEventEntity, rows);
    await this.writer.write(() => this.dataSource.query(sql, params));
  }

  async deleteUserCascade(username: string): Promise<void> {
    await this.writer.transaction(async (manager) => {
      await manager.delete(AccessTokenEntity, { username });
      await manager.delete(RoleBindingEntity, { username });
      await manager.delete(UserEntity, { username });
    });
  }
}
