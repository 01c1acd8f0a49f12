import { AUTH_ENDPOINTS as A, CONFIG_CENTER_ENDPOINTS as C } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, nacosForm, uniqueId } from '../../support/api';
import { nacosConfigClient, type NacosConfigClient } from '../../support/nacos-config-client';
import { removeDir, startServer, type RunningServer } from '../../support/server';
import { bearer, createUser } from '../../support/users';

const ADMIN_PASSWORD = 'lockout-spec-admin-pw';
// Requests through the trusted proxy (the test itself, on 127.0.0.1) name their client in
// X-Forwarded-For; requests without it come from 127.0.0.1.
const ATTACKER = { 'x-forwarded-for': '203.0.113.9' };
const OFFICE = { 'x-forwarded-for': '198.51.100.7' };

describe('failed logins counted per user and client address', () => {
  let server: RunningServer;
  let adminToken: string;
  const clients: NacosConfigClient[] = [];

  async function login(username: string, password: string, headers: Record<string, string>) {
    return call(server.baseUrl, A.login, { body: { username, password }, headers });
  }

  // Five wrong passwords for a user, as anyone who can reach the port can send.
  async function attack(username: string, headers = ATTACKER): Promise<void> {
    for (let i = 0; i < 5; i++) expect((await login(username, `guess-${i}`, headers)).status).toBe(401);
    const locked = await login(username, 'guess-5', headers);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ code: 'LOGIN_LOCKED', details: { reason: 'lockout' } });
  }

  async function auditOf(username: string) {
    const page = await call(server.baseUrl, A.listAudit, { query: { action: 'user.' }, headers: bearer(adminToken) });
    return page.body.items.filter((e) => e.target === username).map((e) => ({ action: e.action, actor: e.actor, sourceIp: e.sourceIp, details: e.details }));
  }

  beforeAll(async () => {
    server = await startServer({
      env: {
        AUTH_ENABLED: 'true',
        AUTH_ADMIN_PASSWORD: ADMIN_PASSWORD,
        TRUSTED_PROXIES: '127.0.0.1',
        AUTH_MAX_FAILED_LOGINS: '5',
        AUTH_LOGIN_DELAY_MS: '0',
        // Every request with username and password is verified again, as once a cached pair expires.
        AUTH_CREDENTIAL_CACHE_MS: '1',
      },
    });
    adminToken = (await login('admin', ADMIN_PASSWORD, OFFICE)).body.accessToken;
    await call(server.baseUrl, C.publishConfig, { params: { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: 'fleet.properties' }, body: { content: 'fleet=1' }, headers: bearer(adminToken) });
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await server.stop();
    removeDir(server.dataDir);
  });

  it("should keep the victim's Nacos clients and console login working from their own addresses while an attacker locks out theirs", async () => {
    const fleet = await nacosConfigClient(server.baseUrl, undefined, { username: 'admin', password: ADMIN_PASSWORD });
    clients.push(fleet);
    expect(await fleet.getConfig('fleet.properties', 'DEFAULT_GROUP')).toBe('fleet=1');

    await attack('admin');

    // The fleet's client (from 127.0.0.1) verifies its password again on every request.
    expect(await fleet.publishSingle('fleet.properties', 'DEFAULT_GROUP', 'fleet=2')).toBe(true);
    expect(await fleet.getConfig('fleet.properties', 'DEFAULT_GROUP')).toBe('fleet=2');
    expect((await nacosForm(server.baseUrl, 'GET', '/nacos/v1/cs/configs', { dataId: 'fleet.properties', group: 'DEFAULT_GROUP', username: 'admin', password: ADMIN_PASSWORD })).text).toBe('fleet=2');
    // The console, from the office.
    expect((await login('admin', ADMIN_PASSWORD, OFFICE)).status).toBe(200);
    // The attacker's address stays locked out, even with the right password.
    expect((await login('admin', ADMIN_PASSWORD, ATTACKER)).status).toBe(429);
    expect((await nacosForm(server.baseUrl, 'POST', '/nacos/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD }, { headers: ATTACKER })).status).toBe(429);
  }, 30_000);

  it('should let a password that succeeded from an address keep working there through a lock-out of that address', async () => {
    const user = await createUser(server.baseUrl, adminToken, [{ namespaceId: 'public', action: 'read' }]);
    const shared = { 'x-forwarded-for': '192.0.2.44' }; // the user's clients and the attacker behind one NAT
    const read = () => nacosForm(server.baseUrl, 'GET', '/nacos/v1/cs/configs', { dataId: 'fleet.properties', group: 'DEFAULT_GROUP', username: user.username, password: user.password }, { headers: shared, anonymous: true });
    expect((await read()).status).toBe(200);
    await attack(user.username, shared);
    expect((await read()).status).toBe(200);
    expect((await login(user.username, user.password, shared)).status).toBe(200);
    // Anything else from there is still refused.
    expect((await login(user.username, 'another-guess', shared)).status).toBe(429);
  });

  it('should count unknown users alike, so the answers do not tell whether a user exists', async () => {
    const ghost = uniqueId('ghost');
    await attack(ghost);
  });

  it('should list the locked-out addresses, let an administrator unlock the user, and audit both', async () => {
    const user = await createUser(server.baseUrl, adminToken, []);
    await attack(user.username);
    const listed = (await call(server.baseUrl, A.listUsers, { headers: bearer(adminToken) })).body.find((u) => u.username === user.username);
    expect(listed).toMatchObject({ locked: true, lockouts: [{ address: '203.0.113.9', lockedUntil: expect.any(String) }] });
    expect(Date.parse(listed!.lockouts[0].lockedUntil)).toBeGreaterThan(Date.now());

    // Only administrators unlock; an unknown user is a 404.
    expect((await call(server.baseUrl, A.unlockUser, { params: { username: user.username }, headers: bearer(user.token) })).status).toBe(403);
    expect((await call(server.baseUrl, A.unlockUser, { params: { username: uniqueId('nobody') }, headers: bearer(adminToken) })).status).toBe(404);

    const unlocked = await call(server.baseUrl, A.unlockUser, { params: { username: user.username }, headers: { ...bearer(adminToken), ...OFFICE } });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({ username: user.username, locked: false, lockouts: [] });
    expect((await login(user.username, user.password, ATTACKER)).status).toBe(200);

    expect(await auditOf(user.username)).toEqual([
      { action: 'user.unlock', actor: 'admin', sourceIp: '198.51.100.7', details: { addresses: '203.0.113.9' } },
      { action: 'user.lockout', actor: 'system', sourceIp: '203.0.113.9', details: { address: '203.0.113.9', until: listed!.lockouts[0].lockedUntil } },
      { action: 'user.create', actor: 'admin', sourceIp: '127.0.0.1', details: {} },
    ]);
  });

  it('should not believe X-Forwarded-For from a client that is not a trusted proxy', async () => {
    const other = await startServer({ env: { AUTH_ENABLED: 'true', AUTH_ADMIN_PASSWORD: ADMIN_PASSWORD, AUTH_LOGIN_DELAY_MS: '0' } });
    try {
      const user = { 'x-forwarded-for': '198.51.100.200' };
      // Each attempt claims another address; all of them count against 127.0.0.1.
      for (let i = 0; i < 5; i++) expect((await call(other.baseUrl, A.login, { body: { username: 'admin', password: 'guess' }, headers: { 'x-forwarded-for': `203.0.113.${i}` } })).status).toBe(401);
      expect((await call(other.baseUrl, A.login, { body: { username: 'admin', password: ADMIN_PASSWORD }, headers: user })).status).toBe(429);
    } finally {
      await other.stop();
      removeDir(other.dataDir);
    }
  });
});

describe('waits after failed logins', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ env: { AUTH_ENABLED: 'true', AUTH_ADMIN_PASSWORD: ADMIN_PASSWORD, TRUSTED_PROXIES: '127.0.0.1', AUTH_LOGIN_DELAY_MS: '600000' } });
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  it('should make the third attempt from an address wait, and no other address', async () => {
    const attempt = (password: string, headers: Record<string, string>) => call(server.baseUrl, A.login, { body: { username: 'admin', password }, headers });
    expect((await attempt('guess-1', ATTACKER)).status).toBe(401);
    const second = Date.now();
    expect((await attempt('guess-2', ATTACKER)).status).toBe(401);
    const waiting = await attempt(ADMIN_PASSWORD, ATTACKER);
    expect(waiting.status).toBe(429);
    expect(waiting.body).toMatchObject({ code: 'LOGIN_LOCKED', details: { reason: 'delay' } });
    expect(Date.parse((waiting.body.details as { lockedUntil: string }).lockedUntil)).toBeGreaterThanOrEqual(second + 600_000 - 1000);
    expect((await attempt(ADMIN_PASSWORD, OFFICE)).status).toBe(200);
  });
});
