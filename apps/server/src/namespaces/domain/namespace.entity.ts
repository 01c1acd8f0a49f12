import type { ReviewMode } from '@switchboard/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMillis } from '../../database/columns';

@Entity({ name: 'namespaces' })
export class NamespaceEntity {
  @PrimaryColumn({ name: 'namespace_id', type: 'varchar', length: 128 })
  namespaceId: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ type: 'varchar', length: 256, default: '' })
  description: string;

  @Column({ name: 'config_quota', type: 'int' })
  configQuota: number;

  // The review policy: `required` makes configs change only through approved change requests.
  @Column({ name: 'review_mode', type: 'varchar', length: 16, default: 'off' })
  reviewMode: ReviewMode;

  @Column({ name: 'review_min_approvals', type: 'int', default: 1 })
  reviewMinApprovals: number;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMillis })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMillis })
  updatedAt: Date;
}
