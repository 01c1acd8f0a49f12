// Authentication over the Nacos gRPC protocol: the token in the accessToken header of every
// request; a refused request answered with errorCode 403 in its own response type, after which
// the SDK logs in again.
import { describe, expect, inject, it } from 'vitest';
import { uniqueId } from '../../support/api';
import { md5Of } from '../../support/nacos-grpc-client';
import { grpcClients, sharedGrpcServer } from '../../support/grpc-suite';
import { createUser } from '../../support/users';

const { baseUrl, address: shared, admin } = sharedGrpcServer();

describe('nacos gRPC authentication', () => {
  const start = grpcClients({ servers: [shared], module: 'config' });

  it('should refuse requests without a token with 403, and still connect and answer health checks', async () => {
    const client = await start({});
    expect(client.setups[0].ack).toBe('received');
    expect((await client.healthCheck()).resultCode).toBe(200);
    const key = { dataId: `${uniqueId('auth')}.txt`, group: 'DEFAULT_GROUP' };
    expect(await client.configQuery(key)).toMatchObject({ type: 'ConfigQueryResponse', resultCode: 500, errorCode: 403, success: false });
    expect(await client.configPublish(key, 'x')).toMatchObject({ type: 'ConfigPublishResponse', resultCode: 500, errorCode: 403 });
    const naming = await start({ module: 'naming' });
    expect(await naming.registerInstance(uniqueId('auth-svc'), { ip: '10.3.0.1', port: 1 })).toMatchObject({ type: 'InstanceResponse', resultCode: 500, errorCode: 403 });
    expect(await naming.subscribe(uniqueId('auth-svc'))).toMatchObject({ type: 'SubscribeServiceResponse', errorCode: 403 });
  });

  it('should accept the token of an HTTP login in the accessToken header', async () => {
    const client = await start(admin);
    expect(client.logins).toHaveLength(1);
    const key = { dataId: `${uniqueId('auth')}.txt`, group: 'DEFAULT_GROUP' };
    expect((await client.configPublish(key, 'signed in')).resultCode).toBe(200);
    expect(await client.configQuery(key)).toMatchObject({ resultCode: 200, content: 'signed in' });
  });

  it('should answer a bad token with 403, after which the SDK logs in again and goes on', async () => {
    const client = await start({ ...admin, accessToken: 'not-a-token' });
    expect(client.logins).toHaveLength(0);
    const key = { dataId: `${uniqueId('auth')}.txt`, group: 'DEFAULT_GROUP' };
    expect(await client.configPublish(key, 'v')).toMatchObject({ errorCode: 403 });
    expect(client.logins).toHaveLength(1);
    expect(client.accessToken).not.toBe('not-a-token');
    expect((await client.configPublish(key, 'v')).resultCode).toBe(200);
  });

  it('should check namespace permissions: a reader may query and listen, not publish', async () => {
    const namespaceId = uniqueId('grpcns');
    const created = await fetch(`${baseUrl}/nacos/v1/console/namespaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ customNamespaceId: namespaceId, namespaceName: namespaceId, accessToken: inject('adminToken') }).toString(),
    });
    expect(created.status).toBe(200);
    const key = { dataId: `${uniqueId('auth')}.txt`, group: 'DEFAULT_GROUP', tenant: namespaceId };
    const writer = await start(admin);
    expect((await writer.configPublish(key, 'v=1')).resultCode).toBe(200);

    const reader = await createUser(baseUrl, inject('adminToken'), [{ namespaceId, action: 'read' }]);
    const client = await start({ httpBaseUrl: baseUrl, username: reader.username, password: reader.password });
    expect(await client.configQuery(key)).toMatchObject({ resultCode: 200, content: 'v=1' });
    expect((await client.configBatchListen([{ ...key, md5: md5Of('v=1') }])).resultCode).toBe(200);
    expect(await client.configPublish(key, 'v=2')).toMatchObject({ resultCode: 500, errorCode: 403 });
    expect(await client.configQuery({ ...key, tenant: '' })).toMatchObject({ errorCode: 403 });
  });
});
