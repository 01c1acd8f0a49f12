import { performance } from 'node:perf_hooks';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import { REQUEST_ID_HEADER } from '@switchboard/shared';
import type { Logger } from 'pino';
import { plainIp } from '../../auth/request-context';
import { requestIdFor, SECURITY_HEADERS } from './http-hooks';

const SECURITY_HEADER_LIST: string[] = Object.entries(SECURITY_HEADERS).flat();

export interface HotRequest {
  readonly params: Readonly<Record<string, string>>; // the query string (first value of a name)
  readonly headers: IncomingHttpHeaders;
  readonly ip: string; // the peer's address (plain IPv4 for IPv4 peers)
}

export interface HotAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>; // content-type included
  readonly body: string | Buffer;
}

// Answers the request, or undefined to leave it to the full pipeline (errors, unusual
// parameters, credentials not verified yet...).
export type HotHandler = (request: HotRequest) => HotAnswer | undefined;

export interface HotRouteMetrics {
  observeRequest(method: string, route: string, statusCode: number, seconds: number): void;
}

// The few routes every client calls all the time (instance list, heartbeat, config get) are
// answered straight from the HTTP server's request event when the request is the common
// successful case, before the framework's routing, hooks, guards and serialisation: those cost
// several times the work of the answer itself (bench/PROFILE.md). A handler answers only what
// the full pipeline would answer the same way, with the same headers; anything else (an error,
// a body, credentials not verified yet, a proxy's X-Forwarded-For) falls through to it.
@Injectable()
export class HotRoutes {
  private readonly routes = new Map<string, { route: string; handler: HotHandler }>();
  private metrics?: HotRouteMetrics;
  private logger?: Logger;
  private trustsProxies = false;

  add(method: string, path: string, handler: HotHandler): void {
    this.routes.set(`${method} ${path}`, { route: path, handler });
  }

  // Set once the application is built; until then every request takes the full pipeline.
  attach(metrics: HotRouteMetrics, logger: Logger, trustsProxies: boolean): void {
    this.metrics = metrics;
    this.logger = logger;
    this.trustsProxies = trustsProxies;
  }

  tryAnswer(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.metrics || this.routes.size === 0) return false;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const entry = this.routes.get(`${req.method} ${q < 0 ? url : url.slice(0, q)}`);
    if (!entry) return false;
    if (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') return false;
    if (req.headers['transfer-encoding'] !== undefined) return false;
    if (this.trustsProxies && req.headers['x-forwarded-for'] !== undefined) return false;
    const started = performance.now();
    let answer: HotAnswer | undefined;
    try {
      answer = entry.handler({ params: parseQuery(q < 0 ? '' : url.slice(q + 1)), headers: req.headers, ip: plainIp(req.socket.remoteAddress ?? '') });
    } catch {
      return false;
    }
    if (!answer) return false;
    const requestId = requestIdFor(req);
    // A flat list of names and values: no header object to build and walk per answer.
    const headers = SECURITY_HEADER_LIST.slice();
    for (const name in answer.headers) headers.push(name, answer.headers[name]);
    headers.push(REQUEST_ID_HEADER, requestId, 'content-length', String(Buffer.byteLength(answer.body)));
    res.writeHead(answer.status, headers);
    res.end(answer.body);
    const ms = performance.now() - started;
    this.metrics.observeRequest(req.method!, entry.route, answer.status, ms / 1000);
    if (this.logger?.isLevelEnabled('info')) {
      this.logger.info({ reqId: requestId, method: req.method, route: entry.route, statusCode: answer.status, durationMs: Math.round(ms * 100) / 100 }, 'request completed');
    }
    return true;
  }
}

// The first value of each name, as the full pipeline's parameter merging takes it.
export function parseQuery(query: string): Record<string, string> {
  const params: Record<string, string> = {};
  if (!query) return params;
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = decode(eq < 0 ? part : part.slice(0, eq));
    if (name in params) continue;
    params[name] = eq < 0 ? '' : decode(part.slice(eq + 1));
  }
  return params;
}

function decode(text: string): string {
  const plus = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  return plus.includes('%') ? decodeURIComponent(plus) : plus;
}
