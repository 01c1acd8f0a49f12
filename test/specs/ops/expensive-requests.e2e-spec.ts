import { request, type IncomingMessage } from 'node:http';
import { AUTH_ENDPOINTS, CONFIG_CENTER_ENDPOINTS as C, buildPath } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, nacosForm } from '../../support/api';
import { startServer, removeDir, type RunningServer } from '../../support/server';
import { bearer, createUser, type TestUser } from '../../support/users';
import { eventually } from '../../support/wait';

// Config searches, exports and history diffs: each caller may have EXPENSIVE_REQUESTS_PER_CALLER
// in flight (here 1); a slot is held until the answer has been written out. To hold one without
// sleeping, a search answer far larger than the socket buffers is left unread: the server cannot
// finish writing it until the reader reads or goes away.
const IN_FLIGHT = 'switchboard_expensive_requests_in_flight';
const BIG_CONTENT_BYTES = 30 * 1024 * 1024;

async function metric(baseUrl: string, series: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : NaN;
}

// Starts a request and resolves once its headers are in, leaving the body unread.
function unreadResponse(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      res.pause();
      resolve(res);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('per-caller limit on expensive requests', () => {
  let server: RunningServer;
  let admin: string;
  let reader: TestUser;
  const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: 'history.properties' };

  beforeAll(async () => {
    server = await startServer({
      env: {
        AUTH_ENABLED: 'true',
        AUTH_ADMIN_PASSWORD: 'expensive-admin-pw',
        EXPENSIVE_REQUESTS_PER_CALLER: '1',
        CONFIG_MAX_CONTENT_BYTES: String(BIG_CONTENT_BYTES + 1024),
        BODY_LIMIT_BYTES: String(BIG_CONTENT_BYTES + 1024 * 1024),
      },
    });
    const login = await call(server.baseUrl, AUTH_ENDPOINTS.login, { body: { username: 'admin', password: 'expensive-admin-pw' } });
    admin = login.body.accessToken;
    reader = await createUser(server.baseUrl, admin, [{ namespaceId: 'public', action: 'read' }]);
    for (const n of [1, 2]) {
      const big = await call(server.baseUrl, C.publishConfig, { params: { ...key, dataId: `big-${n}.txt` }, body: { content: `${n}`.repeat(BIG_CONTENT_BYTES) }, headers: bearer(admin) });
      expect(big.status).toBe(200);
    }
    for (const content of ['a=1\n', 'a=2\n']) expect((await call(server.baseUrl, C.publishConfig, { params: key, body: { content }, headers: bearer(admin) })).status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('should answer 429 to a caller holding its limit, on every expensive endpoint and transport, and serve others', async () => {
    const { baseUrl } = server;
    const holder = await unreadResponse(`${baseUrl}/nacos/v1/cs/configs?search=blur&dataId=big-*&group=&pageNo=1&pageSize=10&accessToken=${admin}`);
    try {
      expect(holder.statusCode).toBe(200);
      await eventually(async () => expect(await metric(baseUrl, IN_FLIGHT)).toBe(1), 5_000);

      const list = await call(baseUrl, C.listConfigs, { params: { namespaceId: 'public' }, query: { mode: 'blur', dataId: '*' }, headers: bearer(admin) });
      expect(list.status).toBe(429);
      expect(list.body).toMatchObject({ code: 'TOO_MANY_CONCURRENT_REQUESTS', message: expect.stringContaining('at most 1 config searches, exports and history diffs per caller') });
      expect((await call(baseUrl, C.diffVersions, { params: key, query: { from: 1, to: 2 }, headers: bearer(admin) })).status).toBe(429);
      const zip = await fetch(`${baseUrl}${buildPath(C.exportConfigs.path, { namespaceId: 'public' })}`, { headers: bearer(admin) });
      expect(zip.status).toBe(429);
      const v1 = await nacosForm(baseUrl, 'GET', '/nacos/v1/cs/configs', { search: 'accurate', dataId: key.dataId, group: key.group, accessToken: admin });
      expect(v1.status).toBe(429);
      expect(v1.text).toContain('EXPENSIVE_REQUESTS_PER_CALLER');
      const v2 = await nacosForm(baseUrl, 'GET', '/nacos/v2/cs/history/configs', { namespaceId: 'public', accessToken: admin });
      expect(v2.status).toBe(429);
      expect(v2.json()).toMatchObject({ code: 30000, data: expect.stringContaining('too many concurrent requests') });
      expect((await nacosForm(baseUrl, 'GET', '/nacos/v1/cs/history/configs', { tenant: '', accessToken: admin })).status).toBe(429);

      // Cheap reads of the same caller are not limited; another user (from the same address) has slots of its own.
      expect((await call(baseUrl, C.getConfig, { params: key, headers: bearer(admin) })).status).toBe(200);
      const other = await call(baseUrl, C.listConfigs, { params: { namespaceId: 'public' }, query: { mode: 'blur', dataId: 'history*' }, headers: bearer(reader.token) });
      expect(other.status).toBe(200);
      expect(other.body.items.map((i) => i.dataId)).toEqual([key.dataId]);
      expect(await metric(baseUrl, 'switchboard_expensive_requests_refused_total{kind="search"}')).toBeGreaterThanOrEqual(2);
    } finally {
      holder.destroy();
    }

    // The reader went away: the slot comes back.
    await eventually(async () => expect(await metric(baseUrl, IN_FLIGHT)).toBe(0), 5_000);
    expect((await call(baseUrl, C.listConfigs, { params: { namespaceId: 'public' }, headers: bearer(admin) })).status).toBe(200);
  });

  it('should give the slot back when the work fails', async () => {
    const { baseUrl } = server;
    const missing = await call(baseUrl, C.diffVersions, { params: key, query: { from: 1, to: 99 }, headers: bearer(admin) });
    expect(missing.status).toBe(404);
    await eventually(async () => expect(await metric(baseUrl, IN_FLIGHT)).toBe(0), 5_000);
    const diff = await call(baseUrl, C.diffVersions, { params: key, query: { from: 1, to: 2 }, headers: bearer(admin) });
    expect(diff.status).toBe(200);
    expect(diff.body.unifiedDiff).toContain('+a=2');
  });
});
