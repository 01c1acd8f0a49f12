import type { ClusterView } from '@switchboard/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMillis } from '../../database/columns';

@Entity({ name: 'services' })
export class ServiceEntity {
  @PrimaryColumn({ name: 'namespace_id', type: 'varchar', length: 128 })
  namespaceId: string;

  @PrimaryColumn({ name: 'group_name', type: 'varchar', length: 128 })
  groupName: string;

  @PrimaryColumn({ name: 'service_name', type: 'varchar', length: 256 })
  serviceName: string;

  @Column({ name: 'protect_threshold', type: 'double precision' })
  protectThreshold: number;

  @Column({ type: 'simple-json' })
  metadata: Record<string, string>;

  @Column({ type: 'simple-json' })
  clusters: ClusterView[];

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMillis })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMillis })
  updatedAt: Date;
}
