import {
  ALL_ERROR_CODES,
  AUTH_ENDPOINTS,
  buildPath,
  buildQuery,
  ERROR_CODES,
  isApiErrorBody,
  REQUEST_ID_HEADER,
  type BodyOf,
  type Endpoint,
  type ErrorCode,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
} from '@switchboard/shared';
import { session } from '../auth/session-store';
import { ApiError } from './api-error';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- matches any descriptor, like shared's own helpers
type AnyEndpoint = Endpoint<any, any, any, any>;

// `void` parts of a descriptor become optional, the others required, so a call
// site cannot forget a path parameter or a body.
type Part<K extends string, T> = [T] extends [void] ? { [P in K]?: undefined } : { [P in K]: T };
export type CallInput<E extends AnyEndpoint> = Part<'params', ParamsOf<E>> &
  Partial<Part<'query', QueryOf<E>>> &
  Part<'body', BodyOf<E>> & { signal?: AbortSignal };

type CallArgs<E extends AnyEndpoint> =
  object extends CallInput<E> ? [input?: CallInput<E>] : [input: CallInput<E>];

const LOGIN = AUTH_ENDPOINTS.login;

// Same origin by default: the server serves the console, and `vite dev` proxies /api.
let baseUrl = '';
export function setApiBaseUrl(url: string): void {
  baseUrl = url.replace(/\/$/, '');
}

export async function callEndpoint<E extends AnyEndpoint>(
  endpoint: E,
  ...[input]: CallArgs<E>
): Promise<ResponseOf<E>> {
  const { params, query, body, signal } = (input ?? {}) as {
    params?: Record<string, string>;
    query?: Record<string, unknown>;
    body?: unknown;
    signal?: AbortSignal;
  };
  const hasBody = body !== undefined;
  const response = await send(endpoint, params, query, {
    headers: { accept: 'application/json', ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    body: hasBody ? JSON.stringify(body) : undefined,
    signal,
  });
  if (response.status === 204) return undefined as ResponseOf<E>;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as ResponseOf<E>;
}

// For endpoints whose body or answer is not JSON (config archives): the same credentials and
// error handling, the raw response back.
export function callEndpointRaw(
  endpoint: AnyEndpoint,
  input: { params?: Record<string, string>; query?: Record<string, unknown>; body?: BodyInit; headers: Record<string, string>; signal?: AbortSignal },
): Promise<Response> {
  return send(endpoint, input.params, input.query, { headers: input.headers, body: input.body, signal: input.signal });
}

async function send(
  endpoint: AnyEndpoint,
  params: Record<string, string> | undefined,
  query: Record<string, unknown> | undefined,
  init: { headers: Record<string, string>; body?: BodyInit; signal?: AbortSignal },
): Promise<Response> {
  const url = `${baseUrl}${buildPath(endpoint.path, params)}${buildQuery(query)}`;
  const token = session.getToken();
  let response: Response;
  try {
    response = await fetch(url, {
      method: endpoint.method,
      headers: { ...init.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: init.body,
      signal: init.signal,
    });
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    throw new ApiError(
      ERROR_CODES.SERVICE_UNAVAILABLE,
      0,
      `cannot reach the server (${String(cause)})`,
    );
  }
  if (!response.ok) {
    const error = await toApiError(response);
    // The ONE place a refused token ends the session; the auth gate then routes to /login.
    // A failed login is a 401 too, but it only means wrong credentials.
    if (response.status === 401 && !isLoginCall(endpoint)) session.clear('expired');
    throw error;
  }
  return response;
}

// Turns a non-2xx answer into an ApiError. Bodies that are not our error shape (a proxy's
// HTML page, say) still get a code chosen from the status, so callers can always switch on code.
export async function toApiError(response: Response): Promise<ApiError> {
  const headerRequestId = response.headers.get(REQUEST_ID_HEADER) ?? undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await response.text());
  } catch {
    parsed = undefined;
  }
  if (isApiErrorBody(parsed) && isKnownCode(parsed.code)) {
    return new ApiError(
      parsed.code,
      response.status,
      parsed.message,
      parsed.details,
      parsed.requestId ?? headerRequestId,
    );
  }
  const code = codeForStatus(response.status);
  return new ApiError(
    code,
    response.status,
    `HTTP ${response.status} ${response.statusText}`.trim(),
    undefined,
    headerRequestId,
  );
}

function isLoginCall(endpoint: AnyEndpoint): boolean {
  return endpoint.method === LOGIN.method && endpoint.path === LOGIN.path;
}

function isKnownCode(code: string): code is ErrorCode {
  return (ALL_ERROR_CODES as readonly string[]).includes(code);
}

function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422) return ERROR_CODES.VALIDATION_FAILED;
  if (status === 401) return ERROR_CODES.UNAUTHENTICATED;
  if (status === 403) return ERROR_CODES.FORBIDDEN;
  if (status === 404) return ERROR_CODES.ROUTE_NOT_FOUND;
  if (status === 413) return ERROR_CODES.PAYLOAD_TOO_LARGE;
  if (status === 415) return ERROR_CODES.UNSUPPORTED_MEDIA_TYPE;
  if (status === 502 || status === 503 || status === 504) return ERROR_CODES.SERVICE_UNAVAILABLE;
  return ERROR_CODES.INTERNAL_ERROR;
}
