export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

// A typed description of one HTTP endpoint. The phantom `types` field carries the
// param/query/body/response types so clients and servers can infer them.
export interface Endpoint<TParams, TQuery, TBody, TResponse> {
  readonly method: HttpMethod;
  readonly path: string;
  readonly types?: { params: TParams; query: TQuery; body: TBody; response: TResponse };
}

export function defineEndpoint<TParams = void, TQuery = void, TBody = void, TResponse = void>(
  method: HttpMethod,
  path: string,
): Endpoint<TParams, TQuery, TBody, TResponse> {
  return { method, path };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyEndpoint = Endpoint<any, any, any, any>;
export type ParamsOf<E extends AnyEndpoint> = NonNullable<E['types']>['params'];
export type QueryOf<E extends AnyEndpoint> = NonNullable<E['types']>['query'];
export type BodyOf<E extends AnyEndpoint> = NonNullable<E['types']>['body'];
export type ResponseOf<E extends AnyEndpoint> = NonNullable<E['types']>['response'];

// Fills `:name` segments of an endpoint path; every value is URI-encoded.
export function buildPath(path: string, params?: Record<string, string | number> | void): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
    const value = params ? params[name] : undefined;
    if (value === undefined) throw new Error(`missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(String(value));
  });
}

// Serialises a flat query object, skipping undefined values.
export function buildQuery(query?: Record<string, unknown> | void): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
