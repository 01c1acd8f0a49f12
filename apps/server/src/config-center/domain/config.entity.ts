import type { ConfigType } from '@switchboard/shared';
import { Column, Entity } from 'typeorm';
import { epochMillis } from '../../database/columns';
import { ConfigKeyColumns } from './config-key.columns';

// The head row of a config: its current state. A delete keeps the row as a tombstone so version
// numbers keep increasing if the config is created again.
@Entity({ name: 'configs' })
export class ConfigEntity extends ConfigKeyColumns {
  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'varchar', length: 32 })
  md5: string;

  @Column({ type: 'varchar', length: 16 })
  type: ConfigType;

  @Column({ name: 'app_name', type: 'varchar', length: 128 })
  appName: string;

  @Column({ type: 'varchar', length: 1024 })
  description: string;

  @Column({ type: 'simple-json' })
  tags: string[];

  @Column({ name: 'json_schema', type: 'text', nullable: true })
  schema: string | null;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'boolean' })
  deleted: boolean;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMillis })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'varchar', length: 128 })
  createdBy: string;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMillis })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: 128 })
  updatedBy: string;
}
