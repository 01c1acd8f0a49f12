// A namespace whose review policy is `required`, over the Nacos gRPC protocol: a publish or a
// remove by a writer is refused (errorCode 403, the message naming the policy) and changes
// nothing; a token granted publish-direct publishes.
import { AUTH_ENDPOINTS as A, NAMESPACES_ENDPOINTS as N } from '@switchboard/shared';
import { describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { grpcClients, sharedGrpcServer } from '../../support/grpc-suite';
import { bearer, createUser } from '../../support/users';

const { baseUrl, address: shared, admin } = sharedGrpcServer();

describe('nacos gRPC publish in a namespace that requires review', () => {
  const start = grpcClients({ servers: [shared], module: 'config' });

  it('should refuse a writer, and let a publish-direct token through', async () => {
    const namespaceId = uniqueId('grpcreview');
    const adminHeaders = bearer(inject('adminToken'));
    await call(baseUrl, N.createNamespace, { body: { namespaceId, name: namespaceId }, headers: adminHeaders });
    const key = { dataId: 'app.properties', group: 'DEFAULT_GROUP', tenant: namespaceId };
    const first = await start(admin);
    expect((await first.configPublish(key, 'v=1')).resultCode).toBe(200);
    expect((await call(baseUrl, N.updateNamespace, { params: { namespaceId }, body: { reviewPolicy: { mode: 'required' } }, headers: adminHeaders })).status).toBe(200);

    const writer = await createUser(baseUrl, inject('adminToken'), [{ namespaceId, action: 'write' }]);
    const client = await start({ httpBaseUrl: baseUrl, username: writer.username, password: writer.password });
    const refused = await client.configPublish(key, 'v=2');
    expect(refused).toMatchObject({ type: 'ConfigPublishResponse', resultCode: 500, errorCode: 403 });
    expect(refused.message).toContain(`namespace "${namespaceId}" requires review`);
    expect(await client.configPublish(key, 'v=3', { betaIps: '10.0.0.1' })).toMatchObject({ errorCode: 403 });
    expect(await client.configRemove(key)).toMatchObject({ type: 'ConfigRemoveResponse', errorCode: 403 });
    expect(await client.configQuery(key)).toMatchObject({ resultCode: 200, content: 'v=1' });

    const token = (await call(baseUrl, A.createUserAccessToken, { params: { username: writer.username }, body: { name: 'deployer', publishDirect: true }, headers: adminHeaders })).body.token;
    const automation = await start({ accessToken: token });
    expect((await automation.configPublish(key, 'v=4')).resultCode).toBe(200);
    expect(await client.configQuery(key)).toMatchObject({ resultCode: 200, content: 'v=4' });
  });
});
