// Naming over the Nacos gRPC protocol, as NamingGrpcClientProxy uses it: instances bound to
// their connection, batch registration, subscriptions answered with the ServiceInfo and kept up
// to date by NotifySubscriberRequest pushes, queries and lists.
import { describe, expect, it } from 'vitest';
import { nacosForm, uniqueId } from '../../support/api';
import { type ServerPush, type ServiceInfo } from '../../support/nacos-grpc-client';
import { grpcClients, sharedGrpcServer } from '../../support/grpc-suite';
import { eventually } from '../../support/wait';

const { baseUrl, address: shared, admin } = sharedGrpcServer();

const hostsOf = (push: ServerPush) => ((push.body.serviceInfo as ServiceInfo | undefined)?.hosts ?? []).map((h) => `${h.ip}:${h.port}`).sort();

async function httpHosts(serviceName: string): Promise<string[]> {
  const list = (await nacosForm(baseUrl, 'GET', '/nacos/v1/ns/instance/list', { serviceName })).json() as { hosts: { ip: string; port: number }[] };
  return list.hosts.map((h) => `${h.ip}:${h.port}`).sort();
}

describe('nacos gRPC naming', () => {
  const start = grpcClients({ servers: [shared], module: 'naming', ...admin });

  it('should register an ephemeral instance, answer a subscription with the service and push its changes', async () => {
    const serviceName = uniqueId('grpc-svc');
    const subscriber = await start();
    const subscribed = await subscriber.subscribe(serviceName);
    expect(subscribed).toMatchObject({ type: 'SubscribeServiceResponse', resultCode: 200 });
    expect(subscribed.serviceInfo).toMatchObject({ name: serviceName, groupName: 'DEFAULT_GROUP' });
    expect(subscribed.serviceInfo?.hosts ?? []).toEqual([]);

    const provider = await start();
    const registered = await provider.registerInstance(serviceName, { ip: '10.2.0.1', port: 8080, metadata: { zone: 'a' } });
    expect(registered).toMatchObject({ type: 'InstanceResponse', resultCode: 200 });
    const push = await subscriber.nextPush('NotifySubscriberRequest', (p) => hostsOf(p).includes('10.2.0.1:8080'));
    expect(push.answered).toBe('NotifySubscriberResponse');
    expect((push.body.serviceInfo as ServiceInfo).hosts?.[0]).toMatchObject({ ip: '10.2.0.1', port: 8080, ephemeral: true, healthy: true, metadata: { zone: 'a' } });
    expect(await httpHosts(serviceName)).toEqual(['10.2.0.1:8080']);

    const query = await provider.serviceQuery(serviceName);
    expect(query).toMatchObject({ type: 'QueryServiceResponse', resultCode: 200 });
    expect(query.serviceInfo?.hosts?.map((h) => h.ip)).toEqual(['10.2.0.1']);
  });

  it('should remove a connection’s ephemeral instances when it closes, and tell the subscribers', async () => {
    const serviceName = uniqueId('grpc-svc');
    const subscriber = await start();
    await subscriber.subscribe(serviceName);
    const provider = await start();
    await provider.registerInstance(serviceName, { ip: '10.2.0.2', port: 8080 });
    await subscriber.nextPush('NotifySubscriberRequest', (p) => hostsOf(p).length === 1);
    provider.close();
    await subscriber.nextPush('NotifySubscriberRequest', (p) => hostsOf(p).length === 0, 10_000);
    expect(await httpHosts(serviceName)).toEqual([]);
  });

  it('should deregister an instance (type deregisterInstance, as the SDK sends it)', async () => {
    const serviceName = uniqueId('grpc-svc');
    const client = await start();
    await client.registerInstance(serviceName, { ip: '10.2.0.3', port: 9000 });
    expect(await httpHosts(serviceName)).toEqual(['10.2.0.3:9000']);
    expect((await client.deregisterInstance(serviceName, { ip: '10.2.0.3', port: 9000 })).resultCode).toBe(200);
    expect(await httpHosts(serviceName)).toEqual([]);
  });

  it('should register a batch, replacing the connection’s instances of that service', async () => {
    const serviceName = uniqueId('grpc-svc');
    const client = await start();
    const batch = await client.batchRegisterInstance(serviceName, [
      { ip: '10.2.1.1', port: 80 },
      { ip: '10.2.1.2', port: 80 },
    ]);
    expect(batch).toMatchObject({ type: 'BatchInstanceResponse', resultCode: 200 });
    expect(await httpHosts(serviceName)).toEqual(['10.2.1.1:80', '10.2.1.2:80']);
    await client.batchRegisterInstance(serviceName, [{ ip: '10.2.1.2', port: 80 }]);
    expect(await httpHosts(serviceName)).toEqual(['10.2.1.2:80']);
  });

  it('should keep a persistent instance registered over gRPC after its connection closes', async () => {
    const serviceName = uniqueId('grpc-svc');
    const client = await start();
    const response = await client.persistentInstance('registerInstance', serviceName, { ip: '10.2.2.1', port: 7000 });
    expect(response).toMatchObject({ resultCode: 200 });
    client.close();
    const other = await start();
    expect((await other.serviceQuery(serviceName)).serviceInfo?.hosts?.map((h) => h.ip)).toEqual(['10.2.2.1']);
    await other.persistentInstance('deregisterInstance', serviceName, { ip: '10.2.2.1', port: 7000 });
    expect(await httpHosts(serviceName)).toEqual([]);
  });

  it('should list the services of a group, and stop pushing to an unsubscribed client', async () => {
    const serviceName = uniqueId('grpc-svc');
    const marker = uniqueId('grpc-svc');
    const client = await start();
    await client.registerInstance(serviceName, { ip: '10.2.3.1', port: 1 });
    const list = await client.serviceList({ pageNo: 1, pageSize: 1000 });
    expect(list).toMatchObject({ type: 'ServiceListResponse', resultCode: 200 });
    expect(list.serviceNames).toContain(serviceName);
    expect(list.count).toBeGreaterThanOrEqual(1);

    const watcher = await start();
    await watcher.subscribe(serviceName);
    await watcher.subscribe(marker);
    expect((await watcher.unsubscribe(serviceName)).resultCode).toBe(200);
    await client.deregisterInstance(serviceName, { ip: '10.2.3.1', port: 1 });
    const provider = await start();
    await provider.registerInstance(marker, { ip: '10.2.3.2', port: 1 });
    await watcher.nextPush('NotifySubscriberRequest', (p) => hostsOf(p).includes('10.2.3.2:1'));
    const name = (p: ServerPush) => (p.body.serviceInfo as ServiceInfo).name;
    expect(watcher.pushesOf('NotifySubscriberRequest', (p) => name(p) === serviceName)).toEqual([]);
  });

  it('should see HTTP registrations in the gRPC subscription', async () => {
    const serviceName = uniqueId('grpc-svc');
    const subscriber = await start();
    await subscriber.subscribe(serviceName);
    const registered = await nacosForm(baseUrl, 'POST', '/nacos/v1/ns/instance', { serviceName, ip: '10.2.4.1', port: 80, ephemeral: 'false' });
    expect(registered.status).toBe(200);
    await subscriber.nextPush('NotifySubscriberRequest', (p) => hostsOf(p).includes('10.2.4.1:80'));
    await eventually(async () => expect(await httpHosts(serviceName)).toEqual(['10.2.4.1:80']));
    await nacosForm(baseUrl, 'DELETE', '/nacos/v1/ns/instance', { serviceName, ip: '10.2.4.1', port: 80, ephemeral: 'false' });
  });
});
