import { Module } from '@nestjs/common';
import { BackupModule } from './backup/backup.module';
import { EventLoopMonitorService } from './event-loop-monitor.service';
import { HealthController } from './health.controller';
import { NacosServerStateV3Controller } from './nacos-server-state-v3.controller';
import { Readiness } from './readiness';

// Liveness, readiness and /metrics, the event-loop monitor, and backups.
@Module({ imports: [BackupModule], controllers: [HealthController, NacosServerStateV3Controller], providers: [Readiness, EventLoopMonitorService], exports: [Readiness] })
export class OpsModule {}
