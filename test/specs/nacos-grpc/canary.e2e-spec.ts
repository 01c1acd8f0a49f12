// Canary targeting of gRPC clients: a client's ConnectionSetupRequest labels are its tags. A tag
// canary gives the candidate to the labelled clients' ConfigQueryRequest, and pushes
// ConfigChangeNotifyRequest to exactly the listening clients whose answer moves.
import { CONFIG_CENTER_ENDPOINTS as E } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { NacosGrpcClient, md5Of } from '../../support/nacos-grpc-client';
import { grpcClients, sharedGrpcServer } from '../../support/grpc-suite';

const { baseUrl, address: shared, admin } = sharedGrpcServer();

describe('nacos gRPC canary', () => {
  const start = grpcClients({ servers: [shared], module: 'config', ...admin });

  it('should give the candidate of a tag canary to the clients labelled with the tag, pushed to them alone', async () => {
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('grpc-canary')}.properties` };
    const marker = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('grpc-marker')}.properties` };
    const grpcKey = { dataId: key.dataId, group: key.group };
    const markerKey = { dataId: marker.dataId, group: marker.group };
    expect((await call(baseUrl, E.publishConfig, { params: key, body: { content: 'pool=10', type: 'properties' } })).status).toBeLessThan(300);
    expect((await call(baseUrl, E.publishConfig, { params: marker, body: { content: 'm=1', type: 'properties' } })).status).toBeLessThan(300);

    // The Java SDK declares its tag as the Vipserver-Tag label (and app labels prefixed app_).
    const labelled = await start({ labels: { 'Vipserver-Tag': 'canary' } });
    const plain = await start();
    for (const client of [labelled, plain]) {
      expect((await client.configQuery(grpcKey)).content).toBe('pool=10');
      expect((await client.configBatchListen([{ ...grpcKey, md5: md5Of('pool=10') }, { ...markerKey, md5: md5Of('m=1') }])).changedConfigs).toEqual([]);
    }

    const started = await call(baseUrl, E.startCanary, { params: key, body: { content: 'pool=20', target: { tags: ['canary'] } } });
    expect(started.status).toBe(201);
    const push = await labelled.nextPush('ConfigChangeNotifyRequest', (p) => p.body.dataId === key.dataId);
    expect(push.answered).toBe('ConfigChangeNotifyResponse');
    expect(await labelled.configQuery(grpcKey)).toMatchObject({ content: 'pool=20', md5: md5Of('pool=20'), beta: true });
    expect(await plain.configQuery(grpcKey)).toMatchObject({ content: 'pool=10', beta: false });

    // Not pushed to the plain client: a later push on its connection has arrived, that one has not.
    await call(baseUrl, E.publishConfig, { params: marker, body: { content: 'm=2', type: 'properties' } });
    await plain.nextPush('ConfigChangeNotifyRequest', (p) => p.body.dataId === marker.dataId);
    expect(plain.pushesOf('ConfigChangeNotifyRequest', (p) => p.body.dataId === key.dataId)).toEqual([]);

    // Aborted: the labelled client moves back, pushed.
    expect((await call(baseUrl, E.abortCanary, { params: key, body: {} })).status).toBeLessThan(300);
    await labelled.nextPush('ConfigChangeNotifyRequest', (p) => p.body.dataId === key.dataId);
    expect(await labelled.configQuery(grpcKey)).toMatchObject({ content: 'pool=10', beta: false });
  });

  it('should match app labels too (nacos.app.conn.labels, sent as app_<key>)', async () => {
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('grpc-canary')}.properties` };
    const grpcKey = { dataId: key.dataId, group: key.group };
    await call(baseUrl, E.publishConfig, { params: key, body: { content: 'a=1', type: 'properties' } });
    const eu = await start({ appLabels: { region: 'eu' } });
    const us = await start({ appLabels: { region: 'us' } });
    const started = await call(baseUrl, E.startCanary, { params: key, body: { content: 'a=2', target: { tags: ['eu'] } } });
    expect(started.status).toBe(201);
    expect((await eu.configQuery(grpcKey)).content).toBe('a=2');
    expect((await us.configQuery(grpcKey)).content).toBe('a=1');
    await call(baseUrl, E.abortCanary, { params: key, body: {} });
  });

  it('should answer a query naming a tag (ConfigQueryRequest.tag) with that tag’s candidate', async () => {
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('grpc-canary')}.properties` };
    const grpcKey = { dataId: key.dataId, group: key.group };
    await call(baseUrl, E.publishConfig, { params: key, body: { content: 't=1', type: 'properties' } });
    await call(baseUrl, E.startCanary, { params: key, body: { content: 't=2', target: { tags: ['blue'] } } });
    const client = await start();
    expect((await client.configQuery({ ...grpcKey, tag: 'blue' })).content).toBe('t=2');
    expect((await client.configQuery(grpcKey)).content).toBe('t=1');
    await call(baseUrl, E.abortCanary, { params: key, body: {} });
  });

  it('should push exactly the clients whose answer moves when a weighted canary starts, widens and is promoted', async () => {
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('grpc-weighted')}.properties` };
    const marker = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('grpc-weighted-marker')}.properties` };
    const grpcKey = { dataId: key.dataId, group: key.group };
    const markerKey = { dataId: marker.dataId, group: marker.group };
    await call(baseUrl, E.publishConfig, { params: key, body: { content: 'w=1', type: 'properties' } });
    await call(baseUrl, E.publishConfig, { params: marker, body: { content: 'm=0', type: 'properties' } });
    const fleet: NacosGrpcClient[] = [];
    // Clients that neither follow pushes nor listen again on their own: what they hold is what
    // they last read.
    for (let i = 0; i < 16; i++) fleet.push(await start({ followConfigPushes: false, configListenIntervalMs: 600_000 }));
    for (const client of fleet) await client.configBatchListen([{ ...grpcKey, md5: md5Of('w=1') }, { ...markerKey, md5: md5Of('m=0') }]);
    const answers = async () => Promise.all(fleet.map(async (c) => (await c.configQuery(grpcKey)).content));
    const canaryPushes = () => fleet.map((c) => c.pushesOf('ConfigChangeNotifyRequest', (p) => p.body.dataId === key.dataId).length);
    let markers = 0;
    // Runs the change; once every client has the push of a marker published after it (pushes on
    // one connection arrive in order), each client was pushed the canary's config exactly when
    // its answer moved.
    const phase = async (change: () => Promise<unknown>) => {
      const before = await answers();
      const pushedBefore = canaryPushes();
      await change();
      await call(baseUrl, E.publishConfig, { params: marker, body: { content: `m=${++markers}`, type: 'properties' } });
      for (const client of fleet) await client.nextPush('ConfigChangeNotifyRequest', (p) => p.body.dataId === marker.dataId);
      const after = await answers();
      const pushed = canaryPushes().map((n, i) => n - pushedBefore[i]);
      expect(pushed).toEqual(after.map((answer, i) => (answer === before[i] ? 0 : 1)));
      return after;
    };

    const started = await phase(() => call(baseUrl, E.startCanary, { params: key, body: { content: 'w=2', target: { weight: 40 } } }));
    expect(started.filter((a) => a === 'w=2').length).toBeGreaterThan(0);
    // The live rollout view lists the gRPC clients, each holding what it should.
    const rollout = await call(baseUrl, E.canaryRollout, { params: key });
    const grpcClients = rollout.body.clients.filter((c) => c.transport === 'grpc');
    expect(grpcClients).toHaveLength(fleet.length);
    expect(grpcClients.every((c) => c.holds === c.expected)).toBe(true);
    expect(grpcClients.filter((c) => c.holds === 'candidate')).toHaveLength(started.filter((a) => a === 'w=2').length);
    const widened = await phase(() => call(baseUrl, E.updateCanary, { params: key, body: { target: { weight: 80 } } }));
    expect(widened.filter((a) => a === 'w=2').length).toBeGreaterThan(started.filter((a) => a === 'w=2').length);
    expect(widened.every((a, i) => started[i] !== 'w=2' || a === 'w=2')).toBe(true); // widening keeps who had it
    const promoted = await phase(() => call(baseUrl, E.promoteCanary, { params: key, body: {} }));
    expect(promoted.every((a) => a === 'w=2')).toBe(true);
  });
});
