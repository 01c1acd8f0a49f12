import type { PermissionAction } from '@switchboard/shared';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { epochMillis } from '../../database/columns';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) username: string;
  @Column({ name: 'password_hash', type: 'varchar', length: 100 }) passwordHash: string;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMillis }) createdAt: Date;
}

@Entity({ name: 'role_bindings' })
export class RoleBindingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) role: string;
  @PrimaryColumn({ type: 'varchar', length: 64 }) username: string;
}

@Entity({ name: 'permissions' })
export class PermissionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) role: string;
  @PrimaryColumn({ name: 'namespace_id', type: 'varchar', length: 128 }) namespaceId: string;
  @PrimaryColumn({ type: 'varchar', length: 8 }) action: PermissionAction;
}

// Personal access tokens: only a SHA-256 of the secret is stored.
@Entity({ name: 'access_tokens' })
export class AccessTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 64 }) username: string;
  @Column({ type: 'varchar', length: 128 }) name: string;
  @Column({ name: 'token_hash', type: 'varchar', length: 64 }) tokenHash: string;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMillis }) createdAt: Date;
  @Column({ name: 'expires_at', type: 'bigint', nullable: true, transformer: epochMillis }) expiresAt: Date | null;
  @Column({ name: 'last_used_at', type: 'bigint', nullable: true, transformer: epochMillis }) lastUsedAt: Date | null;
  // Granted by an administrator: publishes directly where review is required (automation).
  @Column({ name: 'publish_direct', type: 'boolean', default: false }) publishDirect: boolean;
}

@Entity({ name: 'audit_events' })
export class AuditEventEntity {
  @PrimaryGeneratedColumn('increment') id: number;
  @Column({ type: 'bigint', transformer: epochMillis }) at: Date;
  @Column({ type: 'varchar', length: 64 }) actor: string;
  @Column({ type: 'varchar', length: 64 }) action: string;
  @Column({ name: 'target_type', type: 'varchar', length: 32 }) targetType: string;
  @Column({ type: 'varchar', length: 600 }) target: string;
  @Column({ name: 'namespace_id', type: 'varchar', length: 128, nullable: true }) namespaceId: string | null;
  @Column({ name: 'source_ip', type: 'varchar', length: 64 }) sourceIp: string;
  @Column({ type: 'simple-json' }) details: Record<string, string | number | boolean | null>;
}
