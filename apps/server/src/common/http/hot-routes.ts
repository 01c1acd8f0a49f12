import { performance } from 'node:perf_hooks';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { REQUEST_ID_HEADER } from '@switchboard/shared';
import type { Logger } from 'pino';
import { errorResponse } from './error-translation';
import { requestIdFor, SECURITY_HEADERS } from './http-hooks';
import { plainIp } from './client-ip';
import { requestLogged, type RequestLogMode } from '../../logging/request-log';

const SECURITY_HEADER_LIST: string[] = Object.entries(SECURITY_HEADERS).flat();
const FLAT_HEADERS = new WeakMap<Readonly<Record<string, string>>, string[]>();

export interface HotRequest {
  readonly params: Readonly<Record<string, string>>; // the query string (first value of a name)
  readonly headers: IncomingHttpHeaders;
  readonly ip: string; // the peer's address (plain IPv4 for IPv4 peers)
}

// A form route's request: the query and the form's parameters (the form wins), and a way to hear
// that the client went away (a held long poll).
export interface HotFormRequest extends HotRequest {
  readonly onClose: (listener: () => void) => void;
}

export interface HotAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>; // content-type included
  readonly body: string | Buffer;
}

// Answers the request, or undefined to leave it to the full pipeline (errors, unusual
// parameters, credentials not verified yet...).
export type HotHandler = (request: HotRequest) => HotAnswer | undefined;

// A route whose request carries a small urlencoded form (a Nacos publish, a long poll). Once its
// body is read the request cannot go back to the full pipeline, so such a handler answers
// everything, errors included: what it throws is rendered through the transport's error table,
// as the full pipeline's exception filter does.
export type HotFormHandler = (request: HotFormRequest) => Promise<HotAnswer>;

// Larger forms, or forms sent in chunks, take the full pipeline (and its body limit).
export const HOT_FORM_MAX_BYTES = 64 * 1024;

const FORM_TYPE = 'application/x-www-form-urlencoded';

// The duration series of each status a route answered, resolved once.
type Timings = Map<number, { observe(seconds: number): void }>;
type Route = { route: string; timings: Timings; answered?: { inc(): void } } & ({ handler: HotHandler; form?: undefined } | { form: HotFormHandler });

export interface HotRouteMetrics {
  requestSeries(method: string, route: string, statusCode: number): { observe(seconds: number): void };
  hotAnswerCounter(method: string, route: string): { inc(): void };
}

// Parsed query strings kept for reuse: a client asks for the same list or config with the same
// query over and over. Bounded; started again when full.
const QUERY_CACHE_SIZE = 4096;
const QUERY_CACHE_MAX_LENGTH = 2048;

// The few routes every client calls all the time (instance list, heartbeat, config get) are
// answered straight from the HTTP server's request event when the request is the common
// successful case, before the framework's routing, hooks, guards and serialisation: those cost
// several times the work of the answer itself (bench/PROFILE.md). A handler answers only what
// the full pipeline would answer the same way, with the same headers; anything else (an error,
// a body, credentials not verified yet, a proxy's X-Forwarded-For) falls through to it. Form
// routes (addForm) are the exception: see HotFormHandler.
@Injectable()
export class HotRoutes implements BeforeApplicationShutdown {
  private readonly routes = new Map<string, Route>();
  private readonly queries = new Map<string, Readonly<Record<string, string>>>();
  private closing = false;
  private metrics?: HotRouteMetrics;
  private logger?: Logger;
  private logRequests: RequestLogMode = 'errors';
  private trustsProxies = false;

  add(method: string, path: string, handler: HotHandler): void {
    this.routes.set(`${method} ${path}`, { route: path, handler, timings: new Map() });
  }

  addForm(method: string, path: string, form: HotFormHandler): void {
    this.routes.set(`${method} ${path}`, { route: path, form, timings: new Map() });
  }

  // Set once the application is built; until then every request takes the full pipeline.
  attach(metrics: HotRouteMetrics, logger: Logger, trustsProxies: boolean, logRequests: RequestLogMode): void {
    this.metrics = metrics;
    this.logger = logger;
    this.logRequests = logRequests;
    this.trustsProxies = trustsProxies;
  }

  // From shutdown on, the full pipeline answers (503 while closing).
  beforeApplicationShutdown(): void {
    this.closing = true;
  }

  tryAnswer(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.metrics || this.closing || this.routes.size === 0) return false;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const entry = this.routes.get(`${req.method} ${q < 0 ? url : url.slice(0, q)}`);
    if (!entry) return false;
    if (req.headers['transfer-encoding'] !== undefined) return false;
    if (this.trustsProxies && req.headers['x-forwarded-for'] !== undefined) return false;
    if (entry.form) return this.tryForm(req, res, entry, entry.form, q < 0 ? '' : url.slice(q + 1));
    if (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') return false;
    const started = performance.now();
    let answer: HotAnswer | undefined;
    try {
      answer = entry.handler({ params: this.query(q < 0 ? '' : url.slice(q + 1)), headers: req.headers, ip: plainIp(req.socket.remoteAddress ?? '') });
    } catch {
      return false;
    }
    if (!answer) return false;
    this.send(req, res, entry, requestIdFor(req), answer, started);
    return true;
  }

  // The parameters of a query string, parsed once while it keeps coming (handlers only read them).
  private query(text: string): Readonly<Record<string, string>> {
    const secret = passwordSegment(text);
    if (secret) return this.withPassword(text, secret[0], secret[1]);
    let params = this.queries.get(text);
    if (params) return params;
    params = Object.freeze(parseQuery(text));
    // A query carrying a password (Nacos clients may send one on every request) is not kept:
    // credentials are remembered only as hashes (AuthService).
    if (text.length <= QUERY_CACHE_MAX_LENGTH && !('password' in params)) {
      if (this.queries.size >= QUERY_CACHE_SIZE) this.queries.clear();
      this.queries.set(text, params);
    }
    return params;
  }

  // A query carrying a password (the npm client sends its credentials with every request): the
  // rest of the query is parsed once and kept as any query is; the password is decoded per
  // request and never kept. When the name is written another way (escaped), all is parsed anew.
  private withPassword(text: string, start: number, end: number): Readonly<Record<string, string>> {
    const password = decode(text.slice(start + PASSWORD_PREFIX.length, end), false);
    const rest = this.query(text.slice(0, start) + text.slice(end));
    if ('password' in rest) return Object.freeze(parseQuery(text));
    return Object.freeze({ ...rest, password });
  }

  private tryForm(req: IncomingMessage, res: ServerResponse, entry: Route, form: HotFormHandler, query: string): boolean {
    const length = Number(req.headers['content-length']);
    if (!(length > 0 && length <= HOT_FORM_MAX_BYTES)) return false;
    if (!isUtf8Form(req.headers['content-type'])) return false;
    const started = performance.now();
    const requestId = requestIdFor(req);
    const ip = plainIp(req.socket.remoteAddress ?? '');
    const chunks: Buffer[] = [];
    req.on('error', () => undefined); // an aborted upload: nothing to answer
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      // Form values win over query values of the same name, as the full pipeline merges them.
      const params = Object.assign(parseQuery(query, true), parseQuery(body.toString('utf8'), true));
      form({ params, headers: req.headers, ip, onClose: (listener) => res.once('close', listener) }).then(
        (answer) => this.send(req, res, entry, requestId, answer, started),
        (error: unknown) => this.send(req, res, entry, requestId, this.errorAnswer(req, entry.route, requestId, error), started),
      );
    });
    return true;
  }

  private errorAnswer(req: IncomingMessage, route: string, requestId: string, error: unknown): HotAnswer {
    const rendered = errorResponse(route, error, requestId, (err) => this.logger?.error({ reqId: requestId, err }, `unhandled error reqId=${requestId} ${req.method} ${route}: ${err.message}`));
    return { status: rendered.status, headers: { ...rendered.headers, 'content-type': rendered.contentType }, body: rendered.body };
  }

  private send(req: IncomingMessage, res: ServerResponse, entry: Route, requestId: string, answer: HotAnswer, started: number): void {
    // A client that went away (a held poll, a reset connection): nothing to write; the request
    // is still measured and logged, as the full pipeline does.
    if (res.destroyed) return this.measure(req, entry, requestId, answer.status, started, true);
    // A flat list of names and values, made once per answer's header object (answers are cached
    // or constant): no header object to build and walk per answer.
    let fixed = FLAT_HEADERS.get(answer.headers);
    if (!fixed) {
      fixed = SECURITY_HEADER_LIST.slice();
      for (const name in answer.headers) fixed.push(name, answer.headers[name]);
      FLAT_HEADERS.set(answer.headers, fixed);
    }
    const headers = fixed.concat(REQUEST_ID_HEADER, requestId, 'content-length', String(Buffer.byteLength(answer.body)));
    res.writeHead(answer.status, headers);
    res.end(answer.body);
    this.measure(req, entry, requestId, answer.status, started, false);
  }

  private measure(req: IncomingMessage, entry: Route, requestId: string, status: number, started: number, clientGone: boolean): void {
    const ms = performance.now() - started;
    let timing = entry.timings.get(status);
    if (!timing) entry.timings.set(status, (timing = this.metrics!.requestSeries(req.method!, entry.route, status)));
    timing.observe(ms / 1000);
    (entry.answered ??= this.metrics!.hotAnswerCounter(req.method!, entry.route)).inc();
    if ((clientGone || requestLogged(this.logRequests, status)) && this.logger?.isLevelEnabled('info')) {
      const fields = { reqId: requestId, method: req.method, route: entry.route, statusCode: status, durationMs: Math.round(ms * 100) / 100 };
      this.logger.info(clientGone ? { ...fields, clientGone } : fields, 'request completed');
    }
  }
}

const PASSWORD_PREFIX = 'password=';

// Where the one `password=` parameter of a query starts and ends; undefined when there is none,
// or more than one (the first would win: parsed as a whole).
function passwordSegment(text: string): [number, number] | undefined {
  let start = text.startsWith(PASSWORD_PREFIX) ? 0 : text.indexOf(`&${PASSWORD_PREFIX}`);
  if (start < 0) return undefined;
  if (start > 0) start += 1;
  if (text.includes(`&${PASSWORD_PREFIX}`, start)) return undefined;
  const end = text.indexOf('&', start);
  return [start, end < 0 ? text.length : end];
}

// An urlencoded form in UTF-8 (the default; another charset takes the full pipeline).
function isUtf8Form(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const semi = contentType.indexOf(';');
  if ((semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase() !== FORM_TYPE) return false;
  if (semi < 0) return true;
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType.slice(semi + 1));
  return !charset || charset[1].toLowerCase() === 'utf-8' || charset[1].toLowerCase() === 'utf8';
}

// The first value of each name, as the full pipeline's parameter merging takes it.
// `lenient`: a malformed escape is kept as written, as the full pipeline's parser keeps it
// (otherwise it throws, and a bodiless hot route leaves the request to the full pipeline).
export function parseQuery(query: string, lenient = false): Record<string, string> {
  const params: Record<string, string> = {};
  if (!query) return params;
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = decode(eq < 0 ? part : part.slice(0, eq), lenient);
    if (name in params) continue;
    params[name] = eq < 0 ? '' : decode(part.slice(eq + 1), lenient);
  }
  return params;
}

function decode(text: string, lenient: boolean): string {
  const plus = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  if (!plus.includes('%')) return plus;
  if (!lenient) return decodeURIComponent(plus);
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus;
  }
}
