import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AUTH_ENDPOINTS as A, CONFIG_CENTER_ENDPOINTS as C, NAMESPACES_ENDPOINTS as N } from '@switchboard/shared';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { call, nacosForm, uniqueId } from '../../support/api';
import { removeDir, startServer, tempDataDir } from '../../support/server';
import { bearer, createUser } from '../../support/users';
import { eventually } from '../../support/wait';

function generatedPassword(log: string): string {
  const match = /generated password: (\S+)/.exec(log);
  if (!match) throw new Error(`no generated password in the log:\n${log}`);
  return match[1];
}

describe('secure by default', () => {
  const dirs = [tempDataDir('switchboard-install-a-'), tempDataDir('switchboard-install-b-')];
  afterAll(() => dirs.forEach(removeDir));

  it('should give two fresh installs different secrets and admin passwords, and keep them across a restart', async () => {
    const installs: { password: string; secret: string; token: string }[] = [];
    for (const dataDir of dirs) {
      const server = await startServer({ dataDir, env: { AUTH_ENABLED: 'true', LOG_LEVEL: 'info' } });
      const password = generatedPassword(server.output());
      const secretFile = join(dataDir, 'token-secret');
      expect(statSync(secretFile).mode & 0o777).toBe(0o600);
      const login = await call(server.baseUrl, A.login, { body: { username: 'admin', password } });
      expect(login.status).toBe(200);
      installs.push({ password, secret: readFileSync(secretFile, 'utf8'), token: login.body.accessToken });
      await server.stop();
    }
    expect(installs[0].password).not.toBe(installs[1].password);
    expect(installs[0].secret).not.toBe(installs[1].secret);
    expect(installs[0].secret.trim().length).toBeGreaterThanOrEqual(32);

    // Restart: the same secret (old tokens stay valid), the same password, no new password printed.
    const again = await startServer({ dataDir: dirs[0], env: { AUTH_ENABLED: 'true', LOG_LEVEL: 'info' } });
    try {
      expect(again.output()).not.toContain('generated password');
      expect(readFileSync(join(dirs[0], 'token-secret'), 'utf8')).toBe(installs[0].secret);
      expect((await call(again.baseUrl, N.listNamespaces, { headers: bearer(installs[0].token) })).status).toBe(200);
      expect((await call(again.baseUrl, A.login, { body: { username: 'admin', password: installs[0].password } })).status).toBe(200);
      // A token of the other install is worthless here.
      expect((await call(again.baseUrl, N.listNamespaces, { headers: bearer(installs[1].token) })).status).toBe(401);
    } finally {
      await again.stop();
    }
  }, 60_000);

  it('should say loudly when authentication is off', async () => {
    const dataDir = tempDataDir('switchboard-noauth-');
    const server = await startServer({ dataDir, env: { AUTH_ENABLED: 'false', LOG_LEVEL: 'info' } });
    try {
      expect(server.output()).toContain('AUTHENTICATION IS OFF');
      expect((await call(server.baseUrl, A.me)).body).toMatchObject({ authEnabled: false, admin: true });
    } finally {
      await server.stop();
      removeDir(dataDir);
    }
  });
});

describe('audit trail', () => {
  const baseUrl = inject('baseUrl');

  it('should list each change with the acting user, and never config content', async () => {
    const admin = inject('adminToken');
    const namespaceId = uniqueId('audit');
    await call(baseUrl, N.createNamespace, { body: { namespaceId, name: 'audited' } });
    const writer = await createUser(baseUrl, admin, [{ namespaceId, action: 'write' }]);
    await call(baseUrl, C.publishConfig, { params: { namespaceId, group: 'G', dataId: 'db.properties' }, body: { content: 'password=very-secret-value' }, headers: bearer(writer.token) });
    await nacosForm(baseUrl, 'POST', '/nacos/v1/ns/instance', { namespaceId, serviceName: 'svc', ip: '10.1.1.1', port: 1, accessToken: writer.token });
    // Audit rows are written in the background, right after the change.
    const list = await eventually(async () => {
      const res = await call(baseUrl, A.listAudit, { query: { namespaceId, pageSize: 50 } });
      expect(res.status).toBe(200);
      const rows = res.body.items.map((e) => [e.actor, e.action, e.target]);
      expect(rows).toContainEqual(['admin', 'namespace.created', namespaceId]);
      expect(rows).toContainEqual([writer.username, 'config.publish', 'G/db.properties']);
      expect(rows).toContainEqual([writer.username, 'service.created', 'DEFAULT_GROUP@@svc']);
      expect(rows).toContainEqual([writer.username, 'instance.registered', 'DEFAULT_GROUP@@svc DEFAULT 10.1.1.1:1']);
      return res;
    });
    expect(JSON.stringify(list.body)).not.toContain('very-secret-value');
    const users = await call(baseUrl, A.listAudit, { query: { action: 'user.', actor: 'admin' } });
    expect(users.body.items.some((e) => e.action === 'user.create' && e.target === writer.username)).toBe(true);
    expect(list.body.items.every((e) => e.sourceIp === '127.0.0.1')).toBe(true);
  });
});
