import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { REQUEST_ID_HEADER } from '@switchboard/shared';
import type { FastifyInstance } from 'fastify';
import type { MetricsService } from '../../ops/metrics.service';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

// Keeps a caller's request id when it is safe to echo, otherwise makes one.
export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

// Request id on every answer, one JSON log line per request (route pattern only: query
// strings may carry config content), and the duration histogram.
export function registerHttpHooks(fastify: FastifyInstance, metrics: MetricsService): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.observeRequest(request.method, route, reply.statusCode, seconds);
    request.log.info({ method: request.method, route, statusCode: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 100) / 100 }, 'request completed');
    done();
  });
}
