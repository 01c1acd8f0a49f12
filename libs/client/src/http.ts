import {
  AUTH_ENDPOINTS,
  buildPath,
  buildQuery,
  REQUEST_ID_HEADER,
  type BodyOf,
  type Endpoint,
  type LoginView,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
} from '@switchboard/shared';
import { SwitchboardError } from './errors.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- matches any descriptor, like shared's own helpers
export type AnyEndpoint = Endpoint<any, any, any, any>;

// The parts of a call: `void` parts of a descriptor are optional, the others required, so a call
// cannot forget a body. A path's `namespaceId` may be left out: the client's namespace fills it.
type Part<K extends string, T> = [T] extends [void] ? { [P in K]?: undefined } : { [P in K]: T };
type WithOptionalNamespace<T> = Omit<T, 'namespaceId'> & { namespaceId?: string };
type ParamsPart<T> = [T] extends [void]
  ? { params?: undefined }
  : T extends { namespaceId: string }
    ? object extends Omit<T, 'namespaceId'>
      ? { params?: WithOptionalNamespace<T> }
      : { params: WithOptionalNamespace<T> }
    : { params: T };
export type CallInput<E extends AnyEndpoint> = ParamsPart<ParamsOf<E>> & Partial<Part<'query', QueryOf<E>>> & Part<'body', BodyOf<E>> & { signal?: AbortSignal };
export type CallArgs<E extends AnyEndpoint> = object extends CallInput<E> ? [input?: CallInput<E>] : [input: CallInput<E>];

export interface TransportOptions {
  url: string;
  token?: string;
  username?: string;
  password?: string;
  namespace: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

// HTTP to /api/v1 with the client's credentials. With a username and password it signs in on the
// first call that needs it and again when the session expired (one 401 → sign in → retry once).
export class Transport {
  private token: string | undefined;
  private signingIn: Promise<string> | undefined;

  constructor(private readonly options: TransportOptions) {
    this.token = options.token;
  }

  get baseUrl(): string {
    return this.options.url.replace(/\/+$/, '');
  }

  // True when a username and password are known: a refused session can be renewed.
  get canSignIn(): boolean {
    return this.options.username !== undefined && this.options.password !== undefined;
  }

  get namespace(): string {
    return this.options.namespace;
  }

  // The token for calls and socket handshakes; signs in first when only a password is known.
  async currentToken(): Promise<string | undefined> {
    if (this.token) return this.token;
    if (this.options.username !== undefined && this.options.password !== undefined) return this.login();
    return undefined;
  }

  // Signs in with the username and password (one sign-in at a time); answers the session token.
  login(): Promise<string> {
    const { username, password } = this.options;
    if (username === undefined || password === undefined) return Promise.reject(new SwitchboardError({ code: 'UNAUTHENTICATED', status: 401, message: 'no username and password to sign in with' }));
    this.signingIn ??= this.send(AUTH_ENDPOINTS.login, {}, undefined, { headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ username, password }) }, false)
      .then(async (response) => {
        const view = (await response.json()) as LoginView;
        this.token = view.accessToken;
        return view.accessToken;
      })
      .finally(() => {
        this.signingIn = undefined;
      });
    return this.signingIn;
  }

  async call<E extends AnyEndpoint>(endpoint: E, ...[input]: CallArgs<E>): Promise<ResponseOf<E>> {
    const { params, query, body, signal } = (input ?? {}) as { params?: Record<string, string | number>; query?: Record<string, unknown>; body?: unknown; signal?: AbortSignal };
    const hasBody = body !== undefined;
    const response = await this.send(endpoint, params, query, { headers: { accept: 'application/json', ...(hasBody ? { 'content-type': 'application/json' } : {}) }, body: hasBody ? JSON.stringify(body) : undefined, signal });
    if (response.status === 204) return undefined as ResponseOf<E>;
    const text = await response.text();
    try {
      return (text ? JSON.parse(text) : undefined) as ResponseOf<E>;
    } catch (error) {
      throw new SwitchboardError({ code: 'BAD_RESPONSE', status: response.status, message: 'the answer is not JSON', requestId: response.headers.get(REQUEST_ID_HEADER) ?? undefined, cause: error });
    }
  }

  // For endpoints whose body or answer is not JSON (config archives): the raw answer.
  raw(endpoint: AnyEndpoint, input: { params?: Record<string, string | number>; query?: Record<string, unknown>; body?: Uint8Array | string; headers?: Record<string, string>; signal?: AbortSignal }): Promise<Response> {
    return this.send(endpoint, input.params, input.query, { headers: input.headers ?? {}, body: input.body, signal: input.signal });
  }

  private async send(
    endpoint: AnyEndpoint,
    params: Record<string, string | number> | undefined,
    query: Record<string, unknown> | undefined,
    init: { headers: Record<string, string>; body?: Uint8Array | string; signal?: AbortSignal },
    authenticate = true,
  ): Promise<Response> {
    const withNamespace = endpoint.path.includes(':namespaceId') && params?.namespaceId === undefined ? { ...params, namespaceId: this.options.namespace } : params;
    let path: string;
    try {
      path = buildPath(endpoint.path, withNamespace);
    } catch (error) {
      throw new SwitchboardError({ code: 'VALIDATION_FAILED', status: 0, message: (error as Error).message, cause: error });
    }
    const url = `${this.baseUrl}${path}${buildQuery(query)}`;
    const attempt = async (token: string | undefined): Promise<Response> => {
      const timeout = AbortSignal.timeout(this.options.timeoutMs);
      const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
      try {
        return await this.options.fetch(url, { method: endpoint.method, headers: token ? { ...init.headers, authorization: `Bearer ${token}` } : init.headers, body: init.body as RequestInit['body'], signal });
      } catch (error) {
        if (timeout.aborted && !init.signal?.aborted) throw new SwitchboardError({ code: 'TIMEOUT', status: 0, message: `${endpoint.method} ${path}: no answer within ${this.options.timeoutMs} ms`, cause: error });
        if (init.signal?.aborted) throw error;
        throw new SwitchboardError({ code: 'NETWORK_ERROR', status: 0, message: `${endpoint.method} ${path}: ${(error as Error).message}`, cause: error });
      }
    };
    let response = await attempt(authenticate ? await this.currentToken() : undefined);
    // An expired session: sign in again once, when a password is known.
    if (response.status === 401 && authenticate && this.options.password !== undefined) {
      await response.arrayBuffer().catch(() => undefined);
      this.token = undefined;
      response = await attempt(await this.login());
    }
    if (response.ok) return response;
    const requestId = response.headers.get(REQUEST_ID_HEADER) ?? undefined;
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    throw SwitchboardError.fromAnswer(response.status, body, requestId);
  }
}
