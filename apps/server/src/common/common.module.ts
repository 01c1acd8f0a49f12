import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { DomainEvents } from './events/domain-events';
import { ExpensiveRequests } from './http/expensive-requests';
import { HttpDrain } from './http/http-drain';
import { HotRoutes } from './http/hot-routes';
import { MetricsService } from './metrics/metrics.service';

// Infrastructure every area uses (the clock, the event bus, the metrics registry, the HTTP
// plumbing of hot routes, draining and expensive requests): global, so no area declares it.
@Global()
@Module({
  providers: [Clock, DomainEvents, MetricsService, HotRoutes, HttpDrain, ExpensiveRequests],
  exports: [Clock, DomainEvents, MetricsService, HotRoutes, HttpDrain, ExpensiveRequests],
})
export class CommonModule {}
