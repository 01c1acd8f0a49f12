import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { MetricsService } from './metrics.service';
import { Readiness } from './readiness';

@Global()
@Module({ controllers: [HealthController], providers: [MetricsService, Readiness], exports: [MetricsService, Readiness] })
export class OpsModule {}
