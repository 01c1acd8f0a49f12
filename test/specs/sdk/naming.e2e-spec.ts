import { createClient, type InstanceView, type SwitchboardClient } from '@switchboard/client';
import { NAMING_ENDPOINTS as N } from '@switchboard/shared';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { runSdkChild } from '../../support/sdk-child';
import { eventually } from '../../support/wait';

const baseUrl = inject('baseUrl');
const token = inject('adminToken');
const serviceKey = (serviceName: string) => ({ namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName });
const listed = async (serviceName: string) => (await call(baseUrl, N.listInstances, { params: serviceKey(serviceName), query: { healthyOnly: false } })).body.instances ?? [];

describe('client.naming', () => {
  const clients: SwitchboardClient[] = [];
  const newClient = () => {
    const client = createClient({ url: baseUrl, token });
    clients.push(client);
    return client;
  };
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
  });

  describe('register', () => {
    for (const kind of ['cjs', 'esm'] as const) {
      it(`should remove the instance when the registering process is killed (${kind} build)`, async () => {
        const serviceName = uniqueId('killed');
        const child = runSdkChild(
          kind,
          `const client = sdk.createClient({ url: env.URL, token: env.TOKEN });
           report('registered', await client.naming.register(env.SERVICE, { ip: '127.0.0.9', port: 7001, weight: 3, tags: ['${kind}'] }));
           setInterval(() => undefined, 60_000);`,
          { URL: baseUrl, TOKEN: token, SERVICE: serviceName },
        );
        try {
          const registered = await child.line<InstanceView>('registered');
          expect(registered).toMatchObject({ ip: '127.0.0.9', port: 7001, weight: 3, ephemeral: true, tags: [kind] });
          expect((await listed(serviceName)).map((i) => i.instanceId)).toEqual([registered.instanceId]);
          await child.kill('SIGKILL');
          await eventually(async () => expect(await listed(serviceName)).toEqual([]), 5_000);
        } finally {
          await child.kill('SIGKILL');
        }
      });
    }

    it('should deregister an instance and keep the others when asked to', async () => {
      const serviceName = uniqueId('deregister');
      const client = newClient();
      await client.naming.register(serviceName, { ip: '127.0.0.10', port: 7001 });
      await client.naming.register({ serviceName }, { ip: '127.0.0.10', port: 7002 });
      expect((await listed(serviceName)).map((i) => i.port).sort()).toEqual([7001, 7002]);
      await client.naming.deregister(serviceName, { ip: '127.0.0.10', port: 7001 });
      expect((await listed(serviceName)).map((i) => i.port)).toEqual([7002]);
    });
  });

  describe('discover', () => {
    it('should follow registrations, removals and a closed connection live', async () => {
      const serviceName = uniqueId('discover');
      const provider = newClient();
      const consumer = newClient();
      const live = consumer.naming.discover(serviceName);
      const changes: string[][] = [];
      live.onChange((instances) => changes.push(instances.map((i) => `${i.ip}:${i.port}`).sort()));
      await live.ready;
      expect(live.instances()).toEqual([]);

      await provider.naming.register(serviceName, { ip: '127.0.0.11', port: 8001, tags: ['blue'] });
      await provider.naming.register(serviceName, { ip: '127.0.0.12', port: 8001, clusterName: 'eu' });
      await eventually(() => expect(live.instances().map((i) => i.ip).sort()).toEqual(['127.0.0.11', '127.0.0.12']));
      expect(consumer.naming.discover(serviceName, { tags: ['blue'] }).instances().map((i) => i.ip)).toEqual(['127.0.0.11']);
      expect(consumer.naming.discover(serviceName, { cluster: 'eu' }).instances().map((i) => i.ip)).toEqual(['127.0.0.12']);

      await provider.naming.deregister(serviceName, { ip: '127.0.0.11', port: 8001 });
      await eventually(() => expect(live.instances().map((i) => i.ip)).toEqual(['127.0.0.12']));
      // The server removes what a connection registered when it closes.
      await provider.close();
      await eventually(() => expect(live.instances()).toEqual([]));
      expect(changes.at(-1)).toEqual([]);
      expect(live.revision).toBeGreaterThan(0);
      live.close();
    });
  });

  describe('pick', () => {
    it('should pick healthy instances by weight and never a disabled or unhealthy one when the threshold is not reached', async () => {
      const serviceName = uniqueId('pick');
      const provider = newClient();
      await provider.naming.register(serviceName, { ip: '127.0.0.21', port: 9001, weight: 1 });
      await provider.naming.register(serviceName, { ip: '127.0.0.22', port: 9001, weight: 3 });
      await provider.naming.register(serviceName, { ip: '127.0.0.23', port: 9001, weight: 100, healthy: false });
      await provider.naming.register(serviceName, { ip: '127.0.0.24', port: 9001, weight: 100 });
      await call(baseUrl, N.updateInstance, { params: { ...serviceKey(serviceName), clusterName: 'DEFAULT', ip: '127.0.0.24', port: 9001 }, body: { enabled: false } });
      const consumer = newClient();
      await eventually(async () => expect((await consumer.naming.pick(serviceName, { random: () => 0.99 }))?.ip).toBe('127.0.0.22'));
      expect((await consumer.naming.pick(serviceName, { random: () => 0.1 }))?.ip).toBe('127.0.0.21');
      const picked = new Set<string>();
      for (let i = 0; i < 40; i++) picked.add((await consumer.naming.pick(serviceName, { random: () => i / 40 }))!.ip);
      expect([...picked].sort()).toEqual(['127.0.0.21', '127.0.0.22']);
    });

    it('should pick among unhealthy instances too when the healthy share is at or below the protect threshold', async () => {
      const serviceName = uniqueId('protected');
      const admin = newClient();
      await admin.admin.naming.createService({ body: { serviceName, protectThreshold: 0.5 } });
      await admin.naming.register(serviceName, { ip: '127.0.0.31', port: 9001 });
      for (const ip of ['127.0.0.32', '127.0.0.33', '127.0.0.34']) await admin.naming.register(serviceName, { ip, port: 9001, healthy: false });
      const consumer = newClient();
      const live = consumer.naming.discover(serviceName);
      await eventually(() => expect(live.instances()).toHaveLength(4)); // protected: the unhealthy ones are returned too
      const picked = new Set<string>();
      for (let i = 0; i < 40; i++) picked.add((await consumer.naming.pick(serviceName, { random: () => i / 40 }))!.ip);
      expect([...picked].sort()).toEqual(['127.0.0.31', '127.0.0.32', '127.0.0.33', '127.0.0.34']);
      live.close();
    });
  });
});
