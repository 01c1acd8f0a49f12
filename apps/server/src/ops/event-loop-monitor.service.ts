import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';
import { EventLoopMonitor } from './event-loop-monitor';
import { MetricsService } from '../common/metrics/metrics.service';

// The event-loop delay histogram on /metrics, and a warning in the log when the loop stalls
// longer than EVENT_LOOP_STALL_WARN_MS.
@Injectable()
export class EventLoopMonitorService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('EventLoop');
  private readonly monitor: EventLoopMonitor;

  constructor(@Inject(SETTINGS) settings: Settings, metrics: MetricsService) {
    this.monitor = new EventLoopMonitor({ stallWarnMs: settings.ops.eventLoopStallWarnMs, warn: (message) => this.logger.warn(message) });
    metrics.registry.registerMetric(this.monitor.metric as never);
  }

  onModuleInit(): void {
    this.monitor.start();
  }

  onApplicationShutdown(): void {
    this.monitor.stop();
  }
}
