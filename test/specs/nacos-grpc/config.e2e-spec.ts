// Config over the Nacos gRPC protocol, as the Java SDK's ClientWorker uses it: query, publish
// (CAS, additionMap), remove, batch listen and the server's ConfigChangeNotifyRequest pushes.
import { describe, expect, it } from 'vitest';
import { nacosForm, uniqueId } from '../../support/api';
import { md5Of } from '../../support/nacos-grpc-client';
import { grpcClients, sharedGrpcServer } from '../../support/grpc-suite';

const { baseUrl, address: shared, admin } = sharedGrpcServer();

describe('nacos gRPC config', () => {
  const start = grpcClients({ servers: [shared], module: 'config', ...admin });

  const newKey = (suffix = 'properties') => ({ dataId: `${uniqueId('grpc-cfg')}.${suffix}`, group: 'DEFAULT_GROUP' });

  it('should publish, query and remove a config, the same one the HTTP API serves', async () => {
    const client = await start();
    const key = newKey('json');
    const published = await client.configPublish(key, '{"a": 1}', { type: 'json' });
    expect(published).toMatchObject({ type: 'ConfigPublishResponse', resultCode: 200, success: true });
    const query = await client.configQuery(key);
    expect(query).toMatchObject({ type: 'ConfigQueryResponse', resultCode: 200, content: '{"a": 1}', md5: md5Of('{"a": 1}'), contentType: 'json', beta: false });
    const http = await nacosForm(baseUrl, 'GET', '/nacos/v1/cs/configs', { dataId: key.dataId, group: key.group });
    expect(http).toMatchObject({ status: 200, text: '{"a": 1}' });
    expect((await client.configRemove(key))).toMatchObject({ type: 'ConfigRemoveResponse', resultCode: 200 });
    expect(await client.configQuery(key)).toMatchObject({ resultCode: 500, errorCode: 300, message: expect.any(String) });
  });

  it('should treat tenant "" and "public" as the default namespace', async () => {
    const client = await start();
    const key = newKey();
    expect((await client.configPublish({ ...key, tenant: 'public' }, 'x=1')).resultCode).toBe(200);
    expect(await client.configQuery({ ...key, tenant: '' })).toMatchObject({ resultCode: 200, content: 'x=1' });
    expect(await client.configQuery({ ...key, tenant: 'public' })).toMatchObject({ resultCode: 200, content: 'x=1' });
  });

  it('should refuse a publish whose casMd5 is not the current md5 and accept the right one', async () => {
    const client = await start();
    const key = newKey();
    await client.configPublish(key, 'v=1');
    const refused = await client.configPublish(key, 'v=2', { casMd5: md5Of('something else') });
    expect(refused).toMatchObject({ type: 'ConfigPublishResponse', resultCode: 500, success: false });
    expect(refused.errorCode).not.toBe(0);
    expect((await client.configQuery(key)).content).toBe('v=1');
    expect((await client.configPublish(key, 'v=2', { casMd5: md5Of('v=1') })).resultCode).toBe(200);
    expect((await client.configQuery(key)).content).toBe('v=2');
  });

  it('should answer a batch listen with the configs whose md5 differs', async () => {
    const client = await start();
    const [same, stale, absent] = [newKey(), newKey(), newKey()];
    await client.configPublish(same, 'same');
    await client.configPublish(stale, 'stale');
    const response = await client.configBatchListen([
      { ...same, md5: md5Of('same') },
      { ...stale, md5: md5Of('old content') },
      { ...absent, md5: '' },
    ]);
    expect(response).toMatchObject({ type: 'ConfigChangeBatchListenResponse', resultCode: 200 });
    expect(response.changedConfigs).toEqual([{ dataId: stale.dataId, group: stale.group, tenant: '' }]);
  });

  it('should push ConfigChangeNotifyRequest to a listening client when another publishes, and the client reads the new content', async () => {
    const listener = await start();
    const publisher = await start();
    const key = newKey();
    await publisher.configPublish(key, 'color=blue');
    expect((await listener.configBatchListen([{ ...key, md5: md5Of('color=blue') }])).changedConfigs).toEqual([]);

    const refreshed = listener.nextConfigRefresh(key, (r) => r.md5 === md5Of('color=green'));
    expect((await publisher.configPublish(key, 'color=green')).resultCode).toBe(200);
    const push = await listener.nextPush('ConfigChangeNotifyRequest', (p) => p.body.dataId === key.dataId);
    expect(push.body).toMatchObject({ dataId: key.dataId, group: key.group, module: 'config', requestId: expect.any(String) });
    expect(push.answered).toBe('ConfigChangeNotifyResponse');
    // ClientWorker: listen again, then query with the notify header.
    const refresh = await refreshed;
    expect(refresh).toMatchObject({ content: 'color=green', notify: true });
    expect(listener.listenedMd5(key)).toBe(md5Of('color=green'));
    // The publisher does not listen: nothing for it.
    expect(publisher.pushesOf('ConfigChangeNotifyRequest')).toEqual([]);
  });

  it('should push a removal, and stop pushing once the client stops listening', async () => {
    const client = await start();
    const publisher = await start();
    const [gone, quiet, marker] = [newKey(), newKey(), newKey()];
    for (const key of [gone, quiet, marker]) await publisher.configPublish(key, 'v=1');
    await client.configBatchListen([gone, quiet, marker].map((k) => ({ ...k, md5: md5Of('v=1') })));

    await publisher.configRemove(gone);
    await client.nextPush('ConfigChangeNotifyRequest', (p) => p.body.dataId === gone.dataId);

    expect((await client.configBatchListen([{ ...quiet, md5: md5Of('v=1') }], false)).resultCode).toBe(200);
    await publisher.configPublish(quiet, 'v=2');
    await publisher.configPublish(marker, 'v=2');
    // Pushes of one connection arrive in order: once the later one is here, the earlier would be.
    await client.nextPush('ConfigChangeNotifyRequest', (p) => p.body.dataId === marker.dataId);
    expect(client.pushesOf('ConfigChangeNotifyRequest', (p) => p.body.dataId === quiet.dataId)).toEqual([]);
  });

  it('should take the addition map of the Java client, nulls included (type, tag, betaIps, appName)', async () => {
    const client = await start();
    const key = newKey('yaml');
    const response = await client.configPublish(key, 'a: 1\n', { type: 'yaml', appName: 'billing' });
    expect(response.resultCode).toBe(200);
    expect(await client.configQuery(key)).toMatchObject({ content: 'a: 1\n', contentType: 'yaml' });
  });

  it('should give a beta publish (betaIps) to the clients reporting those addresses only', async () => {
    const stable = 'pool=10';
    const beta = 'pool=20';
    const betaClient = await start({ clientIp: '10.20.30.40' });
    const other = await start({ clientIp: '10.20.30.41' });
    const key = newKey();
    await other.configPublish(key, stable);
    await betaClient.configBatchListen([{ ...key, md5: md5Of(stable) }]);
    await other.configBatchListen([{ ...key, md5: md5Of(stable) }]);
    expect((await other.configPublish(key, beta, { betaIps: '10.20.30.40' })).resultCode).toBe(200);
    await betaClient.nextPush('ConfigChangeNotifyRequest', (p) => p.body.dataId === key.dataId);
    expect(await betaClient.configQuery(key)).toMatchObject({ content: beta, beta: true, md5: md5Of(beta) });
    expect(await other.configQuery(key)).toMatchObject({ content: stable, beta: false });
    // HTTP stop beta (DELETE ?beta=true) moves the beta client back.
    const stop = await nacosForm(baseUrl, 'DELETE', '/nacos/v1/cs/configs', { dataId: key.dataId, group: key.group, beta: 'true' });
    expect(stop.status).toBe(200);
    await betaClient.nextPush('ConfigChangeNotifyRequest', (p) => p.body.dataId === key.dataId);
    expect(await betaClient.configQuery(key)).toMatchObject({ content: stable, beta: false });
  });
});
