import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { uniqueId } from '../../support/api';
import { freePort } from '../../support/server';
import { createUser } from '../../support/users';
import { nacosConfigClient, type NacosConfigClient } from '../../support/nacos-config-client';
import { nacosNamingClient, type NacosNamingClient } from '../../support/nacos-client';

const baseUrl = inject('baseUrl');

// Nacos config clients share one leader connection per machine (cluster-client, on port 7777
// unless NODE_CLUSTER_CLIENT_PORT says otherwise): each call gets a port, so a leader of its own.
async function once(host: string, action: 'get' | 'publish', dataId: string, content = '', username = '', password = ''): Promise<{ ok: boolean; value?: unknown; error?: string }> {
  const port = await freePort();
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NODE_CLUSTER_CLIENT_PORT: String(port) };
    execFile(process.execPath, [join(__dirname, '../../support/nacos-config-once.cjs'), host, action, dataId, 'DEFAULT_GROUP', content, username, password], { timeout: 20_000, env }, (error, stdout) => {
      if (error) reject(error);
      else resolve(JSON.parse(stdout) as { ok: boolean });
    });
  });
}
const credentials = { username: inject('adminUsername'), password: inject('adminPassword') };

describe('the nacos npm client against an auth-enabled server', () => {
  const configClients: NacosConfigClient[] = [];
  const namingClients: NacosNamingClient[] = [];
  afterAll(async () => {
    configClients.forEach((c) => c.close());
    await Promise.all(namingClients.map((c) => c.close().catch(() => undefined)));
  });

  it('should publish and read configs with username and password, and be refused without them', async () => {
    const withCredentials = await nacosConfigClient(baseUrl, undefined, credentials);
    configClients.push(withCredentials);
    const dataId = uniqueId('authcfg');
    expect(await withCredentials.publishSingle(dataId, 'DEFAULT_GROUP', 'secret=1')).toBe(true);
    expect(await withCredentials.getConfig(dataId, 'DEFAULT_GROUP')).toBe('secret=1');
    // Other clients run in processes of their own (clients of one process share credentials).
    const host = new URL(baseUrl).host;
    expect(await once(host, 'get', dataId)).toMatchObject({ ok: false, error: expect.stringContaining('403') });
    expect(await once(host, 'publish', dataId, 'hijacked=1')).toMatchObject({ ok: false, error: expect.stringContaining('403') });
    // A wrong password (for a user of its own: the client retries, and repeated failures lock
    // the user out, which then answers 429).
    const victim = await createUser(baseUrl, inject('adminToken'), [{ namespaceId: 'public', action: 'read' }]);
    expect(await once(host, 'get', dataId, '', victim.username, 'not-the-password')).toMatchObject({ ok: false, error: expect.stringMatching(/Status: (403|429)/) });
    expect(await once(host, 'get', dataId, '', credentials.username, credentials.password)).toEqual({ ok: true, value: 'secret=1' });
    expect(await withCredentials.getConfig(dataId, 'DEFAULT_GROUP')).toBe('secret=1');
  }, 30_000);

  it('should register and discover instances with username and password, and be refused without them', async () => {
    const withCredentials = await nacosNamingClient(baseUrl, 'public', credentials);
    const anonymous = await nacosNamingClient(baseUrl);
    namingClients.push(withCredentials, anonymous);
    const service = uniqueId('authsvc');
    await withCredentials.registerInstance(service, { ip: '127.0.0.1', port: 7777 });
    expect((await withCredentials.getAllInstances(service, 'DEFAULT_GROUP', '', false)).map((h) => h.port)).toEqual([7777]);
    await expect(anonymous.registerInstance(service, { ip: '127.0.0.1', port: 7778 })).rejects.toThrow();
    await expect(anonymous.getAllInstances(service, 'DEFAULT_GROUP', '', false)).rejects.toThrow();
    expect((await withCredentials.getAllInstances(service, 'DEFAULT_GROUP', '', false)).map((h) => h.port)).toEqual([7777]);
  }, 30_000);
});
