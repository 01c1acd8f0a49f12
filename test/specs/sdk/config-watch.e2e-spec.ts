import { createClient, type ConfigEntry, type SwitchboardClient } from '@switchboard/client';
import { CONFIG_CENTER_ENDPOINTS as E } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { freePort, removeDir, startServer, type RunningServer } from '../../support/server';
import { eventually } from '../../support/wait';

// A server of its own: the spec stops and restarts it under a connected watcher.
describe('client.config.watch', () => {
  let server: RunningServer;
  const clients: SwitchboardClient[] = [];
  const newClient = () => {
    const client = createClient({ url: server.baseUrl });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server?.stop();
    removeDir(server.dataDir);
  });

  it('should deliver the current entry, then every change, once each, when configs are published and deleted', async () => {
    const client = newClient();
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('watch')}.yaml` };
    await call(server.baseUrl, E.publishConfig, { params: key, body: { content: 'level: 1\n', type: 'yaml' } });
    const seen: (ConfigEntry | null)[] = [];
    const watch = client.config.watch(key.group, key.dataId, (entry) => seen.push(entry));
    expect(await watch.ready).toMatchObject({ content: 'level: 1\n', type: 'yaml', version: 1 });

    await call(server.baseUrl, E.publishConfig, { params: key, body: { content: 'level: 2\n', type: 'yaml' } });
    await eventually(() => expect(seen.at(-1)?.content).toBe('level: 2\n'));
    // The same content again is no change.
    await call(server.baseUrl, E.publishConfig, { params: key, body: { content: 'level: 2\n', type: 'yaml' } });
    await call(server.baseUrl, E.deleteConfig, { params: key });
    await eventually(() => expect(seen.at(-1)).toBeNull());
    expect(seen.map((e) => e?.content ?? null)).toEqual(['level: 1\n', 'level: 2\n', null]);
    expect(watch.current).toBeNull();
    watch.close();
  });

  it('should deliver a change published while it was disconnected and changes after a server restart', async () => {
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('restart')}.properties` };
    await call(server.baseUrl, E.publishConfig, { params: key, body: { content: 'a=1', type: 'properties' } });
    const watcher = newClient();
    const seen: (ConfigEntry | null)[] = [];
    const watch = watcher.config.watch(key.group, key.dataId, (entry) => seen.push(entry));
    await watch.ready;
    {
      // The server goes away; the same data comes back on a port the watcher does not know,
      // where a change is published while the watcher cannot connect.
      const port = server.port;
      await server.stop();
      const elsewhere = await startServer({ dataDir: server.dataDir, port: await freePort() });
      await call(elsewhere.baseUrl, E.publishConfig, { params: key, body: { content: 'a=2', type: 'properties' } });
      await elsewhere.stop();
      expect(seen.map((e) => e?.content)).toEqual(['a=1']);

      // Back at the address the watcher retries: the missed change arrives once, then new ones.
      server = await startServer({ dataDir: server.dataDir, port });
      await eventually(() => expect(seen.map((e) => e?.content)).toEqual(['a=1', 'a=2']), 20_000);
      await call(server.baseUrl, E.publishConfig, { params: key, body: { content: 'a=3', type: 'properties' } });
      await eventually(() => expect(seen.map((e) => e?.content)).toEqual(['a=1', 'a=2', 'a=3']), 5_000);
      expect(seen.map((e) => e?.version)).toEqual([1, 2, 3]);
    }
  });

  it('should parse a watched entry with the typed parsers when it changes', async () => {
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('typed')}.json` };
    await call(server.baseUrl, E.publishConfig, { params: key, body: { content: '{"pool": 1}', type: 'json' } });
    const client = newClient();
    expect(await client.config.getJson<{ pool: number }>(key.group, key.dataId)).toEqual({ pool: 1 });
    expect(await client.config.getJson(key.group, `${key.dataId}.missing`)).toBeNull();
  });
});
