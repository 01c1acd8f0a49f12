import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUTH_ENDPOINTS, NAMESPACES_ENDPOINTS, defineEndpoint } from '@switchboard/shared';
import { session, SESSION_STORAGE_KEY } from '../auth/session-store';
import { ApiError } from './api-error';
import { callEndpoint } from './http-client';

function answer(status: number, body?: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return vi.fn(async () => new Response(status === 204 ? null : text, { status, headers }));
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('callEndpoint and the session', () => {
  const signIn = () =>
    session.save({ accessToken: 'tok-9', expiresAt: new Date(Date.now() + 60_000).toISOString() });

  it('should send the stored token as a bearer token on every call', async () => {
    signIn();
    const fetchMock = answer(200, []);
    vi.stubGlobal('fetch', fetchMock);
    await callEndpoint(NAMESPACES_ENDPOINTS.listNamespaces);
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.headers).toMatchObject({ authorization: 'Bearer tok-9' });
  });

  it('should send no authorization header without a session', async () => {
    const fetchMock = answer(200, []);
    vi.stubGlobal('fetch', fetchMock);
    await callEndpoint(NAMESPACES_ENDPOINTS.listNamespaces);
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.headers).not.toHaveProperty('authorization');
  });

  it('should end the session as expired when any call answers 401', async () => {
    signIn();
    const ended = vi.fn();
    const unsubscribe = session.subscribe(ended);
    vi.stubGlobal('fetch', answer(401, { code: 'UNAUTHENTICATED', message: 'token expired' }));
    const error = await failure(callEndpoint(NAMESPACES_ENDPOINTS.listNamespaces));
    unsubscribe();
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(ended).toHaveBeenCalledWith({ type: 'ended', reason: 'expired' });
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('should keep the session when a login attempt answers 401 (wrong credentials)', async () => {
    signIn();
    vi.stubGlobal('fetch', answer(401, { code: 'UNAUTHENTICATED', message: 'bad' }));
    await failure(callEndpoint(AUTH_ENDPOINTS.login, { body: { username: 'a', password: 'b' } }));
    expect(session.getToken()).toBe('tok-9');
  });

  it('should give a 403 without our error body the FORBIDDEN code', async () => {
    vi.stubGlobal('fetch', answer(403, '<html>forbidden</html>'));
    const error = await failure(callEndpoint(NAMESPACES_ENDPOINTS.listNamespaces));
    expect(error.code).toBe('FORBIDDEN');
  });
});

describe('callEndpoint', () => {
  it('should fill path parameters, serialise the query and send JSON when the endpoint has a body', async () => {
    const fetchMock = answer(200, { namespaceId: 'a b' });
    vi.stubGlobal('fetch', fetchMock);
    const endpoint = defineEndpoint<
      { namespaceId: string },
      { pageNo: number; q?: string },
      { name: string },
      unknown
    >('PATCH', '/api/v1/namespaces/:namespaceId');
    await callEndpoint(endpoint, {
      params: { namespaceId: 'a b' },
      query: { pageNo: 2, q: undefined },
      body: { name: 'N' },
    });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/namespaces/a%20b?pageNo=2');
    expect(init.method).toBe('PATCH');
    expect(init.body).toBe('{"name":"N"}');
    expect(init.headers).toMatchObject({ 'content-type': 'application/json' });
  });

  it('should resolve to undefined when the server answers 204', async () => {
    vi.stubGlobal('fetch', answer(204));
    await expect(
      callEndpoint(NAMESPACES_ENDPOINTS.deleteNamespace, { params: { namespaceId: 'dev' } }),
    ).resolves.toBeUndefined();
  });

  it('should throw an ApiError with field violations when the server answers VALIDATION_FAILED', async () => {
    const details = [
      { field: 'name', rule: 'pattern', message: 'must not contain @' },
      { nonsense: true },
    ];
    vi.stubGlobal(
      'fetch',
      answer(400, { code: 'VALIDATION_FAILED', message: 'name: bad', details, requestId: 'r-1' }),
    );
    const error = await failure(
      callEndpoint(NAMESPACES_ENDPOINTS.createNamespace, { body: { name: 'a@b' } }),
    );
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      message: 'name: bad',
      requestId: 'r-1',
    });
    expect(error.violations).toEqual([details[0]]);
    expect(error.isNetworkError).toBe(false);
  });

  it('should keep the code of a 409 conflict and take the request id from the header when the body has none', async () => {
    vi.stubGlobal(
      'fetch',
      answer(
        409,
        { code: 'NAMESPACE_ALREADY_EXISTS', message: 'exists' },
        { 'x-request-id': 'hdr-7' },
      ),
    );
    const error = await failure(
      callEndpoint(NAMESPACES_ENDPOINTS.createNamespace, {
        body: { name: 'x', namespaceId: 'dev' },
      }),
    );
    expect(error).toMatchObject({
      code: 'NAMESPACE_ALREADY_EXISTS',
      status: 409,
      requestId: 'hdr-7',
    });
    expect(error.violations).toEqual([]);
  });

  it('should map the status to a code when the body is not an error body', async () => {
    vi.stubGlobal('fetch', answer(502, '<html>Bad gateway</html>'));
    const error = await failure(callEndpoint(NAMESPACES_ENDPOINTS.listNamespaces));
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 502 });
  });

  it('should map an unknown error code to one chosen from the status', async () => {
    vi.stubGlobal('fetch', answer(500, { code: 'SOMETHING_NEW', message: 'x' }));
    const error = await failure(callEndpoint(NAMESPACES_ENDPOINTS.listNamespaces));
    expect(error).toMatchObject({ code: 'INTERNAL_ERROR', status: 500 });
  });

  it('should throw a network ApiError with status 0 when the server cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = await failure(callEndpoint(NAMESPACES_ENDPOINTS.listNamespaces));
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 0 });
    expect(error.isNetworkError).toBe(true);
  });
});
