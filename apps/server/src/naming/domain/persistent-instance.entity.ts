import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMillis } from '../../database/columns';

// Persistent (non-ephemeral) instances: stored, probed by the server, never expired by silence.
@Entity({ name: 'persistent_instances' })
export class PersistentInstanceEntity {
  @PrimaryColumn({ name: 'namespace_id', type: 'varchar', length: 128 })
  namespaceId: string;

  @PrimaryColumn({ name: 'group_name', type: 'varchar', length: 128 })
  groupName: string;

  @PrimaryColumn({ name: 'service_name', type: 'varchar', length: 256 })
  serviceName: string;

  @PrimaryColumn({ name: 'cluster_name', type: 'varchar', length: 64 })
  clusterName: string;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  ip: string;

  @PrimaryColumn({ type: 'int' })
  port: number;

  @Column({ type: 'double precision' })
  weight: number;

  @Column({ type: 'boolean' })
  enabled: boolean;

  @Column({ type: 'boolean' })
  healthy: boolean;

  @Column({ type: 'simple-json' })
  metadata: Record<string, string>;

  @Column({ type: 'simple-json' })
  tags: string[];

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMillis })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMillis })
  updatedAt: Date;
}
