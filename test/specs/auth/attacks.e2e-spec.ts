import { createHmac } from 'node:crypto';
import { AUTH_ENDPOINTS as A, CONFIG_CENTER_ENDPOINTS as C, NAMESPACES_ENDPOINTS as N, NAMING_ENDPOINTS as S } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, nacosForm, uniqueId } from '../../support/api';
import { connect, subscribe } from '../../support/realtime';
import { removeDir, startServer, type RunningServer } from '../../support/server';
import { bearer, createUser, type TestUser } from '../../support/users';

const SECRET = 'attack-spec-signing-secret-0123456789abcdef';
const NACOS_DEFAULT_SECRET = 'SecretKey012345678901234567890123456789012345678901234567890123456789';
const ADMIN_PASSWORD = 'attack-spec-admin-pw';

function b64(value: object | string): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

function jwt(payload: object, secret: string | null, alg = 'HS256'): string {
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
  return secret === null ? `${head}.` : `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

const nowS = () => Math.floor(Date.now() / 1000);

describe('known attacks', () => {
  let server: RunningServer;
  let admin: string;
  let reader: TestUser; // read on public only
  let tenantA: TestUser; // write on ns-a only

  beforeAll(async () => {
    server = await startServer({ env: { AUTH_ENABLED: 'true', AUTH_TOKEN_SECRET: SECRET, AUTH_ADMIN_PASSWORD: ADMIN_PASSWORD, AUTH_MAX_FAILED_LOGINS: '3', AUTH_LOGIN_DELAY_MS: '0' } });
    admin = (await call(server.baseUrl, A.login, { body: { username: 'admin', password: ADMIN_PASSWORD } })).body.accessToken;
    for (const namespaceId of ['ns-a', 'ns-b']) await call(server.baseUrl, N.createNamespace, { body: { namespaceId, name: namespaceId }, headers: bearer(admin) });
    await call(server.baseUrl, C.publishConfig, { params: { namespaceId: 'ns-b', group: 'G', dataId: 'secret.properties' }, body: { content: 'password=hunter2' }, headers: bearer(admin) });
    await call(server.baseUrl, C.publishConfig, { params: { namespaceId: 'public', group: 'G', dataId: 'app.properties' }, body: { content: 'a=1' }, headers: bearer(admin) });
    await call(server.baseUrl, S.registerInstance, { params: { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: 'orders' }, body: { ip: '10.0.0.1', port: 80, ephemeral: false }, headers: bearer(admin) });
    reader = await createUser(server.baseUrl, admin, [{ namespaceId: 'public', action: 'read' }]);
    tenantA = await createUser(server.baseUrl, admin, [{ namespaceId: 'ns-a', action: 'write' }]);
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  it('should grant nothing for User-Agent: Nacos-Server (CVE-2021-29441)', async () => {
    const ua = { 'user-agent': 'Nacos-Server' };
    expect((await nacosForm(server.baseUrl, 'GET', '/nacos/v1/cs/configs', { dataId: 'app.properties', group: 'G' }, { headers: ua })).status).toBe(403);
    expect((await call(server.baseUrl, A.listUsers, { headers: ua })).status).toBe(401);
    expect((await call(server.baseUrl, A.createUser, { body: { username: 'intruder', password: 'intruder-pw' }, headers: ua })).status).toBe(401);
  });

  it.each([
    ['signed with the published Nacos default secret', () => jwt({ sub: 'admin', exp: nowS() + 3600 }, NACOS_DEFAULT_SECRET)],
    ['with alg none', () => jwt({ sub: 'admin', exp: nowS() + 3600 }, null, 'none')],
    ['signed with a wrong secret', () => jwt({ sub: 'admin', exp: nowS() + 3600 }, 'wrong-secret-wrong-secret-wrong-secret')],
    ['expired', () => jwt({ sub: 'admin', exp: nowS() - 10 }, SECRET)],
    ['for a user that does not exist', () => jwt({ sub: 'nobody', exp: nowS() + 3600 }, SECRET)],
  ])('should refuse a token %s on every surface', async (_label, make) => {
    const token = make();
    expect((await call(server.baseUrl, N.listNamespaces, { headers: bearer(token) })).status).toBe(401);
    expect((await nacosForm(server.baseUrl, 'GET', '/nacos/v1/cs/configs', { dataId: 'app.properties', group: 'G', accessToken: token })).status).toBe(403);
    expect((await nacosForm(server.baseUrl, 'GET', '/nacos/v2/cs/config', { dataId: 'app.properties', group: 'G', accessToken: token })).json()).toMatchObject({ code: 10001 });
    await expect(connect(server.baseUrl, token)).rejects.toThrow('UNAUTHENTICATED');
  });

  it('should accept a well-formed token signed with the right secret (so the refusals above are meaningful)', async () => {
    const token = jwt({ sub: 'admin', exp: nowS() + 3600 }, SECRET);
    expect((await call(server.baseUrl, N.listNamespaces, { headers: bearer(token) })).status).toBe(200);
  });

  it('should let a read-only user read but not publish, delete, deregister or change weights on any surface', async () => {
    const key = { namespaceId: 'public', group: 'G', dataId: 'app.properties' };
    const h = bearer(reader.token);
    expect((await call(server.baseUrl, C.getConfig, { params: key, headers: h })).status).toBe(200);
    expect((await call(server.baseUrl, C.publishConfig, { params: key, body: { content: 'a=2' }, headers: h })).status).toBe(403);
    expect((await call(server.baseUrl, C.deleteConfig, { params: key, headers: h })).status).toBe(403);
    const instance = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: 'orders', clusterName: 'DEFAULT', ip: '10.0.0.1', port: 80 };
    expect((await call(server.baseUrl, S.updateInstance, { params: instance, body: { weight: 0 }, headers: h })).status).toBe(403);
    expect((await call(server.baseUrl, S.deregisterInstance, { params: instance, headers: h })).status).toBe(403);
    const t = { accessToken: reader.token };
    expect((await nacosForm(server.baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId: 'app.properties', group: 'G', content: 'a=3', ...t })).status).toBe(403);
    expect((await nacosForm(server.baseUrl, 'DELETE', '/nacos/v1/cs/configs', { dataId: 'app.properties', group: 'G', ...t })).status).toBe(403);
    expect((await nacosForm(server.baseUrl, 'POST', '/nacos/v2/cs/config', { dataId: 'app.properties', group: 'G', content: 'a=3', ...t })).status).toBe(403);
    expect((await nacosForm(server.baseUrl, 'DELETE', '/nacos/v1/ns/instance', { serviceName: 'orders', ip: '10.0.0.1', port: 80, ephemeral: 'false', ...t })).status).toBe(403);
    expect((await nacosForm(server.baseUrl, 'PUT', '/nacos/v1/ns/instance', { serviceName: 'orders', ip: '10.0.0.1', port: 80, weight: 0, ...t })).status).toBe(403);
    expect((await nacosForm(server.baseUrl, 'PUT', '/nacos/v2/ns/instance', { serviceName: 'orders', ip: '10.0.0.1', port: 80, weight: 0, ...t })).status).toBe(403);
    expect((await nacosForm(server.baseUrl, 'POST', '/nacos/v1/ns/instance', { serviceName: 'orders', ip: '10.0.0.9', port: 80, ...t })).status).toBe(403);
    const socket = await connect(server.baseUrl, reader.token);
    try {
      const ack = await socket.timeout(10_000).emitWithAck('instance.register', { service: { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: 'orders' }, instance: { ip: '10.0.0.8', port: 1 } });
      expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      socket.disconnect();
    }
    // Nothing changed.
    const config = await call(server.baseUrl, C.getConfig, { params: key, headers: bearer(admin) });
    expect(config.body).toMatchObject({ content: 'a=1', version: 1 });
    const instances = await call(server.baseUrl, S.listInstances, { params: { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: 'orders' }, headers: bearer(admin) });
    expect(instances.body.instances).toEqual([expect.objectContaining({ ip: '10.0.0.1', weight: 1 })]);
  });

  it("should keep namespace A's user out of namespace B over REST, the Nacos API and socket.io", async () => {
    const key = { namespaceId: 'ns-b', group: 'G', dataId: 'secret.properties' };
    expect((await call(server.baseUrl, C.getConfig, { params: key, headers: bearer(tenantA.token) })).status).toBe(403);
    expect((await call(server.baseUrl, C.listConfigs, { params: { namespaceId: 'ns-b' }, headers: bearer(tenantA.token) })).status).toBe(403);
    const v1 = await nacosForm(server.baseUrl, 'GET', '/nacos/v1/cs/configs', { dataId: 'secret.properties', group: 'G', tenant: 'ns-b', accessToken: tenantA.token });
    expect(v1.status).toBe(403);
    expect(v1.text).not.toContain('hunter2');
    expect((await nacosForm(server.baseUrl, 'GET', '/nacos/v2/cs/config', { dataId: 'secret.properties', group: 'G', namespaceId: 'ns-b', accessToken: tenantA.token })).status).toBe(403);
    const search = await nacosForm(server.baseUrl, 'GET', '/nacos/v1/cs/configs', { search: 'blur', dataId: '*', group: '', tenant: 'ns-b', pageNo: 1, pageSize: 10, accessToken: tenantA.token });
    expect(search.status).toBe(403);
    const listener = await nacosForm(server.baseUrl, 'POST', '/nacos/v1/cs/configs/listener', { 'Listening-Configs': 'secret.properties\u0002G\u0002\u0002ns-b\u0001', accessToken: tenantA.token });
    expect(listener.status).toBe(403);
    const namespaces = await call(server.baseUrl, N.listNamespaces, { headers: bearer(tenantA.token) });
    expect(namespaces.body.map((n) => n.namespaceId)).toEqual(['ns-a']);
    const socket = await connect(server.baseUrl, tenantA.token);
    try {
      expect(await subscribe(socket, { kind: 'config', ...key })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const own = await subscribe(socket, { kind: 'config', namespaceId: 'ns-a', group: 'G', dataId: 'x' });
      expect(own.ok).toBe(true);
      const list = await subscribe(socket, { kind: 'namespaces' });
      expect((list as { snapshot: { namespaceId: string }[] }).snapshot.map((n) => n.namespaceId)).toEqual(['ns-a']);
    } finally {
      socket.disconnect();
    }
    // Admin-only operations stay admin-only.
    expect((await call(server.baseUrl, N.createNamespace, { body: { name: 'mine' }, headers: bearer(tenantA.token) })).status).toBe(403);
    expect((await call(server.baseUrl, A.listUsers, { headers: bearer(tenantA.token) })).status).toBe(403);
  });

  it('should lock an address out for a user after repeated failed logins, even for the right password', async () => {
    const victim = await createUser(server.baseUrl, admin, []);
    // A password that has not signed in from this address yet (one that has keeps working here).
    const password = 'a-fresh-password';
    expect((await call(server.baseUrl, A.changePassword, { params: { username: victim.username }, body: { password }, headers: bearer(admin) })).status).toBe(204);
    for (let i = 0; i < 3; i++) {
      expect((await call(server.baseUrl, A.login, { body: { username: victim.username, password: `wrong-${i}` } })).status).toBe(401);
    }
    const locked = await call(server.baseUrl, A.login, { body: { username: victim.username, password } });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('LOGIN_LOCKED');
    expect((await nacosForm(server.baseUrl, 'POST', '/nacos/v1/auth/login', { username: victim.username, password })).status).toBe(429);
    const unknown = await call(server.baseUrl, A.login, { body: { username: uniqueId('ghost'), password: 'whatever-pw' } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toBe((await call(server.baseUrl, A.login, { body: { username: reader.username, password: 'wrong-pw-1' } })).body.message);
  });
});
