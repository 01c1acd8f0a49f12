import type { CanaryAction, CanaryPlan, CanaryTarget, ConfigType } from '@switchboard/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { epochMillis } from '../../../database/columns';
import { ConfigKeyColumns } from '../../domain/config-key.columns';

// The active canary of a config (at most one; the row goes when it is promoted or aborted).
// A running plan's step and start time are here, so a restart resumes it.
@Entity({ name: 'config_canaries' })
export class ConfigCanaryEntity extends ConfigKeyColumns {
  @Column({ name: 'canary_id', type: 'varchar', length: 40 }) canaryId: string;
  @Column({ type: 'int' }) revision: number;
  @Column({ name: 'base_version', type: 'int' }) baseVersion: number;
  @Column({ type: 'text' }) content: string;
  @Column({ type: 'varchar', length: 32 }) md5: string;
  @Column({ type: 'varchar', length: 16 }) type: ConfigType;
  @Column({ type: 'simple-json' }) target: CanaryTarget;
  @Column({ type: 'simple-json', nullable: true }) plan: CanaryPlan | null;
  @Column({ type: 'int', nullable: true }) step: number | null;
  @Column({ name: 'step_started_at', type: 'bigint', nullable: true, transformer: epochMillis }) stepStartedAt: Date | null;
  @Column({ type: 'simple-json' }) received: string[];
  @Column({ name: 'started_at', type: 'bigint', transformer: epochMillis }) startedAt: Date;
  @Column({ name: 'started_by', type: 'varchar', length: 128 }) startedBy: string;
  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMillis }) updatedAt: Date;
  @Column({ name: 'updated_by', type: 'varchar', length: 128 }) updatedBy: string;
}

// Every step in the life of every canary, appended in the transaction of the change.
@Entity({ name: 'config_canary_events' })
@Index('idx_config_canary_events_key', ['namespaceId', 'group', 'dataId', 'id'])
export class ConfigCanaryEventEntity {
  @PrimaryGeneratedColumn('increment') id: number;
  @Column({ name: 'namespace_id', type: 'varchar', length: 128 }) namespaceId: string;
  @Column({ name: 'group_name', type: 'varchar', length: 128 }) group: string;
  @Column({ name: 'data_id', type: 'varchar', length: 256 }) dataId: string;
  @Column({ name: 'canary_id', type: 'varchar', length: 40 }) canaryId: string;
  @Column({ type: 'int' }) revision: number;
  @Column({ type: 'varchar', length: 16 }) action: CanaryAction;
  @Column({ name: 'candidate_md5', type: 'varchar', length: 32 }) candidateMd5: string;
  @Column({ type: 'simple-json' }) target: CanaryTarget;
  @Column({ type: 'int', nullable: true }) step: number | null;
  @Column({ type: 'varchar', length: 512, nullable: true }) reason: string | null;
  @Column({ type: 'varchar', length: 128 }) actor: string;
  @Column({ name: 'source_ip', type: 'varchar', length: 64 }) sourceIp: string;
  @Column({ type: 'bigint', transformer: epochMillis }) at: Date;
}
