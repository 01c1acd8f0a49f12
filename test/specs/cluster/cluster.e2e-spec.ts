import { createHash, randomBytes } from 'node:crypto';
import { AUTH_ENDPOINTS, CONFIG_CENTER_ENDPOINTS, NAMESPACES_ENDPOINTS } from '@switchboard/shared';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, nacosForm, uniqueId } from '../../support/api';
import { changedKeys, longPoll } from '../../support/long-poll';
import { removeDir, startServer, type RunningServer } from '../../support/server';
import { eventually } from '../../support/wait';

// Cluster mode: two nodes on one PostgreSQL schema, told of each other's changes over this
// machine's Redis (a cluster name of their own, so nothing else on the Redis interferes).
const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const getConfig = (node: RunningServer, dataId: string) => nacosForm(node.baseUrl, 'GET', '/nacos/v1/cs/configs', { dataId, group: 'DEFAULT_GROUP' });
const publish = (node: RunningServer, dataId: string, content: string) => nacosForm(node.baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId, group: 'DEFAULT_GROUP', content });

describe('cluster mode: two nodes sharing PostgreSQL and Redis', () => {
  const schema = `sb_cluster_${randomBytes(4).toString('hex')}`;
  const env = { DB_TYPE: 'postgres', DB_URL: POSTGRES_URL, DB_SCHEMA: schema, REDIS_URL, CLUSTER_NAME: schema, CONFIG_LONG_POLL_MIN_HOLD_MS: '500' };
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    await admin(`CREATE SCHEMA "${schema}"`);
    a = await startServer({ env });
    b = await startServer({ env });
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    for (const node of [a, b]) if (node) removeDir(node.dataDir);
    await admin(`DROP SCHEMA "${schema}" CASCADE`);
  });

  it('should report each node ready only while it hears the others', async () => {
    for (const node of [a, b]) {
      const ready = await (await fetch(`${node.baseUrl}/health/ready`)).json();
      expect(ready.checks).toMatchObject({ cluster: 'ok', database: 'ok' });
    }
  });

  it('should push a config published on one node to the long polls held by the other, and serve it there', async () => {
    const dataId = `${uniqueId('pushed')}.properties`;
    expect((await publish(a, dataId, 'level=1')).text).toBe('true');
    await eventually(async () => expect((await getConfig(b, dataId)).text).toBe('level=1'), 10_000);
    const md5 = (await getConfig(b, dataId)).headers.get('content-md5') ?? '';
    // Held on B for up to 30 s: only a push from A's publish answers it with the key.
    const held = longPoll(b.baseUrl, [{ dataId, group: 'DEFAULT_GROUP', md5 }], { timeoutMs: 30_000 });
    await new Promise((r) => setTimeout(r, 300));
    expect((await publish(a, dataId, 'level=2')).text).toBe('true');
    const answer = await held;
    expect(changedKeys(answer)).toEqual([`${dataId}/DEFAULT_GROUP`]);
    expect((await getConfig(b, dataId)).text).toBe('level=2');
  });

  it('should keep one history when both nodes publish the same config at once, every publish acknowledged', async () => {
    const dataId = `${uniqueId('contended')}.properties`;
    expect((await publish(a, dataId, 'n=0')).text).toBe('true');
    const writes = Array.from({ length: 30 }, (_, i) => publish(i % 2 ? b : a, dataId, `n=${i + 1} from ${i % 2 ? 'b' : 'a'}`));
    const answers = await Promise.all(writes);
    expect(answers.map((r) => r.status)).toEqual(Array(30).fill(200));
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId };
    const history = await call(a.baseUrl, CONFIG_CENTER_ENDPOINTS.listVersions, { params: key, query: { pageNo: 1, pageSize: 100 } });
    expect(history.body.total).toBe(31);
    expect(history.body.items.map((v) => v.version)).toEqual(Array.from({ length: 31 }, (_, i) => 31 - i));
    // Both nodes end on the last version written, whichever node wrote it.
    const last = await call(a.baseUrl, CONFIG_CENTER_ENDPOINTS.getVersion, { params: { ...key, version: 31 } });
    for (const node of [a, b]) {
      await eventually(async () => {
        const view = await call(node.baseUrl, CONFIG_CENTER_ENDPOINTS.getConfig, { params: key });
        expect(view.body).toMatchObject({ version: 31, content: last.body.content, md5: last.body.md5 });
      }, 10_000);
    }
  });

  it('should record a change in the audit trail once, on the node that made it', async () => {
    const dataId = `${uniqueId('audited')}.properties`;
    expect((await publish(b, dataId, 'x=1')).text).toBe('true');
    await eventually(async () => expect((await getConfig(a, dataId)).text).toBe('x=1'), 10_000);
    await new Promise((r) => setTimeout(r, 600)); // both nodes' audit batches written
    const audit = await call(a.baseUrl, AUTH_ENDPOINTS.listAudit, { query: { action: 'config.publish', pageNo: 1, pageSize: 100 } });
    expect(audit.body.items.filter((e) => e.target === `DEFAULT_GROUP/${dataId}`)).toHaveLength(1);
  });

  it('should show a namespace created on one node on the other, and take it away when deleted', async () => {
    const namespaceId = uniqueId('ns');
    expect((await call(a.baseUrl, NAMESPACES_ENDPOINTS.createNamespace, { body: { namespaceId, name: '集群 one' } })).status).toBe(201);
    await eventually(async () => expect((await call(b.baseUrl, NAMESPACES_ENDPOINTS.getNamespace, { params: { namespaceId } })).body).toMatchObject({ name: '集群 one' }), 10_000);
    expect((await call(b.baseUrl, NAMESPACES_ENDPOINTS.deleteNamespace, { params: { namespaceId } })).status).toBe(204);
    await eventually(async () => expect((await call(a.baseUrl, NAMESPACES_ENDPOINTS.getNamespace, { params: { namespaceId } })).status).toBe(404), 10_000);
  });

  it('should run a canary started on one node on the other, and end it there when aborted', async () => {
    const dataId = `${uniqueId('canary')}.properties`;
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId };
    expect((await publish(a, dataId, 'stable=1')).text).toBe('true');
    await eventually(async () => expect((await getConfig(b, dataId)).text).toBe('stable=1'), 10_000);
    const started = await call(a.baseUrl, CONFIG_CENTER_ENDPOINTS.startCanary, { params: key, body: { content: 'candidate=1', target: { ips: ['127.0.0.1'] } } });
    expect(started.status).toBe(201);
    // B answers the targeted client (this test, from 127.0.0.1) with the candidate.
    await eventually(async () => expect((await getConfig(b, dataId)).text).toBe('candidate=1'), 10_000);
    expect((await call(b.baseUrl, CONFIG_CENTER_ENDPOINTS.getCanary, { params: key })).body).toMatchObject({ id: started.body.id });
    expect((await call(b.baseUrl, CONFIG_CENTER_ENDPOINTS.abortCanary, { params: key, body: { reason: 'done' } })).status).toBe(200);
    await eventually(async () => expect((await getConfig(a, dataId)).text).toBe('stable=1'), 10_000);
    expect((await call(a.baseUrl, CONFIG_CENTER_ENDPOINTS.getCanary, { params: key })).status).toBe(404);
  });

  it('should reload what it missed while cut off from Redis once it is back', async () => {
    const dataId = `${uniqueId('missed')}.properties`;
    expect((await publish(a, dataId, 'v=1')).text).toBe('true');
    await eventually(async () => expect((await getConfig(b, dataId)).text).toBe('v=1'), 10_000);
    // A change no notice told of (as one lost while B was cut off): written straight into the
    // database, with the version after the one B holds.
    await admin(`UPDATE "${schema}"."configs" SET content = 'v=2', md5 = '${createHash('md5').update('v=2').digest('hex')}', version = version + 1 WHERE data_id = '${dataId}'`);
    await new Promise((r) => setTimeout(r, 300));
    expect((await getConfig(b, dataId)).text).toBe('v=1');
    // B started after A, so its Redis connections are the newer ones; cutting them makes it
    // reconnect, and a node that reconnects reloads from the database.
    const redis = new URL(REDIS_URL);
    const control = new Redis({ host: redis.hostname, port: Number(redis.port || 6379), lazyConnect: true });
    await control.connect();
    try {
      const connections = String(await control.client('LIST'))
        .split('\n')
        .map((line) => ({ id: Number(/\bid=(\d+)/.exec(line)?.[1]), name: /\bname=(\S*)/.exec(line)?.[1] ?? '' }))
        .filter((c) => c.name.startsWith('switchboard-'));
      const newest = connections.reduce((x, y) => (y.id > x.id ? y : x));
      const ofB = connections.filter((c) => c.name === newest.name);
      expect(ofB).toHaveLength(2);
      for (const connection of ofB) await control.client('KILL', 'ID', String(connection.id));
    } finally {
      control.disconnect();
    }
    await eventually(async () => expect((await getConfig(b, dataId)).text).toBe('v=2'), 10_000);
    await eventually(async () => expect((await (await fetch(`${b.baseUrl}/health/ready`)).json()).checks.cluster).toBe('ok'), 10_000);
  });
});
