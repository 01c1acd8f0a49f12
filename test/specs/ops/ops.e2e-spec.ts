import { CLUSTER_ENDPOINTS, NAMESPACES_ENDPOINTS as E, OPS_PATHS, REQUEST_ID_HEADER } from '@switchboard/shared';
import { describe, expect, inject, it } from 'vitest';
import { request } from 'node:http';
import { call } from '../../support/api';
import { bearer, createUser } from '../../support/users';

function announceBody(url: string, length: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': length } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.write('{"name":"');
  });
}

const baseUrl = inject('baseUrl');

describe('ops endpoints', () => {
  it('should answer live and ready with 200', async () => {
    const live = await fetch(`${baseUrl}${OPS_PATHS.live}`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${baseUrl}${OPS_PATHS.ready}`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { startup: 'ok', database: 'ok' } });
  });

  it('should list this node alone as the cluster\'s nodes, to administrators only', async () => {
    const { status, body } = await call(baseUrl, CLUSTER_ENDPOINTS.listNodes);
    expect(status).toBe(200);
    expect(body).toMatchObject({ enabled: false, name: null, nodes: [{ self: true, leader: true, connected: true, noticesSent: 0, noticesReceived: 0 }] });
    const [node] = body.nodes;
    expect(node.nodeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(node.startedAt)).toBeLessThanOrEqual(Date.parse(body.at));
    expect(node.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect((await call(baseUrl, CLUSTER_ENDPOINTS.listNodes, { headers: { authorization: '' } })).status).toBe(401);
    const reader = await createUser(baseUrl, inject('adminToken'), [{ namespaceId: 'public', action: 'read' }]);
    expect((await call(baseUrl, CLUSTER_ENDPOINTS.listNodes, { headers: bearer(reader.token) })).status).toBe(403);
  });

  it('should expose Prometheus text with the request histogram by route and status', async () => {
    await call(baseUrl, E.listNamespaces);
    await call(baseUrl, E.getNamespace, { params: { namespaceId: 'metrics-missing' } });
    const res = await fetch(`${baseUrl}${OPS_PATHS.metrics}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/namespaces",status_code="200"\} [1-9]/);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/namespaces\/:namespaceId",status_code="404"\} [1-9]/);
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).not.toContain('metrics-missing'); // routes are patterns, never raw URLs
  });

  it('should expose the event-loop delay histogram and the expensive requests in flight', async () => {
    const text = await (await fetch(`${baseUrl}${OPS_PATHS.metrics}`)).text();
    expect(text).toContain('# TYPE switchboard_event_loop_delay_seconds histogram');
    for (const le of ['0.001', '0.01', '0.1', '1', '10', '60', '+Inf']) expect(text).toMatch(new RegExp(`^switchboard_event_loop_delay_seconds_bucket\\{le="${le.replace('+', '\\+')}"\\} \\d+$`, 'm'));
    // Node samples the loop every 10 ms; a scrape folds in what it took since the last one.
    expect(Number(/^switchboard_event_loop_delay_seconds_count (\d+)$/m.exec(text)?.[1])).toBeGreaterThan(0);
    expect(text).toMatch(/^switchboard_expensive_requests_in_flight \d+$/m);
  });

  it('should publish the OpenAPI document listing every namespace and cluster endpoint, and its UI', async () => {
    const doc = (await (await fetch(`${baseUrl}${OPS_PATHS.apiDocsJson}`)).json()) as { paths: Record<string, Record<string, unknown>> };
    for (const endpoint of [...Object.values(E), ...Object.values(CLUSTER_ENDPOINTS)]) {
      const path = endpoint.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path], endpoint.path).toBeDefined();
      expect(doc.paths[path][endpoint.method.toLowerCase()], `${endpoint.method} ${endpoint.path}`).toBeDefined();
    }
    expect(Object.keys(doc.paths).every((p) => p.startsWith('/api/v1/'))).toBe(true);
    const ui = await fetch(`${baseUrl}${OPS_PATHS.apiDocs}`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('should return a request id on every answer and echo a safe one given by the caller', async () => {
    const generated = await fetch(`${baseUrl}${E.listNamespaces.path}`);
    expect(generated.headers.get(REQUEST_ID_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await fetch(`${baseUrl}${E.listNamespaces.path}`, { headers: { [REQUEST_ID_HEADER]: 'trace-123' } });
    expect(echoed.headers.get(REQUEST_ID_HEADER)).toBe('trace-123');
    const unsafe = await fetch(`${baseUrl}${E.listNamespaces.path}`, { headers: { [REQUEST_ID_HEADER]: 'a b<script>' } });
    expect(unsafe.headers.get(REQUEST_ID_HEADER)).not.toContain('script');
    const error = await fetch(`${baseUrl}/api/v1/namespaces/nope-nope`);
    expect((await error.json()).requestId).toBe(error.headers.get(REQUEST_ID_HEADER));
  });

  it('should serve the console at / and fall back to it for client-side routes, but not for API paths', async () => {
    const root = await fetch(`${baseUrl}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toContain('text/html');
    const html = await root.text();
    expect(html).toContain('<div id="root"');
    const deep = await fetch(`${baseUrl}/namespaces`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toBe(html);
    const apiMiss = await fetch(`${baseUrl}/api/v1/unknown-thing`);
    expect(apiMiss.status).toBe(404);
    expect(await apiMiss.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    const asset = html.match(/\/assets\/[^"]+\.js/)?.[0];
    expect(asset).toBeDefined();
    const js = await fetch(`${baseUrl}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
  });

  it('should answer an oversized body with 413 and an unsupported media type with 415', async () => {
    // The server answers from the declared length, before the body is sent.
    const big = await announceBody(`${baseUrl}${E.createNamespace.path}`, 17 * 1024 * 1024);
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const xml = await fetch(`${baseUrl}${E.createNamespace.path}`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' });
    expect(xml.status).toBe(415);
  });
});
