import { AUTH_ENDPOINTS as A, CONFIG_CENTER_ENDPOINTS as C, NAMESPACES_ENDPOINTS as N, NAMING_ENDPOINTS as S, buildQuery } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../support/api';
import { removeDir, startServer, type RunningServer } from '../../support/server';
import { bearer } from '../../support/users';
import { jsonObject, form, LEAK, SPACED_PAYLOADS } from '../../support/fuzz';
import { fuzzGrpc } from '../../support/fuzz-grpc';

// Every payload holds a space, so none of them is a valid id, IP, port or number anywhere; only
// identifier fields are fuzzed (free-text fields such as names accept these), so any request that
// succeeded would be a bug, which the data check at the end catches.
const PAYLOADS = SPACED_PAYLOADS;
// Keys no route reads, or that break naive handling of keys (prototype keys, bracket syntax).
const KEYS = ['__proto__', 'constructor', '[[[[', 'a.b', 'a[]', '', 'x'.repeat(5000), '名字', '\u0000'];
const BODIES = ['{', '[]', 'null', '"text"', '{"name": 123}', '{"content": {"x": 1}}', `{"name": "${'x'.repeat(200_000)}"}`, '{"__proto__": {"admin": true}}', JSON.stringify({ a: { b: { c: { d: { e: [[[[[]]]]] } } } } }), '\u0000\u0001'];
const NACOS_ROUTES: [string, string, string[]][] = [
  ['POST', '/nacos/v1/cs/configs', ['dataId', 'group', 'tenant']],
  ['GET', '/nacos/v1/cs/configs', ['dataId', 'group', 'tenant', 'search', 'pageNo']],
  ['DELETE', '/nacos/v1/cs/configs', ['dataId', 'group', 'tenant']],
  ['POST', '/nacos/v1/cs/configs/listener', ['Listening-Configs']],
  ['GET', '/nacos/v1/cs/history', ['dataId', 'group', 'nid']],
  ['POST', '/nacos/v2/cs/config', ['dataId', 'group', 'namespaceId']],
  ['POST', '/nacos/v1/ns/instance', ['serviceName', 'ip', 'port', 'namespaceId', 'weight']],
  ['PUT', '/nacos/v1/ns/instance', ['serviceName', 'ip', 'port', 'weight']],
  ['DELETE', '/nacos/v1/ns/instance', ['serviceName', 'ip', 'port']],
  ['GET', '/nacos/v1/ns/instance/list', ['serviceName', 'clusters', 'udpPort', 'namespaceId']],
  ['PUT', '/nacos/v1/ns/instance/beat', ['serviceName', 'beat', 'ip', 'port']],
  ['POST', '/nacos/v1/ns/service', ['serviceName', 'protectThreshold']],
  ['POST', '/nacos/v2/ns/instance', ['serviceName', 'ip', 'port']],
  ['POST', '/nacos/v1/console/namespaces', ['customNamespaceId']],
  ['PUT', '/nacos/v1/console/namespaces', ['namespace']],
  ['POST', '/nacos/v1/auth/login', ['username', 'password']],
];
const VALID: Record<string, string> = { dataId: 'fuzz.properties', group: 'G', content: 'a=1', serviceName: 'fuzz', ip: '10.9.9.9', port: '80', namespaceName: 'x', namespaceShowName: 'x', namespace: 'public' };

describe('fuzzing every route with malformed input', () => {
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    server = await startServer({ env: { AUTH_ENABLED: 'true', AUTH_ADMIN_PASSWORD: 'fuzz-admin-pw', AUTH_MAX_FAILED_LOGINS: '1000000' } });
    token = (await call(server.baseUrl, A.login, { body: { username: 'admin', password: 'fuzz-admin-pw' } })).body.accessToken;
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  async function snapshot(): Promise<string> {
    const h = bearer(token);
    const parts = await Promise.all([
      call(server.baseUrl, N.listNamespaces, { headers: h }),
      call(server.baseUrl, C.listConfigs, { params: { namespaceId: 'public' }, query: { pageSize: 500 }, headers: h }),
      call(server.baseUrl, S.listServices, { params: { namespaceId: 'public' }, query: { pageSize: 500 }, headers: h }),
      call(server.baseUrl, A.listUsers, { headers: h }),
      call(server.baseUrl, A.listPermissions, { headers: h }),
    ]);
    return JSON.stringify(parts.map((p) => p.body));
  }

  it('should answer thousands of malformed requests without a 5xx, stay healthy and change nothing', async () => {
    const before = await snapshot();
    const doc = (await (await fetch(`${server.baseUrl}/api/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const requests: { method: string; url: string; body?: string; type?: string }[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods).map((m) => m.toUpperCase())) {
        for (const payload of PAYLOADS) {
          const url = path.replace(/\{[^}]+\}/g, encodeURIComponent(payload.slice(0, 3000)));
          requests.push({ method, url: `${url}${buildQuery({ pageNo: payload.slice(0, 100), pageSize: payload.slice(0, 100), healthyOnly: payload.slice(0, 100) })}` });
          for (const body of BODIES) if (method !== 'GET' && method !== 'DELETE') requests.push({ method, url, body, type: 'application/json' });
        }
        // Hostile keys beside an invalid identifier: in the query, and as the keys of a body.
        const url = path.replace(/\{[^}]+\}/g, encodeURIComponent(PAYLOADS[0]));
        for (const key of KEYS) {
          requests.push({ method, url: `${url}?${form([[key, 'x'], ['pageNo', PAYLOADS[7]]])}` });
          if (method !== 'GET' && method !== 'DELETE') requests.push({ method, url, body: jsonObject([[key, 'x']]), type: 'application/json' });
        }
      }
    }
    for (const [method, path, fields] of NACOS_ROUTES) {
      for (const field of fields) {
        for (const payload of PAYLOADS) {
          const text = `${new URLSearchParams({ ...VALID, [field]: payload, accessToken: token }).toString()}&${form([[KEYS[payload.length % KEYS.length], 'x']])}`;
          requests.push(method === 'GET' || method === 'DELETE' ? { method, url: `${path}?${text}` } : { method, url: path, body: text, type: 'application/x-www-form-urlencoded' });
        }
      }
    }
    requests.push({ method: 'GET', url: '/api/v1/../../etc/passwd' }, { method: 'GET', url: '/%2e%2e/%2e%2e/etc/passwd' }, { method: 'POST', url: '/api/v1/namespaces', body: '{"name": "x"}', type: 'text/yaml' });
    expect(requests.length).toBeGreaterThan(2_000);

    const failures: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < requests.length) {
          const r = requests[next++];
          const send = () => fetch(`${server.baseUrl}${r.url}`, { method: r.method, headers: { ...bearer(token), ...(r.type ? { 'content-type': r.type } : {}) }, body: r.body });
          let res: Response;
          try {
            res = await send();
          } catch (error) {
            // A kept-alive connection closed under the request as the client reused it: sent
            // once more on a new one. A server that went down fails this retry, and the health
            // and snapshot checks below.
            if ((error as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw error;
            res = await send();
          }
          const text = await res.text();
          if (res.status >= 500) failures.push(`${r.method} ${r.url.slice(0, 120)} → ${res.status} ${text.slice(0, 200)}`);
          if (LEAK.test(text)) failures.push(`${r.method} ${r.url.slice(0, 120)} leaks internals: ${text.slice(0, 200)}`);
        }
      }),
    );
    expect(failures).toEqual([]);
    expect((await fetch(`${server.baseUrl}/health/ready`)).status).toBe(200);
    const after = await snapshot();
    expect(JSON.parse(after)).toEqual(JSON.parse(before));
  }, 180_000);

  it('should answer thousands of malformed Nacos gRPC requests with protocol errors, never a server fault, and keep the connection', async () => {
    const result = await fuzzGrpc(server, { token, messages: 3_000, seed: 'e2e' });
    expect(result.answers).toBeGreaterThan(2_000);
    expect(result.problems).toEqual([]);
    expect((await fetch(`${server.baseUrl}/health/ready`)).status).toBe(200);
  }, 120_000);
});
