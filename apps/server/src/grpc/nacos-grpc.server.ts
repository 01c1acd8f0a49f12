// The Nacos 2.x/3.x SDK transport: gRPC on GRPC_PORT (PORT + 1000 by default). Two services of
// a proto without package: unary `Request/request` (every client request) and
// `BiRequestStream/requestBiStream` (the connection: set up by the client's first message,
// then server pushes answered by the client). A client first asks ServerCheckRequest (answered
// with its connection id), opens the stream with ConnectionSetupRequest (labels, version,
// tenant), and from then on its unary requests are served; a request on a connection without a
// stream is refused with 301 (the SDK reconnects). Areas register the request types they serve
// (GrpcHandlers); this transport checks the caller's token and access as HTTP does, renders
// errors through its own table, measures and logs every request, probes silent connections,
// and on shutdown asks every client to move (ConnectResetRequest).
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import * as grpc from '@grpc/grpc-js';
import { Counter, Gauge } from 'prom-client';
import type { Logger } from 'pino';
import { checkRequirement } from '../auth/access-checks';
import { AuthService, type Credentials } from '../auth/auth.service';
import { Clock } from '../common/clock';
import { recogniseDomainError } from '../common/errors/domain-error';
import { DurationHistogram } from '../common/metrics/duration-histogram';
import { MetricsService } from '../common/metrics/metrics.service';
import { actorFor } from '../identity/actor';
import type { Principal } from '../identity/principal';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';
import { canaryTagsOf, GrpcConnection, type GrpcConnectionInfo } from './grpc-connection';
import { NACOS_GRPC_ERROR_CODES, NACOS_GRPC_PROTOCOL_ERRORS } from './grpc-error-table';
import { errorBody, GrpcHandlers, okBody, type GrpcFields, type GrpcHandler, type GrpcRequestContext } from './grpc-handlers';
import { decodePayload, encodePayload, type BodyParts, type NacosPayload } from './nacos-payload';
import { requestLogged } from '../logging/request-log';

const identity = (value: Buffer): Buffer => value;

// The two services, with payloads passed through as bytes: a malformed one is then answered by
// us, as a Nacos error, instead of failing the call.
const REQUEST_SERVICE: grpc.ServiceDefinition = {
  request: { path: '/Request/request', requestStream: false, responseStream: false, requestSerialize: identity, requestDeserialize: identity, responseSerialize: identity, responseDeserialize: identity },
};
const BI_STREAM_SERVICE: grpc.ServiceDefinition = {
  requestBiStream: { path: '/BiRequestStream/requestBiStream', requestStream: true, responseStream: true, requestSerialize: identity, requestDeserialize: identity, responseSerialize: identity, responseDeserialize: identity },
};

// What the server supports, as it tells a client that negotiates abilities (SetupAckRequest).
const SERVER_ABILITIES = { supportPersistentInstanceByGrpc: true };

// A connection that asked ServerCheck but has not opened its stream yet is forgotten after this.
const UNSET_UP_TTL_MS = 60_000;

type Json = Record<string, unknown>;

interface Peer {
  ip: string;
  port: number;
}

// `${ip}:${port}` as grpc-js reports it (IPv6 addresses unbracketed).
function parsePeer(peer: string): Peer {
  const at = peer.lastIndexOf(':');
  if (at < 0) return { ip: peer, port: 0 };
  const ip = peer.slice(0, at).replace(/^\[|\]$/g, '');
  return { ip: ip.startsWith('::ffff:') ? ip.slice(7) : ip, port: Number(peer.slice(at + 1)) || 0 };
}

// Failed answers are written as one text (errorBody); successes in parts.
const errorCodeOf = (body: string): number => Number(/"errorCode":(\d+)/.exec(body)?.[1] ?? 500);

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

@Injectable()
export class NacosGrpcServer implements OnModuleInit, OnModuleDestroy {
  private server?: grpc.Server;
  private logger?: Logger;
  private readonly connections = new Map<string, GrpcConnection>();
  private readonly byPeer = new Map<string, { id: string; atMs: number }>(); // by the transport's peer address
  private readonly awaiting = new Set<GrpcConnection>(); // connections with pushes waiting for their response
  private readonly closedListeners: ((connection: GrpcConnection) => void)[] = [];
  private readonly changeListeners: (() => void)[] = [];
  private pushSequence = 0;
  private stopping = false;
  private idleTimer?: NodeJS.Timeout;
  private readonly requestDuration = new DurationHistogram(
    'switchboard_grpc_request_duration_seconds',
    'Nacos gRPC request duration by request type and answer code (200, or the Nacos error code)',
    ['type', 'code'],
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  );
  private pushes?: Counter<'type' | 'result'>;
  private readonly pushCounters = new Map<string, { inc(): void }>();
  private pushTimer?: NodeJS.Timeout;
  private opened?: Counter;
  boundPort = 0;

  constructor(
    private readonly handlers: GrpcHandlers,
    private readonly auth: AuthService,
    private readonly metrics: MetricsService,
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  onModuleInit(): void {
    const registry = this.metrics.registry;
    registry.registerMetric(this.requestDuration as never);
    const connections = this.connections;
    new Gauge({
      name: 'switchboard_grpc_connections',
      help: 'Nacos SDK gRPC connections open on this node',
      registers: [registry],
      collect() {
        this.set(connections.size);
      },
    });
    this.opened = new Counter({ name: 'switchboard_grpc_connections_opened_total', help: 'Nacos SDK gRPC connections set up on this node', registers: [registry] });
    this.pushes = new Counter({
      name: 'switchboard_grpc_pushes_total',
      help: 'Server pushes to Nacos SDK gRPC clients by request type and result (acked, failed: not acknowledged in time or connection gone)',
      labelNames: ['type', 'result'],
      registers: [registry],
    });
  }

  onModuleDestroy(): void {
    clearInterval(this.idleTimer);
    clearInterval(this.pushTimer);
    this.server?.forceShutdown();
  }

  // Starts listening (start-up fails when the port is taken, as for HTTP).
  async listen(logger: Logger): Promise<void> {
    this.logger = logger;
    const { port, idleMs } = this.settings.grpc;
    if (port === 0) return;
    const limit = this.settings.http.bodyLimitBytes + 64 * 1024;
    // No channelz: nothing reads it, and it books every call.
    const server = new grpc.Server({ 'grpc.max_receive_message_length': limit, 'grpc.max_send_message_length': -1, 'grpc.enable_channelz': 0 });
    server.addService(REQUEST_SERVICE, { request: (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => void this.unary(call, callback) });
    server.addService(BI_STREAM_SERVICE, { requestBiStream: (call: grpc.ServerDuplexStream<Buffer, Buffer>) => this.stream(call) });
    const host = this.settings.http.host.includes(':') ? `[${this.settings.http.host}]` : this.settings.http.host;
    this.boundPort = await new Promise<number>((resolve, reject) => server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(new Error(`gRPC port ${port}: ${error.message}`)) : resolve(bound))));
    this.server = server;
    this.idleTimer = setInterval(() => this.probeIdle(), Math.min(5000, Math.max(100, Math.floor(idleMs / 2))));
    this.idleTimer.unref();
    // One timer for every push awaiting its response.
    this.pushTimer = setInterval(() => this.expirePushes(), Math.max(50, Math.min(500, Math.floor(this.settings.grpc.pushTimeoutMs / 4))));
    this.pushTimer.unref();
    logger.info({ grpcPort: this.boundPort }, 'nacos gRPC listening');
  }

  // Graceful stop: no new connections are set up; every client is asked to move elsewhere
  // (ConnectResetRequest) and given a moment to answer; then the streams close.
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.idleTimer);
    const server = this.server;
    if (!server) return;
    const nowMs = this.clock.now().getTime();
    const resets = [...this.connections.values()].map((connection) => connection.push({ type: 'ConnectResetRequest', body: { module: 'internal' } }, 1000, nowMs).catch(() => undefined));
    const expiry = setInterval(() => this.expirePushes(), 100);
    await Promise.all(resets);
    clearInterval(expiry);
    for (const connection of [...this.connections.values()]) this.close(connection);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, 2000);
      timer.unref();
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.server = undefined;
  }

  // A listener told when a connection closes (its instances, subscriptions and listens end).
  onClosed(listener: (connection: GrpcConnection) => void): () => void {
    this.closedListeners.push(listener);
    return () => this.closedListeners.splice(this.closedListeners.indexOf(listener), 1);
  }

  // A listener told when a connection opens or closes.
  onChanged(listener: () => void): () => void {
    this.changeListeners.push(listener);
    return () => this.changeListeners.splice(this.changeListeners.indexOf(listener), 1);
  }

  get(id: string): GrpcConnection | undefined {
    return this.connections.get(id);
  }

  list(): GrpcConnection[] {
    return [...this.connections.values()];
  }

  // Sends a push and counts its result; false when it was not acknowledged. A push to many
  // connections serialises its body once (JsonFields).
  push(connection: GrpcConnection, type: string, body: GrpcFields): Promise<boolean> {
    return connection.push({ type, body }, this.settings.grpc.pushTimeoutMs, Date.now()).then(
      () => this.countPush(type, 'acked'),
      () => this.countPush(type, 'failed'),
    );
  }

  private countPush(type: string, result: 'acked' | 'failed'): boolean {
    const key = `${type}|${result}`;
    let counter = this.pushCounters.get(key);
    if (!counter && this.pushes) this.pushCounters.set(key, (counter = this.pushes.labels(type, result)));
    counter?.inc();
    return result === 'acked';
  }

  private expirePushes(): void {
    const nowMs = Date.now();
    for (const connection of this.awaiting) if (!connection.expire(nowMs)) this.awaiting.delete(connection);
  }

  private nextRequestId = (): string => String(++this.pushSequence);

  private unary(call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>): void {
    const startedAt = process.hrtime.bigint();
    let payload: NacosPayload;
    try {
      payload = decodePayload(call.request);
    } catch {
      return this.answer(callback, startedAt, 'invalid', 'ErrorResponse', errorBody(undefined, NACOS_GRPC_PROTOCOL_ERRORS.invalidRequest, 'payload: must be a Nacos Payload message'));
    }
    const type = payload.type;
    const peer = call.getPeer();
    if (type === 'ServerCheckRequest') return this.answer(callback, startedAt, type, ...this.serverCheck(peer, payload));
    // As Nacos: an unknown type first, then a connection without a stream.
    const core = this.coreRequest(type);
    const handler = core ? undefined : this.handlers.get(type);
    // Request types are measured by name once known to be served: unknown ones together.
    if (!core && !handler) return this.answer(callback, startedAt, 'unknown', 'ErrorResponse', errorBody(undefined, NACOS_GRPC_PROTOCOL_ERRORS.noHandler, `type: no handler for request type "${type.slice(0, 100)}"`));
    const known = this.byPeer.get(peer);
    const connection = known && this.connections.get(known.id);
    if (!connection) return this.answer(callback, startedAt, type, 'ErrorResponse', errorBody(undefined, NACOS_GRPC_PROTOCOL_ERRORS.unregistered, 'Connection is unregistered.'));
    connection.touch(Date.now());
    if (payload.body.length > this.settings.http.bodyLimitBytes) {
      return this.answer(callback, startedAt, type, 'ErrorResponse', errorBody(undefined, NACOS_GRPC_ERROR_CODES.PAYLOAD_TOO_LARGE, `body: must be at most ${this.settings.http.bodyLimitBytes} bytes`));
    }
    let body: unknown;
    try {
      body = JSON.parse(payload.body.toString('utf8'));
    } catch {
      body = undefined;
    }
    if (!isObject(body)) return this.answer(callback, startedAt, type, 'ErrorResponse', errorBody(undefined, NACOS_GRPC_PROTOCOL_ERRORS.invalidRequest, `body: must be the JSON object of a ${type.slice(0, 100)}`));
    if (core) return this.answer(callback, startedAt, type, core[0], okBody(body.requestId, core[1]));
    // Synchronous unless the caller must be verified afresh or the handler waits for a commit.
    const answered = this.handle(handler!, body, payload, connection);
    if (answered instanceof Promise) void answered.then(([responseType, parts]) => this.answer(callback, startedAt, type, responseType, parts));
    else this.answer(callback, startedAt, type, answered[0], answered[1]);
  }

  // Requests the transport answers itself.
  private coreRequest(type: string): [string, Json] | undefined {
    switch (type) {
      case 'HealthCheckRequest':
        return ['HealthCheckResponse', {}];
      case 'ServerLoaderInfoRequest':
        return ['ServerLoaderInfoResponse', { loaderMetrics: { conCount: String(this.connections.size), sdkConCount: String(this.connections.size), load: '0', cpu: '0' } }];
      default:
        return undefined;
    }
  }

  private serverCheck(peer: string, payload: NacosPayload): [string, BodyParts | string] {
    let requestId: unknown;
    try {
      requestId = (JSON.parse(payload.body.toString('utf8')) as Json).requestId;
    } catch {
      requestId = undefined;
    }
    // As Nacos: a stopping server turns new clients away, so they pick another.
    if (this.stopping) return ['ErrorResponse', errorBody(requestId, 300, 'server is stopping')];
    const nowMs = this.clock.now().getTime();
    let known = this.byPeer.get(peer);
    if (!known) {
      const { ip, port } = parsePeer(peer);
      this.byPeer.set(peer, (known = { id: `${nowMs}_${ip}_${port}`, atMs: nowMs }));
    }
    return ['ServerCheckResponse', okBody(requestId, { connectionId: known.id, supportAbilityNegotiation: true })];
  }

  // The caller is checked as HTTP checks it (the token, from the cache when it was verified
  // lately, then the declared access); the handler's fields, or its error, in its response type.
  private handle(handler: GrpcHandler, body: Json, payload: NacosPayload, connection: GrpcConnection): [string, BodyParts | string] | Promise<[string, BodyParts | string]> {
    if (handler.access.kind === 'public') return this.run(handler, body, payload, connection, undefined);
    const headers = payload.headers;
    const authorization = headers.Authorization ?? headers.authorization;
    const credentials: Credentials = {
      bearer: authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() || undefined : undefined,
      accessToken: headers.accessToken || undefined,
      address: connection.info.remoteIp,
    };
    const principal = this.auth.authenticateCached(credentials);
    if (principal) return this.run(handler, body, payload, connection, principal);
    return this.auth.authenticate(credentials).then(
      (verified) => (verified ? this.run(handler, body, payload, connection, verified) : this.refused(handler, body)),
      (error: unknown) => this.failed(handler, body, connection, payload.type, error),
    );
  }

  private refused(handler: GrpcHandler, body: Json): [string, string] {
    return [handler.responseType, errorBody(body.requestId, NACOS_GRPC_ERROR_CODES.UNAUTHENTICATED, 'access denied: a valid accessToken header is required')];
  }

  private run(handler: GrpcHandler, body: Json, payload: NacosPayload, connection: GrpcConnection, principal: Principal | undefined): [string, BodyParts | string] | Promise<[string, BodyParts | string]> {
    try {
      if (principal) checkRequirement(principal, handler.access, { param: (name) => (typeof body[name] === 'string' ? body[name] : undefined), pathParam: () => undefined });
      const clientIp = payload.clientIp || connection.info.clientIp;
      const context: GrpcRequestContext = { connection, principal, actor: actorFor(principal, clientIp), clientIp, headers: payload.headers };
      const fields = handler.handle(body, context);
      if (fields instanceof Promise) {
        return fields.then(
          (resolved): [string, BodyParts] => [handler.responseType, okBody(body.requestId, resolved)],
          (error: unknown) => this.failed(handler, body, connection, payload.type, error),
        );
      }
      return [handler.responseType, okBody(body.requestId, fields)];
    } catch (error) {
      return this.failed(handler, body, connection, payload.type, error);
    }
  }

  private failed(handler: GrpcHandler, body: Json, connection: GrpcConnection, type: string, error: unknown): [string, string] {
    const domain = recogniseDomainError(error);
    if (domain) return [handler.responseType, errorBody(body.requestId, NACOS_GRPC_ERROR_CODES[domain.code], domain.message)];
    this.logger?.error({ err: error, connectionId: connection.id }, `unhandled error in gRPC ${type}: ${(error as Error).message}`);
    return [handler.responseType, errorBody(body.requestId, NACOS_GRPC_PROTOCOL_ERRORS.serverError, 'server error')];
  }

  // `type`: the request type as measured and logged ('invalid', 'unknown', or a served type).
  private answer(callback: grpc.sendUnaryData<Buffer>, startedAt: bigint, type: string, responseType: string, body: BodyParts | string): void {
    callback(null, encodePayload(responseType, body));
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    const code = typeof body === 'string' ? errorCodeOf(body) : 200;
    this.requestDuration.seriesOf(type, String(code)).observe(seconds);
    if (requestLogged(this.settings.log.requests, code) && this.logger?.isLevelEnabled('info')) this.logger.info({ transport: 'grpc', type, code, durationMs: Math.round(seconds * 1e5) / 100 }, 'request completed');
  }

  private stream(call: grpc.ServerDuplexStream<Buffer, Buffer>): void {
    const peerKey = call.getPeer();
    const peer = parsePeer(peerKey);
    let connection: GrpcConnection | undefined;
    const closed = () => {
      if (connection) this.close(connection);
    };
    call.on('data', (bytes: Buffer) => {
      let payload: NacosPayload;
      let body: unknown;
      try {
        payload = decodePayload(bytes);
        body = JSON.parse(payload.body.toString('utf8'));
      } catch {
        return; // not a message of the protocol: ignored, as Nacos does
      }
      if (!isObject(body)) return;
      if (connection) connection.touch(this.clock.now().getTime());
      if (payload.type === 'ConnectionSetupRequest') {
        if (connection || this.stopping) return;
        connection = this.setUp(call, peer, peerKey, payload, body);
        return;
      }
      if (connection && payload.type.endsWith('Response')) connection.answered(body);
    });
    // The client ended its side: ours ends with the connection (or at once, never set up).
    call.on('end', () => (connection ? closed() : call.end()));
    call.on('error', closed);
    call.on('cancelled', closed);
    call.on('close', closed);
  }

  private setUp(call: grpc.ServerDuplexStream<Buffer, Buffer>, peer: Peer, peerKey: string, payload: NacosPayload, body: Json): GrpcConnection {
    const nowMs = this.clock.now().getTime();
    const known = this.byPeer.get(peerKey);
    const id = known?.id ?? `${nowMs}_${peer.ip}_${peer.port}`;
    const replaced = this.connections.get(id);
    if (replaced) this.close(replaced); // a second stream on the same connection replaces the first
    this.byPeer.set(peerKey, { id, atMs: nowMs });
    const labels: Record<string, string> = {};
    if (isObject(body.labels)) for (const [key, value] of Object.entries(body.labels)) if (typeof value === 'string') labels[key] = value;
    const info: GrpcConnectionInfo = {
      id,
      clientIp: payload.clientIp || peer.ip,
      remoteIp: peer.ip,
      remotePort: peer.port,
      clientVersion: typeof body.clientVersion === 'string' ? body.clientVersion : '',
      labels,
      namespaceId: typeof body.tenant === 'string' && body.tenant ? body.tenant : 'public',
      connectedAtMs: nowMs,
      lastActiveMs: nowMs,
    };
    const connection = new GrpcConnection(info, peerKey, call, this.nextRequestId, canaryTagsOf(labels), (waiting) => this.awaiting.add(waiting));
    this.connections.set(id, connection);
    this.opened?.inc();
    for (const listener of this.changeListeners) listener();
    // The server's abilities, which a client that negotiates waits for before it goes on.
    connection.send({ type: 'SetupAckRequest', body: { abilityTable: SERVER_ABILITIES, module: 'internal' } });
    return connection;
  }

  // Closes the connection and releases what it held, once; a stream that was replaced by a
  // later one on the same transport connection (same id) leaves the later one alone.
  private close(connection: GrpcConnection): void {
    const id = connection.id;
    if (this.connections.get(id) !== connection) return connection.close();
    this.connections.delete(id);
    if (this.byPeer.get(connection.peer)?.id === id) this.byPeer.delete(connection.peer);
    this.awaiting.delete(connection);
    connection.close();
    for (const listener of [...this.closedListeners]) {
      try {
        listener(connection);
      } catch (error) {
        this.logger?.error({ err: error, connectionId: id }, `releasing gRPC connection ${id} failed: ${(error as Error).message}`);
      }
    }
    for (const listener of this.changeListeners) listener();
  }

  // Silent connections are asked whether their client is there; no answer closes them. Peers
  // that checked in without ever opening a stream are forgotten.
  private probeIdle(): void {
    const nowMs = this.clock.now().getTime();
    for (const connection of this.connections.values()) {
      if (nowMs - connection.info.lastActiveMs < this.settings.grpc.idleMs) continue;
      connection.touch(nowMs); // one probe at a time
      void this.push(connection, 'ClientDetectionRequest', { module: 'internal' }).then((answered) => {
        if (!answered) this.close(connection);
      });
    }
    for (const [peerKey, known] of this.byPeer) if (!this.connections.has(known.id) && nowMs - known.atMs > UNSET_UP_TTL_MS) this.byPeer.delete(peerKey);
  }
}
