import type { ConfigOp, ConfigType } from '@switchboard/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMillis } from '../../database/columns';
import { ConfigKeyColumns } from './config-key.columns';

// One immutable row per change, written in the same transaction as the head row.
@Entity({ name: 'config_versions' })
export class ConfigVersionEntity extends ConfigKeyColumns {
  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 16 })
  op: ConfigOp;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'varchar', length: 32 })
  md5: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @Column({ type: 'varchar', length: 16 })
  type: ConfigType;

  @Column({ name: 'app_name', type: 'varchar', length: 128 })
  appName: string;

  @Column({ type: 'varchar', length: 128 })
  author: string;

  @Column({ name: 'source_ip', type: 'varchar', length: 64 })
  sourceIp: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMillis })
  createdAt: Date;
}
