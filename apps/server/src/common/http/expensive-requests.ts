import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';
import { SETTINGS } from '../../settings/settings.module';
import type { Settings } from '../../settings/settings';
import { ConcurrencyLimiter } from '../concurrency-limiter';
import { DomainError } from '../errors/domain-error';
import { clientIpOf } from './client-ip';
import { DEVELOPMENT_PRINCIPAL, type Principal } from '../../identity/principal';

export type ExpensiveRequestKind = 'search' | 'export' | 'diff';

// Whose slots a request takes: the signed-in user's, or its address's when nobody is signed in
// (authentication off).
export function expensiveCallerKey(principal: Principal | undefined, ip: string): string {
  return principal && principal !== DEVELOPMENT_PRINCIPAL ? `user:${principal.username}` : `ip:${ip}`;
}

export function tooManyConcurrentRequests(limit: number): DomainError<'TOO_MANY_CONCURRENT_REQUESTS'> {
  return new DomainError(
    'TOO_MANY_CONCURRENT_REQUESTS',
    `too many concurrent requests: at most ${limit} config searches, exports and history diffs per caller at once (EXPENSIVE_REQUESTS_PER_CALLER); retry when one has finished`,
    { limit },
  );
}

// Config searches, exports and history diffs cost time and memory in proportion to the data, so
// each caller may have only a few in flight (EXPENSIVE_REQUESTS_PER_CALLER), whatever the transport.
// A slot is held until the answer has been written out or the connection closed (so an export
// read slowly keeps its slot, and its buffer), and is given back on errors as well.
@Injectable()
export class ExpensiveRequests {
  private readonly limiter: ConcurrencyLimiter;
  private readonly refused: Counter<'kind'>;

  constructor(@Inject(SETTINGS) settings: Settings, metrics: MetricsService) {
    const limiter = (this.limiter = new ConcurrencyLimiter(settings.limits.expensiveRequestsPerCaller));
    new Gauge({
      name: 'switchboard_expensive_requests_in_flight',
      help: 'Config searches, exports and history diffs in flight (each caller may hold EXPENSIVE_REQUESTS_PER_CALLER)',
      registers: [metrics.registry],
      collect() {
        this.set(limiter.inFlight());
      },
    });
    this.refused = new Counter({
      name: 'switchboard_expensive_requests_refused_total',
      help: 'Config searches, exports and history diffs refused with 429 because their caller had too many in flight',
      labelNames: ['kind'],
      registers: [metrics.registry],
    });
  }

  // Takes one of the caller's slots for this request, or throws TOO_MANY_CONCURRENT_REQUESTS.
  hold(request: FastifyRequest, reply: FastifyReply, kind: ExpensiveRequestKind): void {
    const release = this.limiter.tryAcquire(expensiveCallerKey(request.principal, clientIpOf(request)));
    if (!release) {
      this.refused.inc({ kind });
      throw tooManyConcurrentRequests(this.limiter.limit);
    }
    // 'close' follows the last byte written, an error answer, and a client that went away alike.
    if (reply.raw.closed || reply.raw.destroyed) release();
    else reply.raw.once('close', release);
  }
}
