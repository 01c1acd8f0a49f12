import { Global, Module } from '@nestjs/common';
import { EventLoopMonitorService } from './event-loop-monitor.service';
import { HealthController } from './health.controller';
import { MetricsService } from './metrics.service';
import { Readiness } from './readiness';

@Global()
@Module({ controllers: [HealthController], providers: [MetricsService, Readiness, EventLoopMonitorService], exports: [MetricsService, Readiness] })
export class OpsModule {}
