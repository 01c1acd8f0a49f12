import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HotRoutes, parseQuery } from './hot-routes';

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
    hot.attach({ observeRequest: (method, route, status) => observed.push(`${method} ${route} ${status}`) }, pino({ level: 'silent' }), trustsProxies);

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

  it('should leave requests through a trusted proxy to the full pipeline, which knows the client address', async () => {
    attach(true);
    hot.add('GET', '/x', () => ({ status: 200, headers: {}, body: 'hot' }));
    expect((await send('GET', '/x', undefined, { 'x-forwarded-for': '10.0.0.1' })).body).toBe('full pipeline');
    expect((await send('GET', '/x')).body).toBe('hot');
  });
});

describe('parseQuery', () => {
  it('should decode names and values, keep the first of repeated names, and accept names without values', () => {
    expect(parseQuery('a=1&b=x%20y&a=2&flag&c=%E4%B8%AD')).toEqual({ a: '1', b: 'x y', flag: '', c: '中' });
    expect(parseQuery('')).toEqual({});
  });
});
