import { createHash } from 'node:crypto';
import { CLUSTER_ENDPOINTS } from '@switchboard/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, nacosForm, uniqueId } from '../../support/api';
import { clusterDatabase, reachable, REDIS_URL } from '../../support/cluster';
import { changedKeys, longPoll, waitForHeldPolls } from '../../support/long-poll';
import { metricValue, waitForMetric } from '../../support/metrics';
import { removeDir, startServer, type RunningServer } from '../../support/server';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';
import { eventually } from '../../support/wait';

// The durable change feed of cluster mode: a change whose Redis notice never came still reaches
// every node, from the feed (cluster/replication.ts).
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const getConfig = (node: RunningServer, dataId: string) => nacosForm(node.baseUrl, 'GET', '/nacos/v1/cs/configs', { dataId, group: 'DEFAULT_GROUP' });
const publish = async (node: RunningServer, dataId: string, content: string) => expect((await nacosForm(node.baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId, group: 'DEFAULT_GROUP', content })).text).toBe('true');
const serves = (node: RunningServer, dataId: string, content: string, timeoutMs = 10_000) => eventually(async () => expect((await getConfig(node, dataId)).text).toBe(content), timeoutMs);
const readiness = async (node: RunningServer) => ((await (await fetch(`${node.baseUrl}/health/ready`)).json()) as { checks: Record<string, string> }).checks;

describe.each(['postgres', 'mysql'] as const)('cluster mode on %s: the change feed', (type) => {
  const db = clusterDatabase(type);
  const env = { ...db.env, CONFIG_LONG_POLL_MIN_HOLD_MS: '500', CLUSTER_FEED_POLL_MS: '1000' };
  let available = false;
  const started: RunningServer[] = [];
  // S: a plain node (started first, so it leads); W: sends no notice of its commits, as a node
  // killed between each commit and its notice; G: reads the feed's head only once a minute, so
  // what it learns sooner came from a notice or a gap it noticed; P: reaches Redis through a
  // proxy the spec cuts.
  let s: RunningServer;
  let w: RunningServer;
  let g: RunningServer;
  let p: RunningServer;
  let l: RunningServer;
  let redisProxy: TcpProxy;
  let dbProxy: TcpProxy;

  beforeAll(async () => {
    available = await reachable(db);
    if (!available) return;
    await db.create();
    const redis = new URL(REDIS_URL);
    redisProxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    const start = async (extra: Record<string, string>) => {
      const node = await startServer({ env: { ...env, ...extra } });
      started.push(node);
      return node;
    };
    s = await start({});
    w = await start({ CLUSTER_WITHHOLD_NOTICES: 'true' });
    g = await start({ CLUSTER_FEED_POLL_MS: '60000' });
    p = await start({ REDIS_URL: `redis://127.0.0.1:${redisProxy.port}` });
    // L: reaches the database through a proxy the spec cuts, and tells it lags after half a second.
    const dbUrl = new URL(db.env.DB_URL);
    dbProxy = await startTcpProxy({ host: dbUrl.hostname, port: Number(dbUrl.port) });
    dbUrl.host = `127.0.0.1:${dbProxy.port}`;
    l = await start({ DB_URL: dbUrl.toString(), CLUSTER_LAG_WARN_MS: '500' });
  });
  beforeEach((context) => {
    if (!available) context.skip();
  });
  afterAll(async () => {
    await Promise.all(started.map((node) => node.stop()));
    for (const node of started) removeDir(node.dataDir);
    await redisProxy?.close();
    await dbProxy?.close();
    if (available) await db.drop();
  });

  it('should bring a change whose notice was lost to a node as soon as a later notice shows the gap', async () => {
    const missed = `${uniqueId('gap')}.properties`;
    const later = `${uniqueId('later')}.properties`;
    await publish(w, missed, 'missed=1'); // committed and in the feed; no notice
    await publish(s, later, 'later=1'); // its notice carries the next sequence
    await serves(g, later, 'later=1');
    // G reads the feed's head once a minute: only the gap before the later notice tells it.
    await serves(g, missed, 'missed=1');
    await eventually(async () => expect(await metricValue(g.baseUrl, 'switchboard_cluster_feed_lag')).toBe(0));
  });

  it('should serve the committed head of a node killed after its commit and before its notice, and push it to long polls', async () => {
    const dataId = `${uniqueId('killed')}.properties`;
    await publish(s, dataId, 'v=1');
    await serves(w, dataId, 'v=1');
    const poll = longPoll(s.baseUrl, [{ dataId, group: 'DEFAULT_GROUP', md5: md5('v=1') }], { timeoutMs: 30_000 });
    await waitForHeldPolls(s.baseUrl, 1);
    await publish(w, dataId, 'v=2'); // acknowledged: committed, never announced
    await w.kill();
    const answer = await poll;
    expect(changedKeys(answer)).toEqual([`${dataId}/DEFAULT_GROUP`]);
    expect((await getConfig(s, dataId)).text).toBe('v=2');
    const head = await metricValue(s.baseUrl, 'switchboard_cluster_feed_head_seq');
    expect(head).toBeGreaterThan(0);
    await waitForMetric(s.baseUrl, 'switchboard_cluster_feed_applied_seq', (applied) => applied === head);
  });

  it('should keep a node cut off from Redis serving, tell it failed, carry its writes to the others through the feed and catch it up', async () => {
    const before = `${uniqueId('before')}.properties`;
    await publish(s, before, 'before=1');
    await serves(p, before, 'before=1');
    await redisProxy.stop();
    await eventually(async () => expect((await readiness(p)).cluster).toBe('failed'), 10_000);
    // Reads keep coming from memory.
    expect((await getConfig(p, before)).text).toBe('before=1');
    // Its own writes reach the others (no notice can leave it: the feed carries them).
    const fromP = `${uniqueId('from-p')}.properties`;
    await publish(p, fromP, 'p=1');
    await serves(s, fromP, 'p=1');
    // And it learns the others' writes from the feed while still cut off.
    const fromS = `${uniqueId('from-s')}.properties`;
    await publish(s, fromS, 's=1');
    await serves(p, fromS, 's=1');
    expect((await readiness(p)).cluster).toBe('failed');
    await redisProxy.start();
    await eventually(async () => expect((await readiness(p)).cluster).toBe('ok'), 15_000);
    const after = `${uniqueId('after')}.properties`;
    await publish(s, after, 'after=1');
    await serves(p, after, 'after=1');
  });

  it('should show a node that cannot apply what it heard of as lagging, with its lag on /metrics, until it catches up', async () => {
    const namespaceId = uniqueId('ns');
    await eventually(async () => expect(await metricValue(l.baseUrl, 'switchboard_cluster_feed_lag')).toBe(0), 10_000);
    expect((await readiness(l)).cluster).toBe('ok');
    await dbProxy.stop();
    // A namespace is told without its record: applying it needs the database L cannot reach.
    const created = await nacosForm(s.baseUrl, 'POST', '/nacos/v1/console/namespaces', { customNamespaceId: namespaceId, namespaceName: namespaceId });
    expect(created.text).toBe('true');
    await waitForMetric(l.baseUrl, 'switchboard_cluster_feed_lag', (lag) => lag > 0);
    await eventually(async () => expect((await readiness(l)).cluster).toBe('lagging'), 10_000);
    // The other nodes see it too, in the node list (asked over Redis, which L still hears).
    await eventually(async () => {
      const { nodes } = (await call(s.baseUrl, CLUSTER_ENDPOINTS.listNodes)).body;
      expect(nodes.filter((node) => node.lag > 0)).toHaveLength(1);
      expect(nodes.every((node) => node.appliedSeq > 0)).toBe(true);
    }, 10_000);
    await dbProxy.start();
    await eventually(async () => expect((await readiness(l)).cluster).toBe('ok'), 15_000);
    expect(await metricValue(l.baseUrl, 'switchboard_cluster_feed_lag')).toBe(0);
    const listed = await nacosForm(l.baseUrl, 'GET', '/nacos/v1/console/namespaces', {});
    expect(listed.text).toContain(namespaceId);
  });
});

describe.each(['postgres', 'mysql'] as const)('cluster mode on %s: a node further behind than the change feed keeps', (type) => {
  const db = clusterDatabase(type);
  let available = false;
  const started: RunningServer[] = [];
  let leader: RunningServer;
  let behind: RunningServer;
  let dbProxy: TcpProxy;

  beforeAll(async () => {
    available = await reachable(db);
    if (!available) return;
    await db.create();
    // The feed keeps one second of changes (the leader trims it every second).
    const env = { ...db.env, CLUSTER_FEED_RETENTION_MS: '1000' };
    leader = await startServer({ env });
    started.push(leader);
    const dbUrl = new URL(db.env.DB_URL);
    dbProxy = await startTcpProxy({ host: dbUrl.hostname, port: Number(dbUrl.port) });
    dbUrl.host = `127.0.0.1:${dbProxy.port}`;
    behind = await startServer({ env: { ...env, DB_URL: dbUrl.toString() } });
    started.push(behind);
  });
  beforeEach((context) => {
    if (!available) context.skip();
  });
  afterAll(async () => {
    await Promise.all(started.map((node) => node.stop()));
    for (const node of started) removeDir(node.dataDir);
    await dbProxy?.close();
    if (available) await db.drop();
  });

  it('should reload everything once the changes it missed are trimmed from the feed', async () => {
    const reloads = await metricValue(behind.baseUrl, 'switchboard_cluster_full_reloads_total');
    expect(reloads).toBe(1); // the load at start
    await dbProxy.stop();
    // Changes it hears of but cannot read (a namespace's notice carries no record)...
    const namespaceId = uniqueId('ns');
    expect((await nacosForm(leader.baseUrl, 'POST', '/nacos/v1/console/namespaces', { customNamespaceId: namespaceId, namespaceName: namespaceId })).text).toBe('true');
    await waitForMetric(behind.baseUrl, 'switchboard_cluster_feed_lag', (lag) => lag > 0);
    // ...trimmed from the feed meanwhile: the newest row alone stays.
    const later = `${uniqueId('later')}.properties`;
    await publish(leader, later, 'later=1');
    await eventually(async () => {
      const rows = await db.rows(`SELECT COUNT(*) AS n FROM ${db.table('change_feed')}`);
      expect(Number(rows[0].n)).toBe(1);
    }, 15_000);
    await dbProxy.start();
    await waitForMetric(behind.baseUrl, 'switchboard_cluster_full_reloads_total', (n) => n === reloads + 1, 15_000);
    await eventually(async () => expect((await nacosForm(behind.baseUrl, 'GET', '/nacos/v1/console/namespaces', {})).text).toContain(namespaceId), 10_000);
    await serves(behind, later, 'later=1');
    await waitForMetric(behind.baseUrl, 'switchboard_cluster_feed_lag', (lag) => lag === 0);
  });
});
