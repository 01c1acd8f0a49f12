import type { ConfigKey, ServiceKey } from '@switchboard/shared';
import { responseJson } from './grpc-handlers';
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
  body: Record<string, unknown>; // without requestId: the connection numbers its pushes
}

export class PushFailedError extends Error {}

interface PendingPush {
  resolve: (response: Record<string, unknown>) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
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
    private readonly write: (bytes: Buffer) => boolean,
    private readonly nextRequestId: () => string,
    readonly tags: readonly string[], // its labels as canary tags (see canaryTagsOf)
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
  // requestId), rejects when none arrives within the time or the connection closes.
  push(push: ServerPush, timeoutMs: number): Promise<Record<string, unknown>> {
    if (this.closed) return Promise.reject(new PushFailedError('connection closed'));
    const requestId = this.nextRequestId();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new PushFailedError(`no response to ${push.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(requestId, { resolve, reject, timer });
      this.write(encodePayload(push.type, responseJson({ ...push.body, requestId, headers: {} })));
    });
  }

  // Sends a server request whose response nobody waits for (SetupAckRequest).
  send(push: ServerPush): void {
    if (!this.closed) this.write(encodePayload(push.type, responseJson({ ...push.body, requestId: this.nextRequestId(), headers: {} })));
  }

  // A response the client sent on the stream.
  answered(response: Record<string, unknown>): void {
    const requestId = typeof response.requestId === 'string' ? response.requestId : undefined;
    const pending = requestId === undefined ? undefined : this.pending.get(requestId);
    if (!pending) return;
    this.pending.delete(requestId!);
    clearTimeout(pending.timer);
    if (response.resultCode === undefined || response.resultCode === 200) pending.resolve(response);
    else pending.reject(new PushFailedError(`client answered ${String(response.resultCode)}: ${String(response.message ?? '')}`));
  }

  markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new PushFailedError('connection closed'));
    }
    this.pending.clear();
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
