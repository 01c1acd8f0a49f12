// A Nacos gRPC client that talks to the server exactly as the Java SDK (2.x/3.x) does, for specs.
//
// The flow, as com.alibaba.nacos.common.remote.client.RpcClient / grpc.GrpcClient run it:
//   1. a new channel per connection; a unary ServerCheckRequest answered by
//      ServerCheckResponse{connectionId, supportAbilityNegotiation};
//   2. the bi-stream opened, ConnectionSetupRequest{clientVersion, labels, abilityTable, tenant}
//      as its first message; when the server negotiates abilities the client waits (5 s) for the
//      server's SetupAckRequest. The Java client does not answer that request, and gives the
//      connection up (and reconnects) when it never comes;
//   3. every other request is a unary call, its headers in `metadata.headers`;
//   4. server requests arrive on the bi-stream and are answered there with the matching
//      response carrying the request's requestId; unknown ones are not answered;
//   5. HealthCheckRequest when the connection has been idle (5 s), switching server on failure;
//   6. after a reconnect (ConnectResetRequest, the stream ending, an UN_REGISTER answer, a
//      failed health check) the naming redo (NamingGrpcRedoService, every 3 s) registers and
//      subscribes again, and the config worker (ClientWorker) listens again to every config.
// Whatever the client does is recorded (connections, setups, pushes, redo results) so a spec can
// wait for the fact it expects. Specs pass their own timings; defaults are the Java ones.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

// ---------------------------------------------------------------------------------------------
// Wire

export interface WireMetadata {
  type?: string;
  clientIp?: string;
  headers?: Record<string, string>;
}

export interface WirePayload {
  metadata?: WireMetadata;
  body?: { type_url?: string; value?: Buffer | Uint8Array };
}

const definition = protoLoader.loadSync(join(__dirname, 'nacos-grpc.proto'), { keepCase: true, longs: String, enums: String, defaults: false, oneofs: true });
const requestMethod = (definition.Request as grpc.ServiceDefinition).request as grpc.MethodDefinition<WirePayload, WirePayload>;
const biStreamMethod = (definition.BiRequestStream as grpc.ServiceDefinition).requestBiStream as grpc.MethodDefinition<WirePayload, WirePayload>;
export const REQUEST_PATH = requestMethod.path; // /Request/request
export const BI_STREAM_PATH = biStreamMethod.path; // /BiRequestStream/requestBiStream

export const encodePayload = (payload: WirePayload): Buffer => requestMethod.requestSerialize(payload);
export const decodePayload = (bytes: Buffer): WirePayload => requestMethod.responseDeserialize(bytes);

// A request or response as the Java client builds it: metadata.type, the reported address,
// the headers, the object as JSON (fields left undefined are left out, as Jackson's NON_NULL).
export function buildPayload(type: string, body: unknown, headers: Record<string, string> = {}, clientIp?: string): WirePayload {
  return { metadata: { type, ...(clientIp !== undefined ? { clientIp } : {}), headers }, body: { value: Buffer.from(JSON.stringify(body), 'utf8') } };
}

export function payloadText(payload: WirePayload): string {
  const value = payload.body?.value;
  return value ? Buffer.from(value).toString('utf8') : '';
}

// ---------------------------------------------------------------------------------------------
// Nacos objects

export interface NacosResponse {
  type: string; // metadata.type of the answer
  resultCode: number; // 200 success, 500 failure
  errorCode: number;
  message?: string;
  requestId?: string;
  success?: boolean;
  [field: string]: unknown;
}

export interface ServerCheckResponse extends NacosResponse {
  connectionId: string;
  supportAbilityNegotiation?: boolean;
}

export interface ConfigQueryResponse extends NacosResponse {
  content?: string;
  md5?: string;
  contentType?: string;
  encryptedDataKey?: string;
  lastModified?: number;
  beta?: boolean;
  tag?: string;
}

export interface ConfigContext {
  dataId: string;
  group: string;
  tenant?: string;
}

export interface ConfigListenContext extends ConfigContext {
  md5: string;
}

export interface ConfigChangeBatchListenResponse extends NacosResponse {
  changedConfigs?: ConfigContext[];
}

export interface NacosInstance {
  instanceId?: string;
  ip: string;
  port: number;
  weight?: number;
  healthy?: boolean;
  enabled?: boolean;
  ephemeral?: boolean;
  clusterName?: string;
  serviceName?: string;
  metadata?: Record<string, string>;
}

export interface ServiceInfo {
  name?: string;
  groupName?: string;
  clusters?: string;
  cacheMillis?: number;
  hosts?: (NacosInstance & Record<string, unknown>)[];
  lastRefTime?: number;
  checksum?: string;
  allIPs?: boolean;
  reachProtectionThreshold?: boolean;
  valid?: boolean;
}

export interface SubscribeServiceResponse extends NacosResponse {
  serviceInfo?: ServiceInfo;
}

export interface ServiceListResponse extends NacosResponse {
  count?: number;
  serviceNames?: string[];
}

// A request the server sent on the bi-stream.
export interface ServerPush {
  type: string;
  body: Record<string, unknown> & { requestId?: string };
  headers: Record<string, string>;
  connectionId: string; // the connection it arrived on
  answered: string | undefined; // the response type sent back, if any
  at: number;
}

// The outcome of one ConnectionSetupRequest.
export interface SetupRecord {
  connectionId: string;
  negotiated: boolean; // ServerCheckResponse.supportAbilityNegotiation
  ack: 'received' | 'timed-out' | 'not-negotiated' | 'stream-failed';
  abilityTable?: Record<string, boolean>;
  waitedMs: number; // from sending the setup to the ack (or to giving up)
}

export class NacosRequestError extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
    readonly response?: NacosResponse,
  ) {
    super(message);
  }
}

class SetupAckTimeout extends Error {}

// Error codes of com.alibaba.nacos.api.exception.NacosException the client acts on.
export const NACOS_CODES = { UN_REGISTER: 301, NO_HANDLER: 302, NO_RIGHT: 403, SERVER_ERROR: 500, BAD_GATEWAY: 502, CONFIG_NOT_FOUND: 300, CONFIG_QUERY_CONFLICT: 400 } as const;

// ---------------------------------------------------------------------------------------------
// Options

export interface GrpcServerAddress {
  host: string;
  port: number; // the gRPC port
  httpPort?: number; // the server's main port, which a ConnectResetRequest names
}

export interface NacosGrpcClientOptions {
  servers: GrpcServerAddress[]; // the server list; the first is tried first
  module: 'config' | 'naming';
  appName?: string; // AppNameUtils.getAppName(): 'unknown' unless set
  clientVersion?: string;
  clientIp?: string; // NetUtils.localIP(): the address the client reports in every payload
  tenant?: string; // the SDK's namespace: ConnectionSetupRequest.tenant and the requests' default
  labels?: Record<string, string>; // further connection labels (e.g. Vipserver-Tag)
  appLabels?: Record<string, string>; // sent prefixed with app_ (nacos.app.conn.labels)
  abilityTable?: Record<string, boolean>;
  // Credentials: logged in over HTTP (POST /nacos/v1/auth/login) at start and after a 403.
  httpBaseUrl?: string;
  username?: string;
  password?: string;
  accessToken?: string;
  // Timings (Java defaults).
  serverCheckTimeoutMs?: number; // 3000
  capabilityNegotiationTimeoutMs?: number; // 5000
  requestTimeoutMs?: number; // 3000
  retryTimes?: number; // 3
  keepAliveMs?: number; // 5000: health check after this idle time; 0 turns it off
  redoDelayMs?: number; // 3000: the naming redo task's period
  configListenIntervalMs?: number; // 5000: the config worker's poll
  startTimeoutMs?: number; // how long start() keeps trying (the Java client never gives up)
  // What to do when a negotiating server never sends SetupAckRequest: 'reconnect' is the Java
  // client (it abandons the connection); 'proceed' keeps it.
  onSetupAckTimeout?: 'reconnect' | 'proceed';
  answerSetupAck?: boolean; // the Java client does not answer SetupAckRequest
  followConfigPushes?: boolean; // ClientWorker: on a push, listen again and query (notify=true)
  unansweredPushes?: string[]; // push types left unanswered (a hung client), recorded all the same
  maxInboundMessageBytes?: number; // 10 MB
}

interface ResolvedOptions extends Required<Omit<NacosGrpcClientOptions, 'tenant' | 'httpBaseUrl' | 'username' | 'password' | 'accessToken' | 'abilityTable'>> {
  tenant?: string;
  httpBaseUrl?: string;
  username?: string;
  password?: string;
  accessToken?: string;
  abilityTable: Record<string, boolean>;
}

// ---------------------------------------------------------------------------------------------
// Redo records (NamingGrpcRedoService's RedoData: registered / unregistering / expected)

interface RedoState {
  registered: boolean;
  unregistering: boolean;
  expectedRegistered: boolean;
}

type RedoType = 'none' | 'register' | 'unregister' | 'remove';

function redoTypeOf(state: RedoState): RedoType {
  if (state.registered && !state.unregistering) return state.expectedRegistered ? 'none' : 'unregister';
  if (state.registered && state.unregistering) return 'unregister';
  if (!state.registered && !state.unregistering) return 'register';
  return state.expectedRegistered ? 'register' : 'remove';
}

interface InstanceRedo extends RedoState {
  namespace: string;
  serviceName: string;
  groupName: string;
  instance?: NacosInstance;
  instances?: NacosInstance[]; // a batch registration
}

interface SubscriberRedo extends RedoState {
  namespace: string;
  serviceName: string;
  groupName: string;
  clusters: string;
}

interface ConfigCache {
  dataId: string;
  group: string;
  tenant?: string;
  md5: string;
  content?: string;
  consistent: boolean; // CacheData.isConsistentWithServer
  notified: boolean; // CacheData.receiveNotifyChanged
  initializing: boolean;
}

export interface RedoRecord {
  kind: 'instance' | 'batch' | 'subscribe' | 'unsubscribe' | 'deregister' | 'config-listen';
  key: string;
  connectionId: string;
  response?: NacosResponse;
  error?: string;
}

const configKey = (c: ConfigContext) => `${c.dataId}+${c.group}+${c.tenant ?? ''}`;
const groupedName = (serviceName: string, groupName: string) => `${groupName}@@${serviceName}`;
const md5Hex = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

// ---------------------------------------------------------------------------------------------
// One connection: a channel, its bi-stream, the ids the server gave it.

class Connection {
  stream?: grpc.ClientDuplexStream<WirePayload, WirePayload>;
  connectionId = '';
  abandoned = false;
  closed = false;
  onSetupAck?: (table: Record<string, boolean>) => void;
  onStreamFailure?: (error: Error) => void;

  constructor(
    readonly server: GrpcServerAddress,
    readonly channel: grpc.Client,
  ) {}

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.stream?.end();
      this.stream?.cancel();
    } catch {
      // already gone
    }
    this.channel.close();
  }
}

type Waiter<T> = { match: (value: T) => boolean; resolve: (value: T) => void };

export class NacosGrpcClient extends EventEmitter {
  readonly options: ResolvedOptions;
  status: 'starting' | 'running' | 'unhealthy' | 'shutdown' = 'starting';
  accessToken: string | undefined;
  serverCheck: ServerCheckResponse | undefined; // of the current connection
  readonly connectionIds: string[] = []; // every connection adopted, in order
  readonly setups: SetupRecord[] = [];
  readonly pushes: ServerPush[] = [];
  readonly redoLog: RedoRecord[] = [];
  readonly logins: number[] = []; // times of HTTP logins
  private current: Connection | undefined;
  private serverIndex = 0;
  private lastActive = Date.now();
  private switching: { recommended?: GrpcServerAddress; onRequestFail: boolean; attempts: number; turns: number } | undefined;
  private timers = new Set<NodeJS.Timeout>();
  private intervals: NodeJS.Timeout[] = [];
  private readonly unconsumedPushes: ServerPush[] = [];
  private pushWaiters: Waiter<ServerPush>[] = [];
  private connectionWaiters: Waiter<number>[] = [];
  private readonly instances = new Map<string, InstanceRedo>();
  private readonly subscribers = new Map<string, SubscriberRedo>();
  private readonly configs = new Map<string, ConfigCache>();
  private configListenRunning: Promise<void> | undefined;
  private configListenAgain = false;
  private namingRedoRunning = false;

  private constructor(options: NacosGrpcClientOptions) {
    super();
    this.options = {
      appName: 'unknown',
      clientVersion: 'Nacos-Java-Client:v2.4.0',
      clientIp: '127.0.0.1',
      labels: {},
      appLabels: {},
      abilityTable: {},
      serverCheckTimeoutMs: 3000,
      capabilityNegotiationTimeoutMs: 5000,
      requestTimeoutMs: 3000,
      retryTimes: 3,
      keepAliveMs: 5000,
      redoDelayMs: 3000,
      configListenIntervalMs: 5000,
      startTimeoutMs: 20_000,
      onSetupAckTimeout: 'reconnect',
      answerSetupAck: false,
      followConfigPushes: true,
      unansweredPushes: [],
      maxInboundMessageBytes: 10 * 1024 * 1024,
      ...options,
    };
    this.accessToken = options.accessToken;
  }

  // Starts a client and resolves once it is connected (the Java client tries 3 times at once,
  // then keeps reconnecting in the background; start() waits for that, up to startTimeoutMs).
  static async start(options: NacosGrpcClientOptions): Promise<NacosGrpcClient> {
    const client = new NacosGrpcClient(options);
    try {
      await client.run();
    } catch (error) {
      client.close();
      throw error;
    }
    return client;
  }

  // Read afresh: the status changes while a method awaits.
  isShutdown(): boolean {
    return this.status === 'shutdown';
  }

  get connectionId(): string | undefined {
    return this.current?.connectionId;
  }

  get currentServer(): GrpcServerAddress | undefined {
    return this.current?.server;
  }

  // Labels of the ConnectionSetupRequest, as the config / naming clients build them.
  get labels(): Record<string, string> {
    const o = this.options;
    const base: Record<string, string> = { source: 'sdk', module: o.module };
    if (o.module === 'config') Object.assign(base, { AppName: o.appName, taskId: '0' });
    const app = Object.fromEntries(Object.entries(o.appLabels).map(([k, v]) => [`app_${k}`, v]));
    return { ...base, ...o.labels, ...app, 'tls.enable': 'false' };
  }

  private async run(): Promise<void> {
    if (this.options.username !== undefined && this.options.accessToken === undefined) await this.login();
    this.intervals.push(setInterval(() => void this.keepAliveTick(), Math.max(100, Math.min(this.options.keepAliveMs || 1000, 1000))));
    this.intervals.push(setInterval(() => void this.namingRedoTick(), this.options.redoDelayMs));
    this.intervals.push(setInterval(() => this.configListenTick(), this.options.configListenIntervalMs));
    for (const interval of this.intervals) interval.unref();
    let connection: Connection | undefined;
    for (let attempt = 0; attempt < this.options.retryTimes && !connection && this.status !== 'shutdown'; attempt++) {
      connection = await this.connectToServer(this.nextServer());
    }
    if (connection) this.adopt(connection);
    else this.switchServerAsync();
    await this.waitForConnections(1, this.options.startTimeoutMs);
  }

  // ---------------------------------------------------------------------------------------------
  // Connecting

  private nextServer(): GrpcServerAddress {
    const server = this.options.servers[this.serverIndex % this.options.servers.length];
    this.serverIndex++;
    return server;
  }

  private newChannel(server: GrpcServerAddress): grpc.Client {
    // A channel of its own, as the Java client builds a ManagedChannel per connection: grpc-js
    // would otherwise share one TCP connection between clients of the same address.
    return new grpc.Client(`${server.host}:${server.port}`, grpc.credentials.createInsecure(), {
      'grpc.use_local_subchannel_pool': 1,
      'grpc.max_receive_message_length': this.options.maxInboundMessageBytes,
      'grpc.max_send_message_length': -1,
    });
  }

  private unaryOn(channel: grpc.Client, payload: WirePayload, timeoutMs: number): Promise<WirePayload> {
    return new Promise((resolve, reject) => {
      channel.makeUnaryRequest(REQUEST_PATH, requestMethod.requestSerialize, requestMethod.responseDeserialize, payload, new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, (error, value) =>
        error || !value ? reject(error ?? new Error('empty answer')) : resolve(value),
      );
    });
  }

  // GrpcClient.connectToServer: undefined when this server cannot be used now.
  private async connectToServer(server: GrpcServerAddress): Promise<Connection | undefined> {
    const channel = this.newChannel(server);
    const connection = new Connection(server, channel);
    let check: NacosResponse;
    try {
      check = parseResponse(await this.unaryOn(channel, this.requestPayload('ServerCheckRequest', {}, {}), this.options.serverCheckTimeoutMs));
    } catch {
      connection.close();
      return undefined;
    }
    if (check.type !== 'ServerCheckResponse') {
      connection.close();
      return undefined;
    }
    const serverCheck = check as ServerCheckResponse;
    connection.connectionId = serverCheck.connectionId;
    const negotiated = serverCheck.supportAbilityNegotiation === true;

    const stream = channel.makeBidiStreamRequest(BI_STREAM_PATH, biStreamMethod.requestSerialize, biStreamMethod.responseDeserialize, new grpc.Metadata());
    connection.stream = stream;
    stream.on('data', (payload: WirePayload) => this.onServerPayload(connection, payload));
    const ended = (error?: Error) => {
      connection.onStreamFailure?.(error ?? new Error('stream completed'));
      this.onStreamEnded(connection, error);
    };
    stream.on('error', (error: Error) => ended(error));
    stream.on('end', () => ended());

    // RecAbilityContext: wait for the server's SetupAckRequest, at most the negotiation timeout.
    const ack = negotiated
      ? new Promise<Record<string, boolean>>((resolve, reject) => {
          const timer = this.timer(() => reject(new SetupAckTimeout('no SetupAckRequest')), this.options.capabilityNegotiationTimeoutMs);
          const settle = () => {
            clearTimeout(timer);
            this.timers.delete(timer);
          };
          connection.onSetupAck = (table) => {
            settle();
            resolve(table);
          };
          connection.onStreamFailure = (error) => {
            settle();
            reject(error);
          };
        })
      : undefined;
    const setupBody = {
      headers: {},
      clientVersion: this.options.clientVersion,
      labels: this.labels,
      abilityTable: this.options.abilityTable,
      tenant: this.options.tenant,
      module: 'internal',
    };
    const sentAt = Date.now();
    stream.write(buildPayload('ConnectionSetupRequest', setupBody, {}, this.options.clientIp));
    if (!ack) {
      this.setups.push({ connectionId: connection.connectionId, negotiated, ack: 'not-negotiated', waitedMs: 0 });
      this.serverCheck = serverCheck;
      return connection;
    }
    try {
      const table = await ack;
      this.setups.push({ connectionId: connection.connectionId, negotiated, ack: 'received', abilityTable: table, waitedMs: Date.now() - sentAt });
      this.emit('setup', this.setups.at(-1));
    } catch (error) {
      const timedOut = error instanceof SetupAckTimeout;
      this.setups.push({ connectionId: connection.connectionId, negotiated, ack: timedOut ? 'timed-out' : 'stream-failed', waitedMs: Date.now() - sentAt });
      this.emit('setup', this.setups.at(-1));
      if (!timedOut || this.options.onSetupAckTimeout === 'reconnect') {
        connection.abandoned = true;
        connection.close();
        return undefined;
      }
    } finally {
      connection.onSetupAck = undefined;
      connection.onStreamFailure = undefined;
    }
    this.serverCheck = serverCheck;
    return connection;
  }

  private adopt(connection: Connection): void {
    if (this.status === 'shutdown') {
      connection.close();
      return;
    }
    const previous = this.current;
    this.current = connection;
    this.status = 'running';
    this.lastActive = Date.now();
    this.connectionIds.push(connection.connectionId);
    if (previous && previous !== connection) {
      previous.abandoned = true;
      previous.close();
      this.onDisconnected();
    }
    this.onConnected();
    this.emit('connected', connection.connectionId);
    this.connectionWaiters = this.connectionWaiters.filter((w) => !(w.match(this.connectionIds.length) && (w.resolve(this.connectionIds.length), true)));
  }

  // RpcClient.switchServerAsync: one reconnect at a time; a signal while one runs is dropped.
  switchServerAsync(recommended?: GrpcServerAddress, onRequestFail = false): void {
    if (this.status === 'shutdown' || this.switching) return;
    this.switching = { recommended, onRequestFail, attempts: 0, turns: 0 };
    void this.reconnectStep();
  }

  private async reconnectStep(): Promise<void> {
    const context = this.switching;
    if (!context || this.status === 'shutdown') return;
    if (context.onRequestFail) {
      context.onRequestFail = false;
      if (await this.healthCheckOnce()) {
        this.status = 'running';
        this.switching = undefined;
        return;
      }
    }
    const server = context.recommended ?? this.nextServer();
    context.recommended = undefined;
    const connection = await this.connectToServer(server);
    if (this.isShutdown()) {
      connection?.close();
      return;
    }
    if (connection) {
      this.switching = undefined;
      this.adopt(connection);
      return;
    }
    if (context.attempts > 0 && context.attempts % this.options.servers.length === 0) context.turns++;
    context.attempts++;
    // First round 100 ms between servers, then 200 ms, ... at most 5 s.
    this.timer(() => void this.reconnectStep(), Math.min(context.turns + 1, 50) * 100);
  }

  private onStreamEnded(connection: Connection, error?: Error): void {
    this.emit('streamEnded', { connectionId: connection.connectionId, error: error?.message });
    if (connection !== this.current || connection.abandoned || this.status !== 'running') return;
    this.status = 'unhealthy';
    this.switchServerAsync();
  }

  // A ConnectResetRequest's server is used when its address is in the server list (Java takes
  // the list's port for that address); otherwise the next server of the list.
  private resetTarget(serverIp: unknown, serverPort: unknown): GrpcServerAddress | undefined {
    if (typeof serverIp !== 'string' || serverIp.trim() === '') return undefined;
    const port = Number(serverPort);
    const sameHost = this.options.servers.filter((s) => s.host === serverIp);
    return sameHost.find((s) => s.httpPort === port || s.port === port) ?? sameHost[0];
  }

  // ---------------------------------------------------------------------------------------------
  // Server requests on the bi-stream

  private onServerPayload(connection: Connection, payload: WirePayload): void {
    const type = payload.metadata?.type ?? '';
    let body: Record<string, unknown> & { requestId?: string };
    try {
      body = JSON.parse(payloadText(payload)) as typeof body;
    } catch {
      this.emit('badPush', payload);
      return;
    }
    const push: ServerPush = { type, body, headers: payload.metadata?.headers ?? {}, connectionId: connection.connectionId, answered: undefined, at: Date.now() };
    if (this.options.unansweredPushes.includes(type)) {
      this.recordPush(push);
      return;
    }
    if (type === 'SetupAckRequest') {
      connection.onSetupAck?.((body.abilityTable as Record<string, boolean> | undefined) ?? {});
      if (this.options.answerSetupAck) push.answered = this.answer(connection, 'SetupAckResponse', body.requestId);
      this.recordPush(push);
      return;
    }
    switch (type) {
      case 'ConnectResetRequest': {
        push.answered = this.answer(connection, 'ConnectResetResponse', body.requestId);
        if (this.status === 'running' && connection === this.current) this.switchServerAsync(this.resetTarget(body.serverIp, body.serverPort));
        break;
      }
      case 'ClientDetectionRequest':
        push.answered = this.answer(connection, 'ClientDetectionResponse', body.requestId);
        break;
      case 'ConfigChangeNotifyRequest':
        push.answered = this.answer(connection, 'ConfigChangeNotifyResponse', body.requestId);
        this.onConfigChanged(body as unknown as ConfigContext);
        break;
      case 'NotifySubscriberRequest':
        push.answered = this.answer(connection, 'NotifySubscriberResponse', body.requestId);
        break;
      default:
        // No handler: the Java client logs it and sends nothing back.
        break;
    }
    this.recordPush(push);
  }

  private answer(connection: Connection, type: string, requestId: string | undefined): string {
    // GrpcUtils.convert(Response): metadata carries only the type.
    const body = { resultCode: 200, errorCode: 0, requestId, success: true };
    connection.stream?.write({ metadata: { type }, body: { value: Buffer.from(JSON.stringify(body), 'utf8') } });
    return type;
  }

  private recordPush(push: ServerPush): void {
    this.pushes.push(push);
    this.emit('push', push);
    const waiter = this.pushWaiters.find((w) => w.match(push));
    if (waiter) {
      this.pushWaiters = this.pushWaiters.filter((w) => w !== waiter);
      waiter.resolve(push);
    } else {
      this.unconsumedPushes.push(push);
    }
  }

  // The first push of that type (matching the predicate) not yet taken by an earlier call:
  // one received before the call counts, so a spec can call it after the action.
  nextPush(type: string, predicate: (push: ServerPush) => boolean = () => true, timeoutMs = 5_000): Promise<ServerPush> {
    const match = (push: ServerPush) => push.type === type && predicate(push);
    const index = this.unconsumedPushes.findIndex(match);
    if (index >= 0) return Promise.resolve(this.unconsumedPushes.splice(index, 1)[0]);
    return new Promise((resolve, reject) => {
      const waiter: Waiter<ServerPush> = { match, resolve };
      const timer = setTimeout(() => {
        this.pushWaiters = this.pushWaiters.filter((w) => w !== waiter);
        reject(new Error(`no ${type} push within ${timeoutMs} ms (pushes seen: ${this.pushes.map((p) => p.type).join(', ') || 'none'})`));
      }, timeoutMs);
      waiter.resolve = (push) => {
        clearTimeout(timer);
        resolve(push);
      };
      this.pushWaiters.push(waiter);
    });
  }

  // Pushes of that type received so far (taken or not).
  pushesOf(type: string, predicate: (push: ServerPush) => boolean = () => true): ServerPush[] {
    return this.pushes.filter((p) => p.type === type && predicate(p));
  }

  // Resolves once the client has adopted `count` connections in all (1: started; 2: one reconnect).
  waitForConnections(count: number, timeoutMs = 10_000): Promise<number> {
    if (this.connectionIds.length >= count) return Promise.resolve(this.connectionIds.length);
    return new Promise((resolve, reject) => {
      const waiter: Waiter<number> = { match: (n) => n >= count, resolve };
      const timer = setTimeout(() => {
        this.connectionWaiters = this.connectionWaiters.filter((w) => w !== waiter);
        reject(new Error(`not ${count} connection(s) within ${timeoutMs} ms (${this.connectionIds.length}; setups: ${JSON.stringify(this.setups)})`));
      }, timeoutMs);
      waiter.resolve = (n) => {
        clearTimeout(timer);
        resolve(n);
      };
      this.connectionWaiters.push(waiter);
    });
  }

  // Resolves with the redo record matching the predicate, once one is logged.
  waitForRedo(predicate: (record: RedoRecord) => boolean, timeoutMs = 10_000): Promise<RedoRecord> {
    const found = this.redoLog.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const listener = (record: RedoRecord) => {
        if (!predicate(record)) return;
        clearTimeout(timer);
        this.off('redo', listener);
        resolve(record);
      };
      const timer = setTimeout(() => {
        this.off('redo', listener);
        reject(new Error(`no matching redo within ${timeoutMs} ms (redo log: ${JSON.stringify(this.redoLog.map((r) => [r.kind, r.key, r.response?.resultCode, r.error]))})`));
      }, timeoutMs);
      this.on('redo', listener);
    });
  }

  private logRedo(record: RedoRecord): void {
    this.redoLog.push(record);
    this.emit('redo', record);
  }

  // ---------------------------------------------------------------------------------------------
  // Requests

  private requestPayload(type: string, body: Record<string, unknown>, headers: Record<string, string>): WirePayload {
    // Request JSON as Jackson writes it: the (cleared) headers map, the fields, the module.
    return buildPayload(type, { headers: {}, ...body, module: body.module ?? moduleOf(type) }, headers, this.options.clientIp);
  }

  private headersFor(type: string): Record<string, string> {
    const module = moduleOf(type);
    const headers: Record<string, string> = {};
    if (module === 'config') {
      const ts = String(Date.now());
      Object.assign(headers, { 'Client-AppName': this.options.appName, 'Client-RequestTS': ts, 'Client-RequestToken': md5Hex(ts), exConfigInfo: 'true', charset: 'UTF-8' });
    } else if (module === 'naming') {
      headers.app = this.options.appName;
    }
    if (module !== 'internal' && this.accessToken) headers.accessToken = this.accessToken;
    return headers;
  }

  // RpcClient.request: up to retryTimes attempts within the timeout; an ErrorResponse is
  // retried (UN_REGISTER first switches server) and thrown at the end; other answers are
  // returned as they are (a 403 of a handler also logs in again, as the SDK's proxies do).
  async request<T extends NacosResponse = NacosResponse>(type: string, body: Record<string, unknown>, options: { headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs;
    const started = Date.now();
    let lastError: Error | undefined;
    for (let attempt = 0; attempt < this.options.retryTimes && Date.now() < started + timeoutMs; attempt++) {
      const connection = this.current;
      if (!connection || this.status !== 'running') {
        lastError = new NacosRequestError(-401, `Client not connected, current status: ${this.status}`);
        await this.connectedOrTimeout(Math.min(100, timeoutMs / 3));
        continue;
      }
      try {
        const payload = this.requestPayload(type, body, { ...this.headersFor(type), ...options.headers });
        const response = parseResponse(await this.unaryOn(connection.channel, payload, Math.max(1, started + timeoutMs - Date.now())));
        if (response.type === 'ErrorResponse') {
          if (response.errorCode === NACOS_CODES.UN_REGISTER && this.status === 'running') {
            this.status = 'unhealthy';
            this.switchServerAsync();
          }
          lastError = new NacosRequestError(response.errorCode, response.message ?? 'ErrorResponse', response);
          if (response.errorCode === NACOS_CODES.UN_REGISTER) await this.connectedOrTimeout(Math.min(100, timeoutMs / 3));
          continue;
        }
        this.lastActive = Date.now();
        if (response.errorCode === NACOS_CODES.NO_RIGHT && this.options.username !== undefined) await this.login().catch(() => undefined);
        return response as T;
      } catch (error) {
        lastError = error as Error;
      }
    }
    if (this.status === 'running') {
      this.status = 'unhealthy';
      this.switchServerAsync(undefined, true);
    }
    throw lastError ?? new NacosRequestError(NACOS_CODES.SERVER_ERROR, 'Request fail, unknown error');
  }

  // Resolves when a connection is adopted or after ms (the Java client's short wait for a
  // reconnect between attempts).
  private connectedOrTimeout(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.off('connected', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.on('connected', done);
    });
  }

  // One unary call with this payload on the current connection, nothing added and no retry.
  async rawRequest(payload: WirePayload, timeoutMs = this.options.requestTimeoutMs): Promise<NacosResponse> {
    const connection = this.requireConnection();
    return parseResponse(await this.unaryOn(connection.channel, payload, timeoutMs));
  }

  // A request of any type and body text, as this client would send it (headers, clientIp).
  rawTyped(type: string, bodyText: string | Buffer, headers: Record<string, string> = {}): Promise<NacosResponse> {
    const value = typeof bodyText === 'string' ? Buffer.from(bodyText, 'utf8') : bodyText;
    return this.rawRequest({ metadata: { type, clientIp: this.options.clientIp, headers: { ...this.headersFor(type), ...headers } }, body: { value } });
  }

  // Bytes sent as the unary call's message, whatever they are: the gRPC status of a failed
  // call, or the answer.
  rawBytes(bytes: Buffer, timeoutMs = this.options.requestTimeoutMs): Promise<{ payload?: WirePayload; response?: NacosResponse; status?: grpc.status; details?: string }> {
    const connection = this.requireConnection();
    return new Promise((resolve) => {
      connection.channel.makeUnaryRequest(REQUEST_PATH, (b: Buffer) => b, requestMethod.responseDeserialize, bytes, new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, (error, value) => {
        if (error || !value) {
          const status = (error as grpc.ServiceError | null)?.code;
          resolve({ status, details: (error as grpc.ServiceError | null)?.details });
          return;
        }
        let response: NacosResponse | undefined;
        try {
          response = parseResponse(value);
        } catch {
          response = undefined;
        }
        resolve({ payload: value, response });
      });
    });
  }

  private requireConnection(): Connection {
    if (!this.current || this.status === 'shutdown') throw new Error(`not connected (status ${this.status})`);
    return this.current;
  }

  // ---------------------------------------------------------------------------------------------
  // Internal requests

  async healthCheck(): Promise<NacosResponse> {
    return this.rawRequest(this.requestPayload('HealthCheckRequest', {}, {}), 3000);
  }

  // RpcClient.healthCheck: a success answer within the timeout.
  private async healthCheckOnce(): Promise<boolean> {
    try {
      const response = await this.healthCheck();
      return response.resultCode === 200;
    } catch {
      return false;
    }
  }

  private async keepAliveTick(): Promise<void> {
    if (!this.options.keepAliveMs || this.status !== 'running' || this.switching) return;
    if (Date.now() - this.lastActive < this.options.keepAliveMs) return;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.healthCheckOnce()) {
        this.lastActive = Date.now();
        return;
      }
    }
    if (this.status === 'running') {
      this.status = 'unhealthy';
      this.switchServerAsync();
    }
  }

  async login(): Promise<string> {
    const { httpBaseUrl, username, password } = this.options;
    if (!httpBaseUrl || username === undefined || password === undefined) throw new Error('login needs httpBaseUrl, username and password');
    const res = await fetch(`${httpBaseUrl}/nacos/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username, password }).toString(),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${text}`);
    this.accessToken = (JSON.parse(text) as { accessToken: string }).accessToken;
    this.logins.push(Date.now());
    return this.accessToken;
  }

  // ---------------------------------------------------------------------------------------------
  // Config

  // The config client's tenant: the namespace it was given, '' for the default one (as the
  // SDK's CacheData and requests carry it).
  private tenantOf(tenant: string | undefined): string {
    return tenant ?? this.options.tenant ?? '';
  }

  configQuery(key: ConfigContext & { tag?: string }, options: { notify?: boolean; headers?: Record<string, string> } = {}): Promise<ConfigQueryResponse> {
    return this.request<ConfigQueryResponse>(
      'ConfigQueryRequest',
      { dataId: key.dataId, group: key.group, tenant: this.tenantOf(key.tenant), tag: key.tag },
      { headers: { notify: String(options.notify ?? false), ...options.headers } },
    );
  }

  // ClientWorker.publishConfig: the addition map always names tag, appName, betaIps, type and
  // encryptedDataKey (null when not given, encryptedDataKey '' when not given).
  configPublish(
    key: ConfigContext,
    content: string,
    extra: { casMd5?: string; tag?: string; appName?: string; betaIps?: string; type?: string; encryptedDataKey?: string; additionMap?: Record<string, string | null> } = {},
  ): Promise<NacosResponse> {
    const additionMap = extra.additionMap ?? {
      tag: extra.tag ?? null,
      appName: extra.appName ?? null,
      betaIps: extra.betaIps ?? null,
      type: extra.type ?? null,
      encryptedDataKey: extra.encryptedDataKey ?? '',
    };
    return this.request('ConfigPublishRequest', { dataId: key.dataId, group: key.group, tenant: this.tenantOf(key.tenant), content, casMd5: extra.casMd5, additionMap });
  }

  configRemove(key: ConfigContext & { tag?: string }): Promise<NacosResponse> {
    return this.request('ConfigRemoveRequest', { dataId: key.dataId, group: key.group, tenant: this.tenantOf(key.tenant), tag: key.tag });
  }

  // One ConfigBatchListenRequest. The client remembers what it listens to (listen=true adds or
  // updates each config with its md5; listen=false forgets them) and listens again after a
  // reconnect, as ClientWorker does.
  async configBatchListen(contexts: ConfigListenContext[], listen = true): Promise<ConfigChangeBatchListenResponse> {
    const withTenant = contexts.map((c) => ({ ...c, tenant: this.tenantOf(c.tenant) }));
    for (const c of withTenant) {
      const key = configKey(c);
      if (listen) {
        const cache = this.configs.get(key);
        this.configs.set(key, { dataId: c.dataId, group: c.group, tenant: c.tenant, md5: c.md5, content: cache?.content, consistent: false, notified: false, initializing: !cache });
      }
    }
    const response = await this.sendBatchListen(withTenant, listen);
    if (!listen && response.resultCode === 200) for (const c of withTenant) this.configs.delete(configKey(c));
    if (listen && response.resultCode === 200) {
      const changed = new Set((response.changedConfigs ?? []).map((c) => configKey(c)));
      for (const c of withTenant) {
        const cache = this.configs.get(configKey(c));
        if (!cache) continue;
        cache.initializing = false; // the first listen round is over (CacheData.setInitializing)
        if (!changed.has(configKey(c))) cache.consistent = true;
      }
    }
    return response;
  }

  private sendBatchListen(contexts: ConfigListenContext[], listen: boolean): Promise<ConfigChangeBatchListenResponse> {
    const configListenContexts = contexts.map((c) => ({ group: c.group, md5: c.md5, dataId: c.dataId, tenant: c.tenant }));
    return this.request<ConfigChangeBatchListenResponse>('ConfigBatchListenRequest', { listen, configListenContexts });
  }

  // The md5 the client holds for a config it listens to (updated by its refreshes).
  listenedMd5(key: ConfigContext): string | undefined {
    return this.configs.get(configKey({ ...key, tenant: this.tenantOf(key.tenant) }))?.md5;
  }

  listenedConfigs(): ConfigListenContext[] {
    return [...this.configs.values()].map((c) => ({ dataId: c.dataId, group: c.group, tenant: c.tenant, md5: c.md5 }));
  }

  // ClientWorker.handleConfigChangeNotifyRequest: mark the cache, run the listen task.
  private onConfigChanged(context: ConfigContext): void {
    const cache = this.configs.get(configKey(context)) ?? this.configs.get(configKey({ ...context, tenant: context.tenant || undefined }));
    if (!cache) return;
    cache.notified = true;
    cache.consistent = false;
    if (this.options.followConfigPushes) this.notifyListenConfig();
  }

  private configListenTick(): void {
    if ([...this.configs.values()].some((c) => !c.consistent)) this.notifyListenConfig();
  }

  private notifyListenConfig(): void {
    if (this.configListenRunning) {
      this.configListenAgain = true;
      return;
    }
    this.configListenRunning = this.executeConfigListen().finally(() => {
      this.configListenRunning = undefined;
      if (this.configListenAgain) {
        this.configListenAgain = false;
        this.notifyListenConfig();
      }
    });
  }

  // Resolves when the config worker has nothing in flight (for specs that follow it).
  async configWorkerIdle(): Promise<void> {
    while (this.configListenRunning) await this.configListenRunning;
  }

  // ClientWorker.executeConfigListen / checkListenCache for the caches not consistent with the
  // server: listen with the md5 held, then query each changed (or notified) config.
  private async executeConfigListen(): Promise<void> {
    if (this.status !== 'running') return;
    const caches = [...this.configs.values()].filter((c) => !c.consistent);
    if (!caches.length) return;
    for (const c of caches) c.notified = false;
    const connectionId = this.connectionId ?? '';
    let response: ConfigChangeBatchListenResponse;
    try {
      response = await this.sendBatchListen(
        caches.map((c) => ({ dataId: c.dataId, group: c.group, tenant: c.tenant, md5: c.md5 })),
        true,
      );
    } catch (error) {
      this.logRedo({ kind: 'config-listen', key: caches.map(configKey).join(','), connectionId, error: (error as Error).message });
      return;
    }
    this.logRedo({ kind: 'config-listen', key: caches.map(configKey).join(','), connectionId, response });
    if (response.resultCode !== 200) return;
    const changed = new Set((response.changedConfigs ?? []).map((c) => configKey({ ...c, tenant: c.tenant || undefined })));
    for (const cache of caches) {
      const key = configKey(cache);
      const refresh = changed.has(key) || changed.has(configKey({ ...cache, tenant: cache.tenant ?? '' })) || cache.notified;
      if (refresh) await this.refreshContent(cache, !cache.initializing);
      cache.initializing = false;
      if (!refresh && !cache.notified) cache.consistent = true;
    }
  }

  private async refreshContent(cache: ConfigCache, notify: boolean): Promise<void> {
    try {
      const response = await this.configQuery({ dataId: cache.dataId, group: cache.group, tenant: cache.tenant }, { notify });
      if (response.resultCode === 200) {
        cache.content = response.content;
        cache.md5 = response.md5 ?? md5Hex(response.content ?? '');
      } else if (response.errorCode === NACOS_CODES.CONFIG_NOT_FOUND) {
        cache.content = undefined;
        cache.md5 = '';
      } else {
        return;
      }
      cache.consistent = !cache.notified;
      this.emit('configRefreshed', { dataId: cache.dataId, group: cache.group, tenant: cache.tenant, md5: cache.md5, content: cache.content, notify, response });
    } catch {
      // left inconsistent: the next listen round tries again
    }
  }

  // Resolves with the next refresh of that config by the worker (after a push or a redo).
  nextConfigRefresh(key: ConfigContext, predicate: (refresh: { md5: string; content?: string }) => boolean = () => true, timeoutMs = 5_000): Promise<{ md5: string; content?: string; notify: boolean; response: ConfigQueryResponse }> {
    const wanted = configKey({ ...key, tenant: this.tenantOf(key.tenant) });
    return new Promise((resolve, reject) => {
      const listener = (refresh: ConfigContext & { md5: string; content?: string; notify: boolean; response: ConfigQueryResponse }) => {
        if (configKey(refresh) !== wanted || !predicate(refresh)) return;
        clearTimeout(timer);
        this.off('configRefreshed', listener);
        resolve(refresh);
      };
      const timer = setTimeout(() => {
        this.off('configRefreshed', listener);
        reject(new Error(`no refresh of ${wanted} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.on('configRefreshed', listener);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Naming

  private namespaceOf(namespace: string | undefined): string {
    return namespace ?? this.options.tenant ?? 'public';
  }

  // Instance JSON as Jackson writes com.alibaba.nacos.api.naming.pojo.Instance (its derived
  // getters included).
  static instanceJson(instance: NacosInstance): Record<string, unknown> {
    const metadata = instance.metadata ?? {};
    const longOf = (key: string, fallback: number) => (/^\d+$/.test(metadata[key] ?? '') ? Number(metadata[key]) : fallback);
    const generator = Object.keys(metadata).length === 0 ? 'simple' : metadata['preserved.instance.id.generator'];
    return {
      instanceId: instance.instanceId,
      ip: instance.ip,
      port: instance.port,
      weight: instance.weight ?? 1.0,
      healthy: instance.healthy ?? true,
      enabled: instance.enabled ?? true,
      ephemeral: instance.ephemeral ?? true,
      clusterName: instance.clusterName ?? 'DEFAULT',
      serviceName: instance.serviceName,
      metadata,
      instanceHeartBeatInterval: longOf('preserved.heart.beat.interval', 5000),
      instanceHeartBeatTimeOut: longOf('preserved.heart.beat.timeout', 15000),
      ipDeleteTimeout: longOf('preserved.ip.delete.timeout', 30000),
      instanceIdGenerator: generator,
    };
  }

  private instanceRequest(type: 'registerInstance' | 'deregisterInstance', namespace: string, serviceName: string, groupName: string, instance: NacosInstance): Promise<NacosResponse> {
    return this.request('InstanceRequest', { namespace, serviceName, groupName, type, instance: NacosGrpcClient.instanceJson(instance) });
  }

  private batchRequest(namespace: string, serviceName: string, groupName: string, instances: NacosInstance[]): Promise<NacosResponse> {
    return this.request('BatchInstanceRequest', { namespace, serviceName, groupName, type: 'batchRegisterInstance', instances: instances.map((i) => NacosGrpcClient.instanceJson(i)) });
  }

  // NamingGrpcClientProxy.registerService: remembered for redo (one instance per service and
  // group, a later registration replacing it), then sent.
  async registerInstance(serviceName: string, instance: NacosInstance, options: { groupName?: string; namespace?: string } = {}): Promise<NacosResponse> {
    const groupName = options.groupName ?? 'DEFAULT_GROUP';
    const namespace = this.namespaceOf(options.namespace);
    const key = groupedName(serviceName, groupName);
    const redo: InstanceRedo = { namespace, serviceName, groupName, instance, registered: false, unregistering: false, expectedRegistered: true };
    this.instances.set(key, redo);
    const response = await this.instanceRequest('registerInstance', namespace, serviceName, groupName, instance);
    if (response.resultCode === 200 && this.instances.get(key) === redo) redo.registered = true;
    return response;
  }

  async batchRegisterInstance(serviceName: string, instances: NacosInstance[], options: { groupName?: string; namespace?: string } = {}): Promise<NacosResponse> {
    const groupName = options.groupName ?? 'DEFAULT_GROUP';
    const namespace = this.namespaceOf(options.namespace);
    const key = groupedName(serviceName, groupName);
    const redo: InstanceRedo = { namespace, serviceName, groupName, instances, registered: false, unregistering: false, expectedRegistered: true };
    this.instances.set(key, redo);
    const response = await this.batchRequest(namespace, serviceName, groupName, instances);
    if (response.resultCode === 200 && this.instances.get(key) === redo) redo.registered = true;
    return response;
  }

  async deregisterInstance(serviceName: string, instance: NacosInstance, options: { groupName?: string; namespace?: string } = {}): Promise<NacosResponse> {
    const groupName = options.groupName ?? 'DEFAULT_GROUP';
    const namespace = this.namespaceOf(options.namespace);
    const key = groupedName(serviceName, groupName);
    const redo = this.instances.get(key);
    if (redo) {
      redo.unregistering = true;
      redo.expectedRegistered = false;
    }
    const response = await this.instanceRequest('deregisterInstance', namespace, serviceName, groupName, instance);
    if (response.resultCode === 200 && redo && !redo.expectedRegistered) this.instances.delete(key);
    return response;
  }

  // Persistent instances are not redone (they outlive the connection).
  persistentInstance(type: 'registerInstance' | 'deregisterInstance', serviceName: string, instance: NacosInstance, options: { groupName?: string; namespace?: string } = {}): Promise<NacosResponse> {
    return this.request('PersistentInstanceRequest', {
      namespace: this.namespaceOf(options.namespace),
      serviceName,
      groupName: options.groupName ?? 'DEFAULT_GROUP',
      type,
      instance: NacosGrpcClient.instanceJson({ ...instance, ephemeral: false }),
    });
  }

  async subscribe(serviceName: string, options: { groupName?: string; namespace?: string; clusters?: string } = {}): Promise<SubscribeServiceResponse> {
    const groupName = options.groupName ?? 'DEFAULT_GROUP';
    const namespace = this.namespaceOf(options.namespace);
    const clusters = options.clusters ?? '';
    const key = `${groupedName(serviceName, groupName)}@@${clusters}`;
    const redo: SubscriberRedo = { namespace, serviceName, groupName, clusters, registered: false, unregistering: false, expectedRegistered: true };
    this.subscribers.set(key, redo);
    const response = await this.subscribeRequest(redo, true);
    if (response.resultCode === 200 && this.subscribers.get(key) === redo) redo.registered = true;
    return response;
  }

  async unsubscribe(serviceName: string, options: { groupName?: string; namespace?: string; clusters?: string } = {}): Promise<SubscribeServiceResponse> {
    const groupName = options.groupName ?? 'DEFAULT_GROUP';
    const namespace = this.namespaceOf(options.namespace);
    const clusters = options.clusters ?? '';
    const key = `${groupedName(serviceName, groupName)}@@${clusters}`;
    const redo = this.subscribers.get(key);
    if (redo) {
      redo.unregistering = true;
      redo.expectedRegistered = false;
    }
    const response = await this.subscribeRequest({ namespace, serviceName, groupName, clusters }, false);
    if (response.resultCode === 200 && redo && !redo.expectedRegistered) this.subscribers.delete(key);
    return response;
  }

  private subscribeRequest(s: { namespace: string; serviceName: string; groupName: string; clusters: string }, subscribe: boolean): Promise<SubscribeServiceResponse> {
    return this.request<SubscribeServiceResponse>('SubscribeServiceRequest', { namespace: s.namespace, serviceName: s.serviceName, groupName: s.groupName, subscribe, clusters: s.clusters });
  }

  serviceQuery(serviceName: string, options: { groupName?: string; namespace?: string; cluster?: string; healthyOnly?: boolean; udpPort?: number } = {}): Promise<SubscribeServiceResponse> {
    return this.request<SubscribeServiceResponse>('ServiceQueryRequest', {
      namespace: this.namespaceOf(options.namespace),
      serviceName,
      groupName: options.groupName ?? 'DEFAULT_GROUP',
      cluster: options.cluster ?? '',
      healthyOnly: options.healthyOnly ?? false,
      udpPort: options.udpPort ?? 0,
    });
  }

  serviceList(options: { groupName?: string; namespace?: string; pageNo?: number; pageSize?: number; selector?: string } = {}): Promise<ServiceListResponse> {
    return this.request<ServiceListResponse>('ServiceListRequest', {
      namespace: this.namespaceOf(options.namespace),
      serviceName: '',
      groupName: options.groupName ?? 'DEFAULT_GROUP',
      pageNo: options.pageNo ?? 1,
      pageSize: options.pageSize ?? 100,
      selector: options.selector,
    });
  }

  // NamingGrpcRedoService.onDisConnect / onConnected; ClientWorker's connection listener.
  private onDisconnected(): void {
    for (const redo of this.instances.values()) redo.registered = false;
    for (const redo of this.subscribers.values()) redo.registered = false;
    for (const cache of this.configs.values()) cache.consistent = false;
    this.emit('disconnected');
  }

  private onConnected(): void {
    this.notifyListenConfig();
  }

  private async namingRedoTick(): Promise<void> {
    if (this.status !== 'running' || this.namingRedoRunning) return;
    this.namingRedoRunning = true;
    try {
      await this.redoInstances();
      await this.redoSubscribers();
    } finally {
      this.namingRedoRunning = false;
    }
  }

  private async redoInstances(): Promise<void> {
    for (const [key, redo] of [...this.instances]) {
      const type = redoTypeOf(redo);
      if (type === 'none') continue;
      const connectionId = this.connectionId ?? '';
      try {
        if (type === 'register') {
          const response = redo.instances
            ? await this.batchRequest(redo.namespace, redo.serviceName, redo.groupName, redo.instances)
            : await this.instanceRequest('registerInstance', redo.namespace, redo.serviceName, redo.groupName, redo.instance as NacosInstance);
          if (response.resultCode === 200 && this.instances.get(key) === redo) redo.registered = true;
          this.logRedo({ kind: redo.instances ? 'batch' : 'instance', key, connectionId, response });
        } else if (type === 'unregister') {
          const response = await this.instanceRequest('deregisterInstance', redo.namespace, redo.serviceName, redo.groupName, redo.instance ?? (redo.instances ?? [])[0]);
          if (response.resultCode === 200) this.instances.delete(key);
          this.logRedo({ kind: 'deregister', key, connectionId, response });
        } else {
          this.instances.delete(key);
        }
      } catch (error) {
        this.logRedo({ kind: redo.instances ? 'batch' : 'instance', key, connectionId, error: (error as Error).message });
      }
    }
  }

  private async redoSubscribers(): Promise<void> {
    for (const [key, redo] of [...this.subscribers]) {
      const type = redoTypeOf(redo);
      if (type === 'none') continue;
      const connectionId = this.connectionId ?? '';
      try {
        if (type === 'register') {
          const response = await this.subscribeRequest(redo, true);
          if (response.resultCode === 200 && this.subscribers.get(key) === redo) redo.registered = true;
          this.logRedo({ kind: 'subscribe', key, connectionId, response });
        } else if (type === 'unregister') {
          const response = await this.subscribeRequest(redo, false);
          if (response.resultCode === 200) this.subscribers.delete(key);
          this.logRedo({ kind: 'unsubscribe', key, connectionId, response });
        } else {
          this.subscribers.delete(key);
        }
      } catch (error) {
        this.logRedo({ kind: 'subscribe', key, connectionId, error: (error as Error).message });
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  private timer(action: () => void, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  // Drops the connection without telling the server (as a killed process would); the client
  // itself is shut down.
  close(): void {
    this.status = 'shutdown';
    this.switching = undefined;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const interval of this.intervals) clearInterval(interval);
    this.intervals = [];
    this.current?.close();
    this.current = undefined;
    this.removeAllListeners();
  }
}

function moduleOf(type: string): 'config' | 'naming' | 'internal' {
  if (/^Config/.test(type) || type === 'ClientConfigMetricRequest') return 'config';
  if (/Instance|Service|Subscribe/.test(type)) return 'naming';
  return 'internal';
}

export function parseResponse(payload: WirePayload): NacosResponse {
  const text = payloadText(payload);
  const body = text ? (JSON.parse(text) as Omit<NacosResponse, 'type'>) : ({} as Omit<NacosResponse, 'type'>);
  return { ...body, type: payload.metadata?.type ?? '' } as NacosResponse;
}

// A bare channel to a server, for what the SDK never does (requests before a stream, bytes that
// are no Payload): unary calls only, closed by close().
export function rawChannel(address: GrpcServerAddress): { call: (message: WirePayload | Buffer, timeoutMs?: number) => Promise<{ response?: NacosResponse; status?: grpc.status; details?: string }>; close: () => void } {
  const channel = new grpc.Client(`${address.host}:${address.port}`, grpc.credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1 });
  const call = (message: WirePayload | Buffer, timeoutMs = 3000) =>
    new Promise<{ response?: NacosResponse; status?: grpc.status; details?: string }>((resolve) => {
      const bytes = Buffer.isBuffer(message) ? message : encodePayload(message);
      channel.makeUnaryRequest(REQUEST_PATH, (b: Buffer) => b, requestMethod.responseDeserialize, bytes, new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, (error, value) => {
        if (error || !value) resolve({ status: (error as grpc.ServiceError | null)?.code, details: (error as grpc.ServiceError | null)?.details });
        else resolve({ response: parseResponse(value) });
      });
    });
  return { call, close: () => channel.close() };
}

export function md5Of(content: string): string {
  return md5Hex(content);
}

// A client of the server started by a spec (its gRPC and HTTP ports on 127.0.0.1).
export function serverAddress(server: { grpcPort: number; port?: number }): GrpcServerAddress {
  return { host: '127.0.0.1', port: server.grpcPort, ...(server.port !== undefined ? { httpPort: server.port } : {}) };
}
