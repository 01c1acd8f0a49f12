import { NAMING_ENDPOINTS as E } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../support/api';
import { nacosNamingClient, type NacosHost, type NacosNamingClient } from '../../support/nacos-client';
import { removeDir, startServer, type RunningServer } from '../../support/server';
import { eventually } from '../../support/wait';

// Short heartbeat settings so expiry is seen in seconds. The npm client sends its first beat
// up to 10 s after it starts (then at the interval the server tells it), so the timeouts stay
// above that. Clients are told to poll a service only once a minute, so within a test only a UDP
// push can bring them a change.
const SHORT = { NAMING_HEARTBEAT_INTERVAL_MS: '300', NAMING_UNHEALTHY_AFTER_MS: '11000', NAMING_EXPIRE_AFTER_MS: '12000', NAMING_SWEEP_INTERVAL_MS: '100', NAMING_PUSH_CACHE_MILLIS: '60000' };

describe('the nacos npm client against Switchboard', () => {
  let server: RunningServer;
  const clients: NacosNamingClient[] = [];

  beforeAll(async () => {
    server = await startServer({ env: SHORT });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await server.stop();
    removeDir(server.dataDir);
  });

  async function client(): Promise<NacosNamingClient> {
    const c = await nacosNamingClient(server.baseUrl);
    clients.push(c);
    return c;
  }

  it('should report the server UP', async () => {
    expect(await (await client()).getServerStatus()).toBe('UP');
  });

  it('should register two instances with metadata and weight and discover them', async () => {
    const c = await client();
    await c.registerInstance('orders', { ip: '127.0.0.1', port: 9001, weight: 3, metadata: { zone: 'a', 版本: '二' } });
    await c.registerInstance('orders', { ip: '127.0.0.1', port: 9002, metadata: { zone: 'b' } });
    const hosts = await c.getAllInstances('orders', 'DEFAULT_GROUP', '', false);
    const byPort = new Map(hosts.map((h) => [h.port, h]));
    expect([...byPort.keys()].sort()).toEqual([9001, 9002]);
    expect(byPort.get(9001)).toMatchObject({ ip: '127.0.0.1', weight: 3, healthy: true, enabled: true, metadata: { zone: 'a', 版本: '二' } });
    expect(byPort.get(9002)?.weight).toBe(1);
    const healthy = await c.selectInstances('orders', 'DEFAULT_GROUP', '', true, false);
    expect(healthy.map((h) => h.port).sort()).toEqual([9001, 9002]);
  });

  it('should tell a subscriber about a deregister by UDP push, long before its next poll', async () => {
    const owner = await client();
    const watcher = await client();
    await owner.registerInstance('payments', { ip: '127.0.0.1', port: 9101 });
    await owner.registerInstance('payments', { ip: '127.0.0.1', port: 9102 });
    const updates: NacosHost[][] = [];
    watcher.subscribe('payments', (hosts) => updates.push(hosts));
    await eventually(() => expect(updates.at(-1)?.map((h) => h.port).sort()).toEqual([9101, 9102]), 5_000);
    await owner.deregisterInstance('payments', { ip: '127.0.0.1', port: 9102 });
    await eventually(() => expect(updates.at(-1)?.map((h) => h.port)).toEqual([9101]), 10_000);
  });

  it('should keep an instance alive by its beats and drop it after its client is closed', async () => {
    const c = await nacosNamingClient(server.baseUrl);
    await c.registerInstance('inventory', { ip: '127.0.0.1', port: 9201 });
    const key = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: 'inventory', clusterName: 'DEFAULT', ip: '127.0.0.1', port: 9201 };
    const registered = await call(server.baseUrl, E.getInstance, { params: key });
    // Beats arrive and move lastHeartbeatAt forward, at the interval the server told the client.
    const beats = new Set<string>();
    await eventually(async () => {
      const seen = (await call(server.baseUrl, E.getInstance, { params: key })).body;
      expect(seen.healthy).toBe(true);
      beats.add(seen.lastHeartbeatAt!);
      expect(beats.size).toBeGreaterThanOrEqual(3);
    }, 15_000, 100);
    expect(Date.parse([...beats].sort().at(-1)!)).toBeGreaterThan(Date.parse(registered.body.lastHeartbeatAt!));
    await c.close();
    await eventually(async () => {
      expect((await call(server.baseUrl, E.getInstance, { params: key })).status).toBe(404);
    }, 15_000, 200);
  }, 40_000);
});
