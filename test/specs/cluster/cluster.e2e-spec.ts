import { request } from 'node:http';
import { AUTH_ENDPOINTS, CLUSTER_ENDPOINTS, CONFIG_CENTER_ENDPOINTS, NAMESPACES_ENDPOINTS, NAMING_ENDPOINTS, OVERVIEW_ENDPOINTS } from '@switchboard/shared';
import { Redis } from 'ioredis';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, nacosForm, uniqueId } from '../../support/api';
import { clusterDatabase, reachable, REDIS_URL, twoNodes } from '../../support/cluster';
import { changedKeys, longPoll, waitForHeldPolls } from '../../support/long-poll';
import { metricValue } from '../../support/metrics';
import { connect, subscribe, waitForEvent } from '../../support/realtime';
import { removeDir, runServerToExit, tempDataDir, type RunningServer } from '../../support/server';
import { eventually, repeatEvery } from '../../support/wait';

// Short heartbeat timeouts, so expiry is seen within a test.
const NAMING_ENV = { NAMING_UNHEALTHY_AFTER_MS: '2000', NAMING_EXPIRE_AFTER_MS: '4000', NAMING_SWEEP_INTERVAL_MS: '200' };

const listInstances = async (node: RunningServer, serviceName: string) => {
  const res = await nacosForm(node.baseUrl, 'GET', '/nacos/v1/ns/instance/list', { serviceName, healthyOnly: 'false' });
  return res.status === 200 ? (res.json() as { hosts: { ip: string; port: number; healthy: boolean }[] }).hosts : [];
};
const beat = (node: RunningServer, serviceName: string, ip: string, port: number) =>
  nacosForm(node.baseUrl, 'PUT', '/nacos/v1/ns/instance/beat', { serviceName, beat: JSON.stringify({ serviceName, ip, port, cluster: 'DEFAULT' }) });

const getConfig = (node: RunningServer, dataId: string) => nacosForm(node.baseUrl, 'GET', '/nacos/v1/cs/configs', { dataId, group: 'DEFAULT_GROUP' });
const publish = (node: RunningServer, dataId: string, content: string) => nacosForm(node.baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId, group: 'DEFAULT_GROUP', content });

// Publishes over the Nacos API from the given loopback address (its own connection); answers the
// body.
function publishFrom(node: RunningServer, localAddress: string, dataId: string, content: string): Promise<string> {
  const body = new URLSearchParams({ dataId, group: 'DEFAULT_GROUP', content }).toString();
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) };
    const req = request(`${node.baseUrl}/nacos/v1/cs/configs`, { method: 'POST', headers, agent: false, localAddress }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.end(body);
  });
}

// Publishes on `from` and waits until `to` serves the content; answers its md5.
async function publishSeen(from: RunningServer, to: RunningServer, dataId: string, content: string): Promise<string> {
  expect((await publish(from, dataId, content)).text).toBe('true');
  await eventually(async () => expect((await getConfig(to, dataId)).text).toBe(content), 10_000);
  return (await getConfig(to, dataId)).headers.get('content-md5') ?? '';
}

describe.each(['postgres', 'mysql'] as const)('cluster mode: two nodes sharing %s and Redis', (type) => {
  const db = clusterDatabase(type);
  const env = { ...db.env, ...NAMING_ENV, CONFIG_LONG_POLL_MIN_HOLD_MS: '500', AUTH_LOGIN_DELAY_MS: '0' };
  const nodes = twoNodes(db, env);
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(() => {
    a = nodes.first;
    b = nodes.second;
  });

  it('should tell in its readiness and metrics that each node hears the other, and that one of them leads', async () => {
    for (const node of [a, b]) {
      const ready = await (await fetch(`${node.baseUrl}/health/ready`)).json();
      expect(ready.checks).toMatchObject({ cluster: 'ok', database: 'ok' });
    }
    const metric = (node: RunningServer, name: string) => metricValue(node.baseUrl, name);
    await eventually(async () => {
      for (const node of [a, b]) {
        expect(await metric(node, 'switchboard_cluster_connected')).toBe(1);
        expect(await metric(node, 'switchboard_cluster_nodes_heard')).toBe(1); // the heartbeat notices of the other
        expect(await metric(node, 'switchboard_cluster_notices_received_total')).toBeGreaterThan(0);
      }
      expect((await metric(a, 'switchboard_cluster_leader')) + (await metric(b, 'switchboard_cluster_leader'))).toBe(1);
    }, 10_000);
  });

  it('should list both nodes from either node, the answering one first and one of them leading', async () => {
    // A node lists the nodes it has heard from (each tells the others at least once a second).
    await eventually(async () => {
      const views = await Promise.all([a, b].map(async (node) => (await call(node.baseUrl, CLUSTER_ENDPOINTS.listNodes)).body));
      for (const view of views) {
        expect(view).toMatchObject({ enabled: true, name: db.name });
        expect(view.nodes.map((n) => n.self)).toEqual([true, false]);
        expect(view.nodes.every((n) => n.connected)).toBe(true);
        expect(view.nodes.filter((n) => n.leader)).toHaveLength(1);
      }
      expect(views[1].nodes.map((n) => n.nodeId)).toEqual([...views[0].nodes.map((n) => n.nodeId)].reverse());
      expect(views[0].nodes.find((n) => n.leader)?.nodeId).toBe(views[1].nodes.find((n) => n.leader)?.nodeId);
    }, 10_000);
  });

  it('should push a config published on one node to the long polls held by the other, and serve it there', async () => {
    const dataId = `${uniqueId('pushed')}.properties`;
    const md5 = await publishSeen(a, b, dataId, 'level=1');
    // Held on B for up to 30 s: only a push from A's publish answers it with the key.
    const held = longPoll(b.baseUrl, [{ dataId, group: 'DEFAULT_GROUP', md5 }], { timeoutMs: 30_000 });
    await waitForHeldPolls(b.baseUrl, 1);
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

  it('should list the clients listening to a config on any node, from either node', async () => {
    const dataId = `${uniqueId('listened')}.properties`;
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId };
    const md5 = await publishSeen(a, b, dataId, 'l=1');
    // One client polling A, another polling B, each from an address of its own; both held.
    const polls = [longPoll(a.baseUrl, [{ dataId, group: 'DEFAULT_GROUP', md5 }], { timeoutMs: 30_000, localAddress: '127.0.0.21' }), longPoll(b.baseUrl, [{ dataId, group: 'DEFAULT_GROUP', md5 }], { timeoutMs: 30_000, localAddress: '127.0.0.22' })];
    try {
      for (const node of [a, b]) {
        await eventually(async () => {
          const listeners = await call(node.baseUrl, CONFIG_CENTER_ENDPOINTS.listListeners, { params: key });
          expect(listeners.body.map((l) => l.clientIp).sort()).toEqual(['127.0.0.21', '127.0.0.22']);
        }, 10_000);
        const nacos = await nacosForm(node.baseUrl, 'GET', '/nacos/v1/cs/configs/listener', { dataId, group: 'DEFAULT_GROUP' });
        expect(nacos.json()).toMatchObject({ lisentersGroupkeyStatus: { '127.0.0.21': md5, '127.0.0.22': md5 } });
      }
    } finally {
      expect((await publish(a, dataId, 'l=2')).text).toBe('true'); // answers both polls
      await Promise.all(polls);
    }
  });

  it('should record a change in the audit trail once, on the node that made it', async () => {
    const dataId = `${uniqueId('audited')}.properties`;
    // A node takes in another's change (its recent changes show it) in the same step that would
    // queue a wrong audit row of it.
    const takenIn = (node: RunningServer, id: string) =>
      eventually(async () => expect((await call(node.baseUrl, OVERVIEW_ENDPOINTS.getOverview)).body.recentChanges.map((e) => e.target)).toContain(`DEFAULT_GROUP/${id}`), 10_000);
    await publishSeen(b, a, dataId, 'x=1');
    await takenIn(a, dataId);
    // Then a later change on each node, B's once it has taken in A's (notices arrive in order),
    // each from a client address of its own: only the node that served the request knows it. A
    // node writes its audit rows in order, so once both nodes' later rows are listed, a second
    // row of the first change, queued by either node, would be listed as well.
    const later = [
      { node: a, dataId: `${uniqueId('later-a')}.properties`, client: '127.0.0.41' },
      { node: b, dataId: `${uniqueId('later-b')}.properties`, client: '127.0.0.42' },
    ];
    expect(await publishFrom(later[0].node, later[0].client, later[0].dataId, 'y=1')).toBe('true');
    await takenIn(b, later[0].dataId);
    expect(await publishFrom(later[1].node, later[1].client, later[1].dataId, 'y=1')).toBe('true');
    const rows = await eventually(async () => {
      const audit = await call(a.baseUrl, AUTH_ENDPOINTS.listAudit, { query: { action: 'config.publish', pageNo: 1, pageSize: 100 } });
      for (const change of later) expect(audit.body.items).toContainEqual(expect.objectContaining({ target: `DEFAULT_GROUP/${change.dataId}`, sourceIp: change.client }));
      return audit.body.items;
    }, 10_000);
    expect(rows.filter((row) => row.target === `DEFAULT_GROUP/${dataId}`)).toHaveLength(1);
    // Each node's overview shows it among the recent changes.
    for (const node of [a, b]) {
      const overview = await call(node.baseUrl, OVERVIEW_ENDPOINTS.getOverview);
      expect(overview.body.recentChanges.filter((e) => e.target === `DEFAULT_GROUP/${dataId}`)).toMatchObject([{ action: 'config.publish' }]);
    }
  });

  it('should lock an address out on every node, and lift it everywhere when unlocked on any', async () => {
    const attempt = (node: RunningServer) => call(node.baseUrl, AUTH_ENDPOINTS.login, { body: { username: 'admin', password: 'a-wrong-guess' } });
    // Read from the user list, which counts no attempt.
    const lockedOn = async (node: RunningServer) => (await call(node.baseUrl, AUTH_ENDPOINTS.listUsers)).body.find((u) => u.username === 'admin')?.lockouts.map((l) => l.address);
    for (let i = 0; i < 5; i++) expect((await attempt(a)).status).toBe(401);
    expect((await attempt(a)).body).toMatchObject({ code: 'LOGIN_LOCKED', details: { reason: 'lockout' } });
    await eventually(async () => expect(await lockedOn(b)).toEqual(['127.0.0.1']), 10_000);
    // Refused on the other node before the password is checked.
    expect((await attempt(b)).body).toMatchObject({ code: 'LOGIN_LOCKED', details: { reason: 'lockout' } });
    expect((await call(b.baseUrl, AUTH_ENDPOINTS.unlockUser, { params: { username: 'admin' } })).body).toMatchObject({ locked: false });
    await eventually(async () => expect(await lockedOn(a)).toEqual([]), 10_000);
    expect((await attempt(a)).status).toBe(401);
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
    await publishSeen(a, b, dataId, 'stable=1');
    const started = await call(a.baseUrl, CONFIG_CENTER_ENDPOINTS.startCanary, { params: key, body: { content: 'candidate=1', target: { ips: ['127.0.0.1'] } } });
    expect(started.status).toBe(201);
    // B answers the targeted client (this test, from 127.0.0.1) with the candidate.
    await eventually(async () => expect((await getConfig(b, dataId)).text).toBe('candidate=1'), 10_000);
    expect((await call(b.baseUrl, CONFIG_CENTER_ENDPOINTS.getCanary, { params: key })).body).toMatchObject({ id: started.body.id });
    expect((await call(b.baseUrl, CONFIG_CENTER_ENDPOINTS.abortCanary, { params: key, body: { reason: 'done' } })).status).toBe(200);
    await eventually(async () => expect((await getConfig(a, dataId)).text).toBe('stable=1'), 10_000);
    expect((await call(a.baseUrl, CONFIG_CENTER_ENDPOINTS.getCanary, { params: key })).status).toBe(404);
  });

  it('should show the live rollout of a canary on one node with the clients polling the other', async () => {
    const dataId = `${uniqueId('rollout')}.properties`;
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId };
    const md5 = await publishSeen(a, b, dataId, 'r=stable');
    expect((await call(a.baseUrl, CONFIG_CENTER_ENDPOINTS.startCanary, { params: key, body: { content: 'r=candidate', target: { ips: ['127.0.0.23'] } } })).status).toBe(201);
    const socket = await connect(a.baseUrl, undefined);
    try {
      const first = waitForEvent(socket, 'canary.rollout', () => true, 10_000);
      const ack = await subscribe(socket, { kind: 'canary', ...key });
      expect(ack).toMatchObject({ ok: true });
      // The cluster-wide view follows the snapshot: nobody listens yet.
      expect((await first)[0].rollout.clients).toEqual([]);
      // The only client then polls B; A's view of the rollout shows it, due the candidate, once B
      // has told A that its clients moved.
      const seen = waitForEvent(socket, 'canary.rollout', (e) => e.rollout.clients.some((c) => c.clientIp === '127.0.0.23'), 10_000);
      await eventually(async () => {
        const poll = await longPoll(b.baseUrl, [{ dataId, group: 'DEFAULT_GROUP', md5 }], { timeoutMs: 30_000, localAddress: '127.0.0.23' });
        expect(changedKeys(poll)).toEqual([`${dataId}/DEFAULT_GROUP`]); // answered at once: it should hold the candidate
      }, 10_000);
      const [event] = await seen;
      expect(event.rollout.clients.find((c) => c.clientIp === '127.0.0.23')).toMatchObject({ expected: 'candidate', holds: 'stable', transport: 'long-poll' });
    } finally {
      socket.disconnect();
    }
  });

  it('should hear the others again once its Redis connections are back, and apply what it missed meanwhile', async () => {
    const dataId = `${uniqueId('missed')}.properties`;
    await publishSeen(a, b, dataId, 'v=1');
    // B started after A, so its Redis connections are the newer ones; cutting them makes it
    // reconnect. A change published meanwhile may have no notice reaching B: B reads it from the
    // change feed.
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
    expect((await publish(a, dataId, 'v=2')).text).toBe('true');
    await eventually(async () => expect((await getConfig(b, dataId)).text).toBe('v=2'), 10_000);
    await eventually(async () => expect((await (await fetch(`${b.baseUrl}/health/ready`)).json()).checks.cluster).toBe('ok'), 10_000);
  });

  it('should list an instance registered on one node on the other, and push its changes there', async () => {
    const serviceName = uniqueId('svc');
    const key = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName };
    expect((await nacosForm(a.baseUrl, 'POST', '/nacos/v1/ns/instance', { serviceName, ip: '10.60.0.1', port: 80 })).text).toBe('ok');
    await eventually(async () => expect((await listInstances(b, serviceName)).map((h) => h.ip)).toEqual(['10.60.0.1']), 10_000);
    const socket = await connect(b.baseUrl, undefined);
    try {
      await subscribe(socket, { kind: 'service', ...key });
      const pushed = waitForEvent(socket, 'service.instancesChanged', (e) => e.change === 'registered' && e.instance.ip === '10.60.0.2', 10_000);
      expect((await nacosForm(a.baseUrl, 'POST', '/nacos/v1/ns/instance', { serviceName, ip: '10.60.0.2', port: 80, weight: 3 })).text).toBe('ok');
      expect((await pushed)[0].instance.weight).toBe(3);
      // Deregistered on B, gone on A.
      expect((await nacosForm(b.baseUrl, 'DELETE', '/nacos/v1/ns/instance', { serviceName, ip: '10.60.0.1', port: 80 })).text).toBe('ok');
      await eventually(async () => expect((await listInstances(a, serviceName)).map((h) => h.ip)).toEqual(['10.60.0.2']), 10_000);
    } finally {
      socket.disconnect();
    }
    // The service's settings changed on B reach A.
    expect((await call(b.baseUrl, NAMING_ENDPOINTS.updateService, { params: key, body: { protectThreshold: 0.25 } })).status).toBe(200);
    await eventually(async () => expect((await call(a.baseUrl, NAMING_ENDPOINTS.getService, { params: key })).body).toMatchObject({ protectThreshold: 0.25 }), 10_000);
  });

  it('should keep an instance alive by beats sent to the other node, and expire it everywhere once they stop', async () => {
    const serviceName = uniqueId('beating');
    const socket = await connect(a.baseUrl, undefined);
    try {
      await subscribe(socket, { kind: 'service', namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName });
      const changes: string[] = [];
      socket.on('service.instancesChanged', (e) => changes.push(`${e.instance.ip} ${e.change}`));
      // A silent instance registered after the beaten one marks the time: once it has expired,
      // the beaten one has outlived the expiry (4 s) too.
      const silentExpired = waitForEvent(socket, 'service.instancesChanged', (e) => e.instance.ip === '10.61.0.2' && e.change === 'expired', 15_000);
      expect((await nacosForm(a.baseUrl, 'POST', '/nacos/v1/ns/instance', { serviceName, ip: '10.61.0.1', port: 80 })).text).toBe('ok');
      // B knows the instance before it is sent beats: a beat that carries the instance would
      // otherwise register it there (a second "registered"), as a Nacos server does.
      await eventually(async () => expect((await listInstances(b, serviceName)).map((h) => h.ip)).toEqual(['10.61.0.1']), 10_000);
      // Beats only to B: whichever node judges, it hears of them.
      const beats = repeatEvery(400, async () => expect((await beat(b, serviceName, '10.61.0.1', 80)).status).toBe(200));
      try {
        expect((await nacosForm(a.baseUrl, 'POST', '/nacos/v1/ns/instance', { serviceName, ip: '10.61.0.2', port: 80 })).text).toBe('ok');
        await silentExpired;
      } finally {
        await beats.stop();
      }
      // Never unhealthy nor expired in between (a beat that carries the instance registers it again).
      expect(changes.filter((c) => c.startsWith('10.61.0.1 '))).toEqual(['10.61.0.1 registered']);
    } finally {
      socket.disconnect();
    }
    for (const node of [a, b]) await eventually(async () => expect(await listInstances(node, serviceName)).toMatchObject([{ ip: '10.61.0.1', healthy: true }]), 10_000);
    // Silent: unhealthy, then expired, on both nodes.
    for (const node of [a, b]) await eventually(async () => expect(await listInstances(node, serviceName)).toEqual([]), 10_000);
  });
});

describe('cluster mode: start-up', () => {
  it('should refuse to start when Redis cannot be reached, naming REDIS_URL but not its password', async (context) => {
    const db = clusterDatabase('postgres');
    if (!(await reachable(db))) return context.skip();
    await db.create();
    const dataDir = tempDataDir();
    try {
      const { code, output } = await runServerToExit({ ...db.env, REDIS_URL: 'redis://:hunter2@127.0.0.1:1', AUTH_ENABLED: 'false', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
      expect(code).not.toBe(0);
      expect(output).toContain('Redis at 127.0.0.1:1 (REDIS_URL) cannot be reached');
      expect(output).not.toContain('hunter2');
    } finally {
      removeDir(dataDir);
      await db.drop();
    }
  });
});

// Registers an instance kept alive by a socket.io connection to `kept` and one registered over
// the Nacos API on `registry` (kept by heartbeats), and waits until `seenOn` lists both; answers
// the connection.
async function registerKeptAndBeaten(kept: RunningServer, registry: RunningServer, seenOn: RunningServer, serviceName: string, keptIp: string, beatIp: string) {
  const socket = await connect(kept.baseUrl, undefined);
  try {
    const ack = await new Promise<{ ok: boolean }>((resolve) =>
      socket.emit('instance.register', { service: { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName }, instance: { ip: keptIp, port: 80 } }, resolve),
    );
    expect(ack.ok).toBe(true);
    expect((await nacosForm(registry.baseUrl, 'POST', '/nacos/v1/ns/instance', { serviceName, ip: beatIp, port: 80 })).text).toBe('ok');
    await eventually(async () => expect((await listInstances(seenOn, serviceName)).map((h) => h.ip).sort()).toEqual([keptIp, beatIp].sort()), 10_000);
    return socket;
  } catch (error) {
    socket.disconnect();
    throw error;
  }
}

describe('cluster mode: the node running the cluster jobs is killed', () => {
  const db = clusterDatabase('postgres');
  const env = { ...db.env, ...NAMING_ENV };
  const nodes = twoNodes(db, env);

  it('should have a node left take over: remove what the dead node kept alive, and expire silent instances', async () => {
    const serviceName = uniqueId('kept');
    const socket = await registerKeptAndBeaten(nodes.first, nodes.second, nodes.second, serviceName, '10.62.0.1', '10.62.0.2');
    const watcher = await connect(nodes.second.baseUrl, undefined);
    try {
      await subscribe(watcher, { kind: 'service', namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName });
      const changes: string[] = [];
      watcher.on('service.instancesChanged', (e) => changes.push(`${e.instance.ip} ${e.change}`));
      // With the connection open and beats going to the second node, both instances stay past the
      // expiry (4 s): a silent instance registered after them marks the time.
      const silentExpired = waitForEvent(watcher, 'service.instancesChanged', (e) => e.instance.ip === '10.62.0.3' && e.change === 'expired', 15_000);
      const beats = repeatEvery(400, async () => expect((await beat(nodes.second, serviceName, '10.62.0.2', 80)).status).toBe(200));
      try {
        expect((await nacosForm(nodes.second.baseUrl, 'POST', '/nacos/v1/ns/instance', { serviceName, ip: '10.62.0.3', port: 80 })).text).toBe('ok');
        await silentExpired;
      } finally {
        await beats.stop();
      }
      expect(changes.filter((c) => !c.startsWith('10.62.0.3 '))).toEqual([]); // neither flipped nor expired
      for (const node of [nodes.first, nodes.second]) expect((await listInstances(node, serviceName)).map((h) => h.ip).sort()).toEqual(['10.62.0.1', '10.62.0.2']);
      // kill -9: no goodbye. The second node takes the lease once it runs out, then removes the
      // connection's instance and expires the silent one.
      await nodes.first.kill();
      await eventually(async () => expect(await listInstances(nodes.second, serviceName)).toEqual([]), 25_000);
    } finally {
      socket.disconnect();
      watcher.disconnect();
    }
  }, 45_000);
});

describe('cluster mode: a node is stopped', () => {
  const db = clusterDatabase('postgres');
  // Expiry far beyond the test: only the stopping node's goodbye can remove what it kept.
  const env = { ...db.env, NAMING_UNHEALTHY_AFTER_MS: '60000', NAMING_EXPIRE_AFTER_MS: '120000' };
  const nodes = twoNodes(db, env);

  it('should have the nodes left drop the instances its connections kept at once, and keep the ones kept by beats', async () => {
    const serviceName = uniqueId('stopped');
    const socket = await registerKeptAndBeaten(nodes.first, nodes.first, nodes.second, serviceName, '10.63.0.1', '10.63.0.2');
    try {
      // SIGTERM: the first node (the lease holder) hands the lease on and says goodbye.
      expect(await nodes.first.stop()).toBe(0);
      await eventually(async () => expect((await listInstances(nodes.second, serviceName)).map((h) => h.ip)).toEqual(['10.63.0.2']), 10_000);
      await eventually(async () => expect(await (await fetch(`${nodes.second.baseUrl}/metrics`)).text()).toMatch(/switchboard_cluster_leader 1/), 10_000);
    } finally {
      socket.disconnect();
    }
  }, 30_000);
});
