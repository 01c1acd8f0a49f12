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

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMillis })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMillis })
  updatedAt: Date;
}
