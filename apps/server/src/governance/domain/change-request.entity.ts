import type { ChangeRequestState } from '@switchboard/shared';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { epochMillis } from '../../database/columns';
import type { ChangeApproval, ChangeItem } from './change-request.record';

@Entity({ name: 'change_requests' })
export class ChangeRequestEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'namespace_id', type: 'varchar', length: 128 }) namespaceId: string;
  @Column({ type: 'varchar', length: 256 }) title: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'varchar', length: 16 }) state: ChangeRequestState;
  @Column({ type: 'varchar', length: 64 }) author: string;
  @Column({ type: 'simple-json' }) items: ChangeItem[];
  @Column({ type: 'simple-json' }) approvals: ChangeApproval[];
  @Column({ name: 'applied_versions', type: 'simple-json' }) appliedVersions: { group: string; dataId: string; version: number }[];
  @Column({ type: 'int' }) revision: number;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMillis }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMillis }) updatedAt: Date;
  @Column({ name: 'closed_by', type: 'varchar', length: 64, nullable: true }) closedBy: string | null;
  @Column({ name: 'closed_at', type: 'bigint', nullable: true, transformer: epochMillis }) closedAt: Date | null;
}

@Entity({ name: 'change_request_comments' })
export class ChangeRequestCommentEntity {
  @PrimaryGeneratedColumn('increment') id: number;
  @Column({ name: 'request_id', type: 'varchar', length: 36 }) requestId: string;
  @Column({ type: 'varchar', length: 64 }) author: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'bigint', transformer: epochMillis }) at: Date;
}
