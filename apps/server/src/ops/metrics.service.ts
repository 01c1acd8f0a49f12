import { Injectable } from '@nestjs/common';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// Prometheus registry of this process: request durations by route and status, plus Node's
// process metrics (CPU, memory, event-loop lag, GC).
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  // Label sets seen so far: looking a child up by its label values costs more than observing.
  private readonly children = new Map<string, Histogram.Internal<'method' | 'route' | 'status_code'>>();

  // `route` is the route pattern (never the raw URL), so label cardinality stays bounded.
  observeRequest(method: string, route: string, statusCode: number, seconds: number): void {
    const id = `${method} ${statusCode} ${route}`;
    let child = this.children.get(id);
    if (!child) this.children.set(id, (child = this.requestDuration.labels(method, route, String(statusCode))));
    child.observe(seconds);
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
