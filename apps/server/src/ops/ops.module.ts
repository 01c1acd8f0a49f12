import { Module } from '@nestjs/common';
import { EventLoopMonitorService } from './event-loop-monitor.service';
import { HealthController } from './health.controller';
import { Readiness } from './readiness';

// Liveness, readiness and /metrics, and the event-loop monitor.
@Module({ controllers: [HealthController], providers: [Readiness, EventLoopMonitorService], exports: [Readiness] })
export class OpsModule {}
