import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import type { FeedEntry } from '../database/change-feed';
import { DatabaseWriter, type BatchStatement } from '../database/database-writer';
import { insertRows } from '../database/multi-row';
import { AccessTokenEntity, AuditEventEntity, PermissionEntity, RoleBindingEntity, UserEntity } from './domain/auth.entities';

const AUDIT_ROWS = 'audit-rows';
// Users, roles and permissions in the change feed (cluster mode): one key, the whole directory
// is reloaded.
export const DIRECTORY_FEED = 'auth';
const DIRECTORY_CHANGE: FeedEntry[] = [{ area: DIRECTORY_FEED, key: 'directory' }];
// 9 bound columns a row when a statement is sent with parameters: well under SQLite's limit.
const AUDIT_ROWS_PER_STATEMENT = 500;

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
    // Audit batches join the commit group of the changes they record (SQLite): no transaction
    // and fsync of their own, and the rows go to the database as literals of the group's script
    // rather than thousands of bound parameters converted on the main thread (bench/PROFILE.md).
    writer.registerBatchWriter(AUDIT_ROWS, (payloads) => {
      const rows = (payloads as AuditEventEntity[][]).flat();
      const statements: BatchStatement[] = [];
      for (let i = 0; i < rows.length; i += AUDIT_ROWS_PER_STATEMENT) statements.push(insertRows(dataSource, AuditEventEntity, rows.slice(i, i + AUDIT_ROWS_PER_STATEMENT)));
      return statements;
    });
  }

  // Every write through the database writer (serialised on SQLite).
  write<T>(work: () => Promise<T>): Promise<T> {
    return this.writer.write(work);
  }

  // A change of users, roles or permissions (what every node holds in memory).
  changeDirectory(work: (manager: EntityManager) => Promise<unknown>): Promise<void> {
    return this.writer.transaction(async (manager) => {
      await work(manager);
    }, undefined, DIRECTORY_CHANGE);
  }

  // One multi-row insert per batch of audit rows, written in the background.
  async insertAudit(rows: AuditEventEntity[]): Promise<void> {
    await this.writer.transaction(async (manager) => {
      const { sql, params } = insertRows(this.dataSource, AuditEventEntity, rows);
      await manager.query(sql, params);
    }, { kind: AUDIT_ROWS, payload: rows });
  }

  async deleteUserCascade(username: string): Promise<void> {
    await this.changeDirectory(async (manager) => {
      await manager.delete(AccessTokenEntity, { username });
      await manager.delete(RoleBindingEntity, { username });
      await manager.delete(UserEntity, { username });
    });
  }
}
