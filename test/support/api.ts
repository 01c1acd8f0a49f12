import {
  buildPath,
  buildQuery,
  type ApiErrorBody,
  type BodyOf,
  type Endpoint,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
} from '@switchboard/shared';
import { inject } from 'vitest';

// The admin token of the shared e2e server, used by default for requests to it (the server runs
// with authentication on). Requests to other servers carry no credentials unless given.
export function defaultToken(baseUrl: string): string | undefined {
  try {
    return baseUrl === inject('baseUrl') ? inject('adminToken') : undefined;
  } catch {
    return undefined;
  }
}

export function authHeaders(baseUrl: string): Record<string, string> {
  const token = defaultToken(baseUrl);
  return token ? { authorization: `Bearer ${token}` } : {};
}

export interface ApiResult<T> {
  status: number;
  body: T;
  headers: Headers;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyEndpoint = Endpoint<any, any, any, any>;

// Calls an endpoint by its shared descriptor; never throws on non-2xx so tests can assert errors.
export async function call<E extends AnyEndpoint>(
  baseUrl: string,
  endpoint: E,
  input: { params?: ParamsOf<E>; query?: QueryOf<E>; body?: BodyOf<E>; headers?: Record<string, string> } = {},
): Promise<ApiResult<ResponseOf<E> & ApiErrorBody>> {
  const url = `${baseUrl}${buildPath(endpoint.path, input.params as Record<string, string>)}${buildQuery(input.query as Record<string, unknown>)}`;
  const hasBody = input.body !== undefined;
  const res = await fetch(url, {
    method: endpoint.method,
    headers: { ...authHeaders(baseUrl), ...(hasBody ? { 'content-type': 'application/json' } : {}), ...input.headers },
    body: hasBody ? JSON.stringify(input.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

// Sends a form exactly as Nacos clients do (application/x-www-form-urlencoded).
export async function nacosForm(
  baseUrl: string,
  method: string,
  path: string,
  params: Record<string, string | number | undefined>,
  options: { inBody?: boolean; headers?: Record<string, string>; anonymous?: boolean } = {},
): Promise<{ status: number; text: string; json: () => unknown; headers: Headers }> {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.append(k, String(v));
  // As Nacos clients do: the token as the accessToken parameter.
  const token = options.anonymous || 'accessToken' in params ? undefined : defaultToken(baseUrl);
  if (token) search.append('accessToken', token);
  const inBody = options.inBody ?? (method === 'POST' || method === 'PUT');
  const url = `${baseUrl}${path}${!inBody && search.size ? `?${search}` : ''}`;
  const res = await fetch(url, {
    method,
    headers: { ...(inBody ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...options.headers },
    body: inBody ? search.toString() : undefined,
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text), headers: res.headers };
}

export function uniqueId(prefix = 'ns'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
