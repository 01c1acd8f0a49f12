import { DEFAULT_NAMESPACE_ID, type ResponseOf } from '@switchboard/shared';
import { createAdmin, type Admin } from './admin.js';
import { createConfigApi, type ConfigApi } from './config.js';
import type { SwitchboardError } from './errors.js';
import { Transport, type AnyEndpoint, type CallArgs } from './http.js';
import { createNamingApi, type NamingApi } from './naming.js';
import { RealtimeConnection } from './realtime.js';
import { SnapshotStore } from './snapshots.js';

export interface ClientOptions {
  url: string; // the server, e.g. http://127.0.0.1:8848
  token?: string; // an access token (a service account's) or a session token
  username?: string; // with password: signs in on first need, and again when the session expired
  password?: string;
  namespace?: string; // default "public"
  labels?: string[]; // this process's canary labels: tagged canaries match them
  clientId?: string; // this process's canary identity (its weighted bucket); default: its address
  snapshotDir?: string; // where the last known content of each config read is kept
  timeoutMs?: number; // per HTTP call and socket request, default 10 s
  fetch?: typeof fetch;
  onError?: (error: SwitchboardError) => void; // failures of background work (re-registering after a reconnect)
}

export interface SwitchboardClient {
  readonly namespace: string;
  // Configs of the client's namespace, as this client gets them (canaries included), live.
  readonly config: ConfigApi;
  // Registration over the client's connection, live discovery, weighted picks.
  readonly naming: NamingApi;
  // Every /api/v1 endpoint, one call each (admin.configs.publishConfig(...), admin.namespaces.listNamespaces()...).
  readonly admin: Admin;
  // Any endpoint descriptor of the wire contract; a path's namespaceId defaults to the client's.
  call<E extends AnyEndpoint>(endpoint: E, ...args: CallArgs<E>): Promise<ResponseOf<E>>;
  // For answers or bodies that are not JSON (config archives).
  raw(endpoint: AnyEndpoint, input: { params?: Record<string, string | number>; query?: Record<string, unknown>; body?: Uint8Array | string; headers?: Record<string, string>; signal?: AbortSignal }): Promise<Response>;
  // Signs in with the username and password; answers the session token.
  login(): Promise<string>;
  // Closes the socket: watches end and the instances this client registered are removed.
  close(): Promise<void>;
}

export function createClient(options: ClientOptions): SwitchboardClient {
  if (!/^https?:\/\//.test(options.url)) throw new TypeError(`url must be an http:// or https:// address, got ${JSON.stringify(options.url)}`);
  const namespace = options.namespace ?? DEFAULT_NAMESPACE_ID;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const transport = new Transport({
    url: options.url,
    token: options.token,
    username: options.username,
    password: options.password,
    namespace,
    timeoutMs,
    fetch: options.fetch ?? globalThis.fetch,
  });
  // One socket per client, opened by the first watch, registration or discovery.
  let realtime: RealtimeConnection | undefined;
  const connection = () => (realtime ??= new RealtimeConnection(transport, { clientId: options.clientId, labels: options.labels, timeoutMs }));
  const onError = options.onError ?? (() => undefined);
  const labels = options.labels ?? [];
  const naming = createNamingApi({ transport, realtime: connection, namespace, timeoutMs, onError });
  return {
    namespace,
    config: createConfigApi({ transport, realtime: connection, namespace, clientId: options.clientId, labels, snapshots: options.snapshotDir ? new SnapshotStore(options.snapshotDir) : undefined }),
    naming,
    admin: createAdmin(transport),
    call: (endpoint, ...args) => transport.call(endpoint, ...args),
    raw: (endpoint, input) => transport.raw(endpoint, input),
    login: () => transport.login(),
    close: async () => {
      naming.close();
      realtime?.close();
    },
  };
}
