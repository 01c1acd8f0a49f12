import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { REQUEST_ID_HEADER } from '@switchboard/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestLogged, type RequestLogMode } from '../../logging/request-log';
import type { MetricsService } from '../metrics/metrics.service';
import { plainIp } from './client-ip';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

// Ids made here have a UUID's shape: random per process start, then a counter per request
// (unique without drawing random bytes for every request).
const ID_PREFIX = randomUUID().slice(0, 24);
let idCounter = 0;

// Keeps a caller's request id when it is safe to echo, otherwise makes one.
export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  if (typeof given === 'string' && SAFE_REQUEST_ID.test(given)) return given;
  idCounter++;
  return ID_PREFIX + idCounter.toString(16).padStart(12, '0');
}

// Security headers on every answer; the content security policy is the one the console passes
// (antd writes inline styles; scripts only from our origin; socket.io over the same origin).
export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
} as const;

// Request id on every answer, the duration histogram, and a JSON log line for the requests
// LOG_REQUESTS names (route pattern only: query strings may carry config content).
// The client's address is read when its connection is accepted (a socket keeps the address it
// has read once) and each request's when it arrives: a client may reset its connection while its
// request is still being handled, and the closed socket could no longer name its peer.
export function registerHttpHooks(fastify: FastifyInstance, metrics: MetricsService, logRequests: RequestLogMode): void {
  // Each request is measured and logged once: when its answer is written; for a client that
  // reset its connection while the answer was being written, when the connection closed; for one
  // that reset it before the answer started (a password still being checked), when the answer is
  // sent to the closed connection. Node reports neither of the last two answers finished.
  const completed = new WeakSet<FastifyRequest>();
  const complete = (request: FastifyRequest, reply: FastifyReply, clientGone: boolean) => {
    if (completed.has(request)) return;
    completed.add(request);
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.observeRequest(request.method, route, reply.statusCode, seconds);
    if (!requestLogged(logRequests, reply.statusCode) && !clientGone) return;
    const fields = { method: request.method, route, statusCode: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 100) / 100 };
    request.log.info(clientGone ? { ...fields, clientGone } : fields, 'request completed');
  };
  fastify.server.on('connection', (socket: Socket) => void socket.remoteAddress);
  fastify.decorateRequest('clientIp', '');
  fastify.addHook('onRequest', (request, reply, done) => {
    request.clientIp = plainIp(request.ip);
    void reply.header(REQUEST_ID_HEADER, request.id).headers(SECURITY_HEADERS);
    reply.raw.once('close', () => {
      if (reply.raw.headersSent) complete(request, reply, true);
    });
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (reply.raw.destroyed) complete(request, reply, true);
    done(null, payload);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    complete(request, reply, false);
    done();
  });
}

const CLIENT_ERROR_STATUS: Record<string, string> = {
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
};

// A request Node's parser could not read (bytes that are no HTTP, a header past the size limit,
// a request too slow) is answered with its status and no body, then the connection closes: its
// method is unknown, and a body after the headers would be read by a client that sent HEAD as the
// start of another answer.
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) socket.write(`HTTP/1.1 ${CLIENT_ERROR_STATUS[error.code ?? ''] ?? '400 Bad Request'}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  socket.destroy();
}
