import { createClient, type SwitchboardClient } from '@switchboard/client';
import { NAMING_ENDPOINTS as N } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { removeDir, startServer, type RunningServer } from '../../support/server';
import { eventually } from '../../support/wait';

// A server of its own: the spec restarts it under registered and discovering clients.
describe('client.naming across a server restart', () => {
  let server: RunningServer;
  const clients: SwitchboardClient[] = [];

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
    removeDir(server.dataDir);
  });

  it('should register its instances again and refresh discovery when the connection comes back', async () => {
    const serviceName = uniqueId('restart');
    const params = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName };
    const provider = createClient({ url: server.baseUrl });
    const consumer = createClient({ url: server.baseUrl });
    clients.push(provider, consumer);
    await provider.naming.register(serviceName, { ip: '127.0.0.51', port: 6001, metadata: { build: '7' } });
    const live = consumer.naming.discover(serviceName);
    await eventually(() => expect(live.instances().map((i) => i.ip)).toEqual(['127.0.0.51']));

    // Socket-registered instances live in the server's memory only: a restart forgets them.
    await server.stop();
    server = await startServer({ dataDir: server.dataDir, port: server.port });
    await eventually(async () => {
      const listed = await call(server.baseUrl, N.listInstances, { params });
      expect(listed.body.instances?.map((i) => [i.ip, i.metadata.build])).toEqual([['127.0.0.51', '7']]);
    }, 20_000);
    await eventually(() => expect(live.instances().map((i) => i.ip)).toEqual(['127.0.0.51']), 20_000);
    expect((await consumer.naming.pick(serviceName))?.port).toBe(6001);
  });
});
