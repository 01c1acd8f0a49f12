import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nacosForm, uniqueId } from '../../support/api';
import { clusterDatabase, reachable } from '../../support/cluster';
import { startRedisServer, type RedisServer } from '../../support/redis-server';
import { removeDir, startServer, type RunningServer } from '../../support/server';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';
import { eventually, repeatEvery } from '../../support/wait';

// Redis crashes and comes back empty while the cluster is under load: no config change is lost
// (the change feed carries them), the instances kept alive by beats are written back to the
// shared hash, and an instance deregistered on one node while Redis was away is not brought back
// by a node that still held it (a tombstone with a newer version wins).
const getConfig = (node: RunningServer, dataId: string) => nacosForm(node.baseUrl, 'GET', '/nacos/v1/cs/configs', { dataId, group: 'DEFAULT_GROUP' });
const readiness = async (node: RunningServer) => ((await (await fetch(`${node.baseUrl}/health/ready`)).json()) as { checks: Record<string, string> }).checks;
const listIps = async (node: RunningServer, serviceName: string) => {
  const res = await nacosForm(node.baseUrl, 'GET', '/nacos/v1/ns/instance/list', { serviceName, healthyOnly: 'false' });
  return res.status === 200 ? (res.json() as { hosts: { ip: string }[] }).hosts.map((h) => h.ip).sort() : [];
};

describe.each(['postgres', 'mysql'] as const)('cluster mode on %s: Redis restarted under load', (type) => {
  const db = clusterDatabase(type);
  // Expiry far away: whatever disappears here was removed, not expired.
  const naming = { NAMING_UNHEALTHY_AFTER_MS: '30000', NAMING_EXPIRE_AFTER_MS: '60000' };
  let available = false;
  let redis: RedisServer;
  let proxyOfA: TcpProxy;
  const started: RunningServer[] = [];

  beforeAll(async () => {
    available = await reachable(db);
    if (!available) return;
    await db.create();
    redis = await startRedisServer();
    proxyOfA = await startTcpProxy({ host: '127.0.0.1', port: redis.port });
  });
  beforeEach((context) => {
    if (!available) context.skip();
  });
  afterAll(async () => {
    await Promise.all(started.map((node) => node.stop()));
    for (const node of started) removeDir(node.dataDir);
    await proxyOfA?.close();
    await redis?.kill();
    if (available) await db.drop();
  });

  it('should lose no change, write back the beating instances and keep a deregistered one removed', async () => {
    const env = { ...db.env, ...naming, REDIS_URL: redis.url };
    const start = async (extra: Record<string, string> = {}) => {
      const node = await startServer({ env: { ...env, ...extra } });
      started.push(node);
      return node;
    };
    // A reaches Redis through a proxy, so it can be kept away while B comes back first.
    const a = await start({ REDIS_URL: `redis://127.0.0.1:${proxyOfA.port}` });
    const b = await start();
    const serviceName = uniqueId('svc');
    const register = (node: RunningServer, ip: string) => nacosForm(node.baseUrl, 'POST', '/nacos/v1/ns/instance', { serviceName, ip, port: '8080', ephemeral: 'true' });
    const beat = (node: RunningServer, ip: string) => nacosForm(node.baseUrl, 'PUT', '/nacos/v1/ns/instance/beat', { serviceName, beat: JSON.stringify({ serviceName, ip, port: 8080, cluster: 'DEFAULT' }) });
    expect((await register(a, '10.0.0.1')).text).toBe('ok');
    expect((await register(b, '10.0.0.2')).text).toBe('ok');
    const beatsOfFirst = repeatEvery(1000, () => beat(a, '10.0.0.1'));
    const beatsOfSecond = repeatEvery(1000, () => beat(b, '10.0.0.2'));
    await eventually(async () => {
      for (const node of [a, b]) expect(await listIps(node, serviceName)).toEqual(['10.0.0.1', '10.0.0.2']);
    }, 10_000);

    // Publishers on both nodes all along, each publish a config of its own.
    const acknowledged: string[] = [];
    let publishing = true;
    const publishers = [a, b].map(async (node, n) => {
      for (let i = 0; publishing; i++) {
        const dataId = `${serviceName}-load-${n}-${i}.properties`;
        const res = await nacosForm(node.baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId, group: 'DEFAULT_GROUP', content: `n=${i}` });
        if (res.text === 'true') acknowledged.push(dataId);
      }
    });

    await proxyOfA.stop();
    await redis.kill();
    await eventually(async () => {
      for (const node of [a, b]) expect((await readiness(node)).cluster).toBe('failed');
    }, 10_000);
    // Deregistered on B while Redis is away: A is not told.
    await beatsOfSecond.stop();
    expect((await nacosForm(b.baseUrl, 'DELETE', '/nacos/v1/ns/instance', { serviceName, ip: '10.0.0.2', port: '8080', ephemeral: 'true' })).text).toBe('ok');
    expect(await listIps(b, serviceName)).toEqual(['10.0.0.1']);
    expect(await listIps(a, serviceName)).toEqual(['10.0.0.1', '10.0.0.2']);

    // Redis comes back empty; B reconnects first and writes back what it holds.
    await redis.start();
    await eventually(async () => expect((await readiness(b)).cluster).toBe('ok'), 15_000);
    const inspect = redis.client();
    await inspect.connect();
    try {
      const hashOf = async () => Object.values(await inspect.hgetall(`${db.name}:instances`)).map((value) => JSON.parse(value) as { instance: { ip: string }; removed?: boolean });
      await eventually(async () => {
        const entries = await hashOf();
        expect(entries.filter((e) => !e.removed).map((e) => e.instance.ip)).toEqual(['10.0.0.1']);
        expect(entries.filter((e) => e.removed).map((e) => e.instance.ip)).toEqual(['10.0.0.2']);
      }, 10_000);
      // A comes back holding the instance B removed: it writes it back, the tombstone wins.
      await proxyOfA.start();
      await eventually(async () => expect((await readiness(a)).cluster).toBe('ok'), 15_000);
      await eventually(async () => expect(await listIps(a, serviceName)).toEqual(['10.0.0.1']), 10_000);
      const entries = await hashOf();
      expect(entries.filter((e) => !e.removed).map((e) => e.instance.ip)).toEqual(['10.0.0.1']);
    } finally {
      inspect.disconnect();
    }

    publishing = false;
    await Promise.all(publishers);
    await beatsOfFirst.stop();
    // A node started now loads the instances from the hash: the beating one, not the removed one.
    const c = await start();
    expect(await listIps(c, serviceName)).toEqual(['10.0.0.1']);
    expect(await listIps(b, serviceName)).toEqual(['10.0.0.1']);
    // Every acknowledged publish, on every node.
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const node of [a, b, c]) {
      await eventually(async () => {
        for (const dataId of acknowledged) expect((await getConfig(node, dataId)).status, `${dataId} on ${node.baseUrl}`).toBe(200);
      }, 10_000);
    }
  });
});
