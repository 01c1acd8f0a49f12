import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { DatabaseWriter } from '../database/database-writer';
import { AccessTokenEntity, AuditEventEntity, PermissionEntity, RoleBindingEntity, UserEntity } from './domain/auth.entities';

@Injectable()
export class AuthRepository {
  readonly users: Repository<UserEntity>;
  readonly bindings: Repository<RoleBindingEntity>;
  readonly permissions: Repository<PermissionEntity>;
  readonly tokens: Repository<AccessTokenEntity>;
  readonly audit: Repository<AuditEventEntity>;

  constructor(
    dataSource: DataSource,
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

  async deleteUserCascade(username: string): Promise<void> {
    await this.writer.transaction(async (manager) => {
      await manager.delete(AccessTokenEntity, { username });
      await manager.delete(RoleBindingEntity, { username });
      await manager.delete(UserEntity, { username });
    });
  }
}
