import { CONFIG_CENTER_ENDPOINTS, NAMESPACES_ENDPOINTS, NAMING_ENDPOINTS, type HealthView } from '@switchboard/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { call, nacosForm, uniqueId } from '../../support/api';
import { clusterDatabase, MYSQL_URL, POSTGRES_URL, reachable } from '../../support/cluster';
import { removeDir, startServer, type RunningServer } from '../../support/server';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';
import { eventually, repeatEvery } from '../../support/wait';

// The database restarts under load (cluster mode): one node whose DB_URL goes through a TCP
// proxy; stopping the proxy is what a database restart looks like to the node. While it is
// down, writes answer 503 (each transport in its own format) naming the database, reads answer
// from memory, readiness reports the database; once it is back, writes succeed again without a
// restart of the node.
describe.each(['postgres', 'mysql'] as const)('a database outage under load on %s', (type) => {
  const db = clusterDatabase(type);
  let proxy: TcpProxy;
  let node: RunningServer;
  let available = false;

  beforeAll(async () => {
    available = await reachable(db);
    if (!available) return;
    await db.create();
    const url = new URL(db.env.DB_URL);
    const target = new URL(type === 'postgres' ? POSTGRES_URL : MYSQL_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || (type === 'postgres' ? 5432 : 3306)) });
    url.host = `${proxy.host}:${proxy.port}`;
    node = await startServer({ env: { ...db.env, DB_URL: url.toString() } });
  });
  beforeEach((context) => {
    if (!available) context.skip();
  });
  afterAll(async () => {
    await node?.stop();
    if (node) removeDir(node.dataDir);
    await proxy?.close();
    if (available) await db.drop();
  });

  const publicConfig = (dataId: string) => ({ namespaceId: 'public', group: 'DEFAULT_GROUP', dataId });
  const service = (serviceName: string) => ({ namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName });

  // One write of each kind, named so a failure says which.
  const writes = (round: string) => ({
    restPublish: () => call(node.baseUrl, CONFIG_CENTER_ENDPOINTS.publishConfig, { params: publicConfig('outage-rest.properties'), body: { content: `v=${round}` } }),
    nacosV1Publish: () => nacosForm(node.baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId: 'outage-v1.properties', group: 'DEFAULT_GROUP', content: `v=${round}` }),
    nacosV2Publish: () => nacosForm(node.baseUrl, 'POST', '/nacos/v2/cs/config', { dataId: 'outage-v2.properties', group: 'DEFAULT_GROUP', content: `v=${round}` }),
    namespaceCreate: () => call(node.baseUrl, NAMESPACES_ENDPOINTS.createNamespace, { body: { namespaceId: uniqueId('outage'), name: `outage ${round}` } }),
    persistentRegister: () =>
      nacosForm(node.baseUrl, 'POST', '/nacos/v1/ns/instance', { serviceName: 'outage-svc', ip: '10.9.0.1', port: 8000 + Number(round), ephemeral: 'false' }),
  });
  const statuses = async (round: string) => {
    const w = writes(round);
    return {
      restPublish: (await w.restPublish()).status,
      nacosV1Publish: (await w.nacosV1Publish()).status,
      nacosV2Publish: (await w.nacosV2Publish()).status,
      namespaceCreate: (await w.namespaceCreate()).status,
      persistentRegister: (await w.persistentRegister()).status,
    };
  };
  const ready = async () => {
    const res = await fetch(`${node.baseUrl}/health/ready`);
    return { status: res.status, body: (await res.json()) as HealthView };
  };

  it('should answer writes 503 naming the database and reads from memory while it is down, and write again once it is back', { timeout: 120_000 }, async () => {
    onTestFailed(() => console.log(`node log (end):\n${node.output().slice(-6000)}`));
    // What the reads must still answer while the database is away.
    const written = { restPublish: 200, nacosV1Publish: 200, nacosV2Publish: 200, namespaceCreate: 201, persistentRegister: 200 };
    expect(await statuses('1')).toEqual(written);
    const namespaceId = uniqueId('kept');
    expect((await call(node.baseUrl, NAMESPACES_ENDPOINTS.createNamespace, { body: { namespaceId, name: 'kept' } })).status).toBe(201);
    const register = await call(node.baseUrl, NAMING_ENDPOINTS.registerInstance, { params: service('outage-kept'), body: { ip: '10.9.0.2', port: 8080, ephemeral: false } });
    expect(register.status).toBe(201);

    // A light publish load over the Nacos API, before, during and after the outage.
    const loadStatuses: number[] = [];
    let n = 0;
    const load = repeatEvery(50, async () => {
      const res = await nacosForm(node.baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId: 'outage-load.properties', group: 'DEFAULT_GROUP', content: `n=${++n}` });
      loadStatuses.push(res.status);
    });
    try {
      await eventually(() => expect(loadStatuses.filter((s) => s === 200).length).toBeGreaterThan(3), 10_000);
      expect(proxy.connections).toBeGreaterThan(0);

      // The database goes away with publishes in flight: each is answered, committed or 503.
      const inFlight = Array.from({ length: 8 }, (_, i) => nacosForm(node.baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId: `outage-flight-${i}.properties`, group: 'DEFAULT_GROUP', content: 'x' }));
      await proxy.stop();
      const outageStart = loadStatuses.length;
      for (const res of await Promise.all(inFlight)) expect([200, 503]).toContain(res.status);

      // Writes: 503 in each transport's format, naming the database.
      const w = writes('2');
      const rest = await w.restPublish();
      expect(rest.status).toBe(503);
      expect(rest.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/database.*unavailable.*retry/i) });
      expect(rest.headers.get('retry-after')).toMatch(/^\d+$/);
      const v1 = await w.nacosV1Publish();
      expect(v1.status).toBe(503);
      expect(v1.text).toMatch(/database.*unavailable/i);
      expect(v1.headers.get('retry-after')).toMatch(/^\d+$/);
      const v2 = await w.nacosV2Publish();
      expect(v2.status).toBe(503);
      expect(v2.json()).toMatchObject({ code: 30000, data: expect.stringMatching(/database.*unavailable/i) });
      const namespace = await w.namespaceCreate();
      expect(namespace.status).toBe(503);
      expect(namespace.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/database/i) });
      const instance = await w.persistentRegister();
      expect(instance.status).toBe(503);
      expect(instance.text).toMatch(/database.*unavailable/i);

      // Reads: the last content, from memory.
      const v1Read = await nacosForm(node.baseUrl, 'GET', '/nacos/v1/cs/configs', { dataId: 'outage-v1.properties', group: 'DEFAULT_GROUP' });
      expect({ status: v1Read.status, text: v1Read.text }).toEqual({ status: 200, text: 'v=1' });
      const restRead = await call(node.baseUrl, CONFIG_CENTER_ENDPOINTS.getConfig, { params: publicConfig('outage-rest.properties') });
      expect({ status: restRead.status, content: restRead.body.content }).toEqual({ status: 200, content: 'v=1' });
      const instances = await nacosForm(node.baseUrl, 'GET', '/nacos/v1/ns/instance/list', { serviceName: 'outage-kept', healthyOnly: 'false' });
      expect(instances.status).toBe(200);
      expect((instances.json() as { hosts: { ip: string }[] }).hosts.map((h) => h.ip)).toEqual(['10.9.0.2']);
      const namespaces = await call(node.baseUrl, NAMESPACES_ENDPOINTS.listNamespaces);
      expect(namespaces.status).toBe(200);
      expect(namespaces.body.map((ns) => ns.namespaceId)).toContain(namespaceId);

      // Readiness names the database.
      expect(await ready()).toMatchObject({ status: 503, body: { checks: { database: 'failed' } } });

      // The outage lasts a while (the load sees it many times over, the background work of the
      // node meets it too), and the log says so in one line, without a stack trace.
      await eventually(() => expect(loadStatuses.slice(outageStart).filter((s) => s === 503).length).toBeGreaterThanOrEqual(40), 20_000);
      expect(node.output()).toContain('database unavailable');

      // Back: writes succeed again by themselves.
      await proxy.start();
      await eventually(async () => expect(await statuses('3')).toEqual(written), 30_000, 250);
      const after = await nacosForm(node.baseUrl, 'GET', '/nacos/v1/cs/configs', { dataId: 'outage-v1.properties', group: 'DEFAULT_GROUP' });
      expect(after.text).toBe('v=3');
      expect(await ready()).toMatchObject({ status: 200, body: { checks: { database: 'ok' } } });
      const recovered = loadStatuses.length;
      await eventually(() => expect(loadStatuses.slice(recovered)).toContain(200), 10_000);
    } finally {
      await load.stop();
    }

    // Never anything but a success or a 503, no crash, and no stack trace in the log.
    expect(loadStatuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(node.child.exitCode).toBeNull();
    expect(node.output()).not.toContain('unhandled error');
    expect(node.output()).not.toMatch(/"stack"|\n\s+at /);
  });
});
