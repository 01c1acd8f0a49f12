import { Injectable } from '@nestjs/common';
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import { DurationHistogram, type DurationSeries } from './duration-histogram';

// Prometheus registry of this process: request durations by route and status, plus Node's
// process metrics (CPU, memory, event-loop lag gauges, GC). The event-loop delay histogram
// (switchboard_event_loop_delay_seconds) is registered by EventLoopMonitorService.
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly requestDuration = new DurationHistogram(
    'http_request_duration_seconds',
    'HTTP request duration by method, route pattern and status code',
    ['method', 'route', 'status_code'],
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  );

  // Requests answered before the framework's pipeline (common/http/hot-routes.ts): their share
  // of a route's requests says how much of the traffic takes the fast path.
  private readonly hotAnswers = new Counter({
    name: 'switchboard_http_hot_answers_total',
    help: 'HTTP requests answered on the hot path (before the framework), by method and route pattern',
    labelNames: ['method', 'route'] as const,
    registers: [],
  });

  constructor() {
    this.registry.registerMetric(this.requestDuration as never);
    this.registry.registerMetric(this.hotAnswers);
    collectDefaultMetrics({ register: this.registry });
  }

  // `route` is the route pattern (never the raw URL), so label cardinality stays bounded.
  observeRequest(method: string, route: string, statusCode: number, seconds: number): void {
    this.requestSeries(method, route, statusCode).observe(seconds);
  }

  // The series of one method, route and status, for a caller that keeps it (the hot routes).
  requestSeries(method: string, route: string, statusCode: number): DurationSeries {
    return this.requestDuration.seriesOf(method, route, String(statusCode));
  }

  // The counter of one hot route, for a caller that keeps it.
  hotAnswerCounter(method: string, route: string): { inc(): void } {
    return this.hotAnswers.labels(method, route);
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
