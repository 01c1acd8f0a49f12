import type { ConfigKey, ServiceKey } from '@switchboard/shared';
import { pushBody, type GrpcFields } from './grpc-handlers';
import { encodePayload } from './nacos-payload';

// What a Nacos SDK connection declared and did, as the Connections view and /metrics show it.
export interface GrpcConnectionInfo {
  id: string; // `${connectedAtMs}_${remoteIp}_${remotePort}`, as Nacos names connections
  clientIp: string; // the address the client reports (payload metadata), else its remote address
  remoteIp: string;
  remotePort: number;
  clientVersion: string; // e.g. Nacos-Java-Client:v2.4.0
  labels: Record<string, string>; // ConnectionSetupRequest labels (source, module, app labels)
  namespaceId: string; // the tenant it declared
  connectedAtMs: number;
  lastActiveMs: number;
}

export interface ServerPush {
  type: string; // the request class, e.g. ConfigChangeNotifyRequest
  body: GrpcFields; // without requestId: the connection numbers its pushes (serialise once for a fan-out)
}

export class PushFailedError extends Error {}

interface PendingPush {
  resolve: (response: Record<string, unknown>) => void;
  reject: (error: Error) => void;
  deadlineMs: number;
}

// The server's end of one SDK connection: its bi-stream (pushes out, their responses in) and
// what the areas record on it (the services it subscribed to, the configs it listens to), so a
// closed connection can be cleaned up and the Connections view can list them.
export class GrpcConnection {
  readonly subscriptions = new Map<string, { key: ServiceKey; clusters: string }>();
  readonly listening = new Map<string, { key: ConfigKey; tenant: string }>(); // tenant: as the client wrote it
  private readonly pending = new Map<string, PendingPush>();
  private closed = false;

  constructor(
    readonly info: GrpcConnectionInfo,
    readonly peer: string, // the transport's peer address, which its unary calls share
    private readonly stream: { write(bytes: Buffer): boolean; end(): void }, // its bi-stream
    private readonly nextRequestId: () => string,
    readonly tags: readonly string[], // its labels as canary tags (see canaryTagsOf)
    private readonly awaiting: (connection: GrpcConnection) => void, // told when a push waits for its response
  ) {}

  get id(): string {
    return this.info.id;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  touch(nowMs: number): void {
    this.info.lastActiveMs = nowMs;
  }

  // Sends a server request over the stream; resolves with the client's response (same
  // requestId), rejects when none arrives by the deadline (see expire) or the connection closes.
  push(push: ServerPush, timeoutMs: number, nowMs: number): Promise<Record<string, unknown>> {
    if (this.closed) return Promise.reject(new PushFailedError('connection closed'));
    const requestId = this.nextRequestId();
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject, deadlineMs: nowMs + timeoutMs });
      if (this.pending.size === 1) this.awaiting(this);
      this.stream.write(encodePayload(push.type, pushBody(push.body, requestId)));
    });
  }

  // Sends a server request whose response nobody waits for (SetupAckRequest).
  send(push: ServerPush): void {
    if (!this.closed) this.stream.write(encodePayload(push.type, pushBody(push.body, this.nextRequestId())));
  }

  // Fails the pushes whose deadline has passed; answers whether some still wait.
  expire(nowMs: number): boolean {
    for (const [requestId, pending] of this.pending) {
      if (pending.deadlineMs > nowMs) continue;
      this.pending.delete(requestId);
      pending.reject(new PushFailedError('no response in time'));
    }
    return this.pending.size > 0;
  }

  // A response the client sent on the stream.
  answered(response: Record<string, unknown>): void {
    const requestId = typeof response.requestId === 'string' ? response.requestId : undefined;
    const pending = requestId === undefined ? undefined : this.pending.get(requestId);
    if (!pending) return;
    this.pending.delete(requestId!);
    if (response.resultCode === undefined || response.resultCode === 200) pending.resolve(response);
    else pending.reject(new PushFailedError(`client answered ${String(response.resultCode)}: ${String(response.message ?? '')}`));
  }

  // Ends the stream; pushes still waiting fail.
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const pending of this.pending.values()) pending.reject(new PushFailedError('connection closed'));
    this.pending.clear();
    try {
      this.stream.end();
    } catch {
      // the stream is already gone
    }
  }
}

const APP_LABEL_PREFIX = 'app_';
const TAG = /^[A-Za-z0-9_.:-]{1,64}$/;

// A client's canary tags from its connection labels, as Nacos matches gray rules: the value of
// Vipserver-Tag (a comma-separated list), and the application labels (`app_<name>`, set with
// the SDK's app connection labels) as their value and as `<name>:<value>`. Other labels are the
// SDK's own (source, module, tls.enable, ...) and say nothing about the client's role.
export function canaryTagsOf(labels: Record<string, string>): string[] {
  const tags = new Set<string>();
  const add = (tag: string) => TAG.test(tag) && tags.add(tag);
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value !== 'string') continue;
    const name = key === 'Vipserver-Tag' ? undefined : key.startsWith(APP_LABEL_PREFIX) ? key.slice(APP_LABEL_PREFIX.length) : null;
    if (name === null) continue;
    for (const part of value.split(',')) {
      const tag = part.trim();
      if (!tag) continue;
      add(tag);
      if (name) add(`${name}:${tag}`);
    }
  }
  return [...tags];
}
