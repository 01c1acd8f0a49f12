import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error';
import { HOT_FORM_MAX_BYTES, HotRoutes, parseQuery } from './hot-routes';

// A real HTTP server whose request handler offers each request to the hot routes first.
describe('HotRoutes', () => {
  let hot: HotRoutes;
  let server: Server;
  let port: number;
  const observed: string[] = [];

  beforeEach(async () => {
    hot = new HotRoutes();
    observed.length = 0;
    server = createServer((req, res) => {
      if (hot.tryAnswer(req, res)) return;
      res.writeHead(299, { 'content-type': 'text/plain' }).end('full pipeline');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });

  const attach = (trustsProxies = false) =>
    hot.attach({ requestSeries: (method, route, status) => ({ observe: () => observed.push(`${method} ${route} ${status}`) }), hotAnswerCounter: () => ({ inc: () => undefined }) }, pino({ level: 'silent' }), trustsProxies, 'all');

  it('should answer a matching request with the handler answer, security headers, a request id and a metric', async () => {
    attach();
    hot.add('GET', '/x', (r) => ({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ a: r.params.a, ip: r.ip, é: 'ü' }) }));
    const answer = await send('GET', '/x?a=1+2%2B&a=ignored');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ a: '1 2+', ip: '127.0.0.1', é: 'ü' });
    expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(answer.body)));
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(observed).toEqual(['GET /x 200']);
  });

  it('should leave to the full pipeline: other routes and methods, bodies, declined or failing handlers, and everything before attach', async () => {
    hot.add('GET', '/x', () => ({ status: 200, headers: {}, body: 'hot' }));
    expect((await send('GET', '/x')).body).toBe('full pipeline'); // not attached yet
    attach();
    hot.add('PUT', '/x', () => ({ status: 200, headers: {}, body: 'hot' }));
    hot.add('GET', '/declined', () => undefined);
    hot.add('GET', '/throws', () => {
      throw new Error('boom');
    });
    expect((await send('GET', '/x')).body).toBe('hot');
    for (const [method, path] of [['GET', '/other'], ['DELETE', '/x'], ['GET', '/declined'], ['GET', '/throws'], ['GET', '/x?bad=%E0%A4%A']]) {
      expect((await send(method, path)).body).toBe('full pipeline');
    }
    expect((await send('PUT', '/x', 'a body', { 'content-type': 'text/plain', 'content-length': '6' })).body).toBe('full pipeline');
  });

  it('should parse a query string once while it repeats, and hand handlers parameters they cannot change', async () => {
    attach();
    const seen: Readonly<Record<string, string>>[] = [];
    hot.add('GET', '/x', (r) => {
      seen.push(r.params);
      return { status: r.params.code === '201' ? 201 : 200, headers: {}, body: String(Object.isFrozen(r.params)) };
    });
    expect((await send('GET', '/x?a=1')).body).toBe('true');
    await send('GET', '/x?a=1');
    await send('GET', '/x?a=2');
    await send('GET', '/x?code=201');
    expect(seen[0]).toBe(seen[1]);
    expect(seen[2]).toEqual({ a: '2' });
    await send('GET', '/x?username=u&password=p');
    await send('GET', '/x?username=u&password=p');
    expect(seen[5]).toEqual({ username: 'u', password: 'p' });
    expect(seen[5]).not.toBe(seen[4]); // not kept
    expect(observed).toEqual(['GET /x 200', 'GET /x 200', 'GET /x 200', 'GET /x 201', 'GET /x 200', 'GET /x 200']);
  });

  it('should give a query with a password the parameters a full parse gives, and keep the rest of it but never the password', async () => {
    attach();
    const seen: Readonly<Record<string, string>>[] = [];
    hot.add('GET', '/x', (r) => {
      seen.push(r.params);
      return { status: 200, headers: {}, body: 'hot' };
    });
    const queries = [
      'namespaceId=public&username=u&password=p%C3%A9+%26x&healthyOnly=false',
      'password=first&a=1',
      'a=1&password=',
      'a=1&password=one&password=two', // the first wins
      'pass%77ord=escaped&password=second', // the escaped name comes first and wins
      'password=second&pass%77ord=escaped',
    ];
    for (const query of queries) {
      await send('GET', `/x?${query}`);
      expect(seen.at(-1), query).toEqual(parseQuery(query));
      expect(Object.isFrozen(seen.at(-1))).toBe(true);
    }
    expect(seen[0].password).toBe('pé &x');
    // The same client again: a new password is read, the rest comes from what was kept.
    await send('GET', '/x?namespaceId=public&username=u&password=other&healthyOnly=false');
    expect(seen.at(-1)).toEqual({ namespaceId: 'public', username: 'u', password: 'other', healthyOnly: 'false' });
    const kept = [...(hot as unknown as { queries: Map<string, Record<string, string>> }).queries];
    expect(kept.length).toBeGreaterThan(0);
    expect(JSON.stringify(kept)).not.toMatch(/password|p%C3%A9|other|first|second|one|two/);
    // A malformed escape in the password leaves the request to the full pipeline, as elsewhere.
    expect((await send('GET', '/x?a=1&password=%E0%A4%A')).body).toBe('full pipeline');
  });

  it('should leave requests through a trusted proxy to the full pipeline, which knows the client address', async () => {
    attach(true);
    hot.add('GET', '/x', () => ({ status: 200, headers: {}, body: 'hot' }));
    expect((await send('GET', '/x', undefined, { 'x-forwarded-for': '10.0.0.1' })).body).toBe('full pipeline');
    expect((await send('GET', '/x')).body).toBe('hot');
  });
});

describe('HotRoutes with a form', () => {
  let hot: HotRoutes;
  let server: Server;
  let port: number;

  beforeEach(async () => {
    hot = new HotRoutes();
    hot.attach({ requestSeries: () => ({ observe: () => undefined }), hotAnswerCounter: () => ({ inc: () => undefined }) }, pino({ level: 'silent' }), false, 'all');
    hot.addForm('POST', '/nacos/v1/form', async (r) => {
      if (r.params.fail === 'domain') throw new DomainError('VALIDATION_FAILED', 'content: is required');
      if (r.params.fail === 'bug') throw new Error('boom');
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(r.params) };
    });
    server = createServer((req, res) => {
      if (hot.tryAnswer(req, res)) return;
      req.resume();
      res.writeHead(299, { 'content-type': 'text/plain' }).end('full pipeline');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (body: string | Buffer, headers: Record<string, string> = {}, path = '/nacos/v1/form') =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const chunked = headers['transfer-encoding'] === 'chunked';
      const all = { 'content-type': 'application/x-www-form-urlencoded', ...(chunked ? {} : { 'content-length': String(Buffer.byteLength(body)) }), ...headers };
      const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers: all }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it('should merge the query and the form (the form wins), decoding leniently', async () => {
    const answer = await post('a=form&c=%E4%B8%AD+x&bad=%zz', {}, '/nacos/v1/form?a=query&b=2');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ a: 'form', b: '2', c: '中 x', bad: '%zz' });
  });

  it('should render what the handler throws through the transport of the path', async () => {
    expect(await post('fail=domain')).toEqual({ status: 400, body: 'content: is required' });
    expect(await post('fail=bug')).toEqual({ status: 500, body: 'internal server error' });
  });

  it('should leave other forms to the full pipeline: too large, another charset or type, chunked, empty', async () => {
    expect((await post('a=1', { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' })).status).toBe(200);
    expect((await post('a='.padEnd(HOT_FORM_MAX_BYTES + 1, 'x'))).body).toBe('full pipeline');
    expect((await post('a=1', { 'content-type': 'application/x-www-form-urlencoded; charset=ISO-8859-1' })).body).toBe('full pipeline');
    expect((await post('{"a":1}', { 'content-type': 'application/json' })).body).toBe('full pipeline');
    expect((await post('', {})).body).toBe('full pipeline');
    expect((await post('a=1', { 'transfer-encoding': 'chunked' })).body).toBe('full pipeline');
  });

  it('should leave everything to the full pipeline once shutdown began', async () => {
    hot.beforeApplicationShutdown();
    expect((await post('a=1')).body).toBe('full pipeline');
  });
});

describe('parseQuery', () => {
  it('should decode names and values, keep the first of repeated names, and accept names without values', () => {
    expect(parseQuery('a=1&b=x%20y&a=2&flag&c=%E4%B8%AD')).toEqual({ a: '1', b: 'x y', flag: '', c: '中' });
    expect(parseQuery('')).toEqual({});
  });
});
