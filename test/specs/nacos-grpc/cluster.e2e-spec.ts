// Nacos SDKs over gRPC in cluster mode: an instance registered on one node is pushed to the
// subscribers of another, a config published on one node notifies the listeners of another,
// connections are listed and counted across the nodes, the instances a node's connections kept
// alive vanish everywhere when that node is killed, and a node holding more than its share of
// the connections asks some to move.
import { CONNECTIONS_ENDPOINTS, OVERVIEW_ENDPOINTS } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { call, nacosForm, uniqueId } from '../../support/api';
import { clusterDatabase, twoNodes } from '../../support/cluster';
import { metricValue, waitForMetric } from '../../support/metrics';
import { NacosGrpcClient, md5Of, serverAddress, type NacosGrpcClientOptions, type ServerPush, type ServiceInfo } from '../../support/nacos-grpc-client';
import type { RunningServer } from '../../support/server';
import { eventually } from '../../support/wait';

const hostsOf = (push: ServerPush) => ((push.body.serviceInfo as ServiceInfo | undefined)?.hosts ?? []).map((h) => h.ip).sort();
const httpHosts = async (node: RunningServer, serviceName: string) => {
  const res = await nacosForm(node.baseUrl, 'GET', '/nacos/v1/ns/instance/list', { serviceName, healthyOnly: 'false' });
  return (res.json() as { hosts: { ip: string }[] }).hosts.map((h) => h.ip).sort();
};

async function startClients(count: number, options: NacosGrpcClientOptions, clients: NacosGrpcClient[]): Promise<NacosGrpcClient[]> {
  const started: NacosGrpcClient[] = [];
  for (let i = 0; i < count; i++) started.push(await NacosGrpcClient.start(options));
  clients.push(...started);
  return started;
}

describe('nacos gRPC in cluster mode: two nodes sharing PostgreSQL and Redis', () => {
  const db = clusterDatabase('postgres');
  const nodes = twoNodes(db, { ...db.env, GRPC_REBALANCE: 'false', NAMING_UNHEALTHY_AFTER_MS: '2000', NAMING_EXPIRE_AFTER_MS: '4000', NAMING_SWEEP_INTERVAL_MS: '200' });

  it('should push an instance registered on one node to a subscriber on the other, and a config published on one to a listener on the other', async () => {
    const a = nodes.first;
    const b = nodes.second;
    const clients: NacosGrpcClient[] = [];
    try {
      const serviceName = uniqueId('grpc-cluster-svc');
      const [subscriber] = await startClients(1, { servers: [serverAddress(b)], module: 'naming' }, clients);
      const [provider] = await startClients(1, { servers: [serverAddress(a)], module: 'naming' }, clients);
      expect((await subscriber.subscribe(serviceName)).serviceInfo?.hosts ?? []).toEqual([]);
      expect((await provider.registerInstance(serviceName, { ip: '10.70.0.1', port: 8080 })).resultCode).toBe(200);
      await subscriber.nextPush('NotifySubscriberRequest', (p) => hostsOf(p).includes('10.70.0.1'), 10_000);

      const key = { dataId: `${uniqueId('grpc-cluster')}.properties`, group: 'DEFAULT_GROUP' };
      const [listener] = await startClients(1, { servers: [serverAddress(b)], module: 'config' }, clients);
      const [publisher] = await startClients(1, { servers: [serverAddress(a)], module: 'config' }, clients);
      expect((await publisher.configPublish(key, 'x=1')).resultCode).toBe(200);
      await eventually(async () => expect((await listener.configQuery(key)).content).toBe('x=1'), 10_000);
      expect((await listener.configBatchListen([{ ...key, md5: md5Of('x=1') }])).changedConfigs).toEqual([]);
      expect((await publisher.configPublish(key, 'x=2')).resultCode).toBe(200);
      await listener.nextPush('ConfigChangeNotifyRequest', (p) => p.body.dataId === key.dataId, 10_000);
      expect((await listener.configQuery(key)).content).toBe('x=2');

      // Either node lists the connections of both, with what each subscribes to and listens to.
      // (once the first node hears the second: it has just started)
      const listed = await eventually(async () => {
        const answer = await call(a.baseUrl, CONNECTIONS_ENDPOINTS.list, { params: { namespaceId: 'public' } });
        expect(answer.status).toBe(200);
        const ids = answer.body.connections.map((c) => c.connectionId);
        for (const client of [subscriber, provider, listener, publisher]) expect(ids).toContain(client.connectionId);
        return answer;
      }, 10_000, 250);
      expect(listed.body.connections.find((c) => c.connectionId === subscriber.connectionId)?.subscriptions).toEqual([{ namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName, clusters: '' }]);
      expect(listed.body.connections.find((c) => c.connectionId === listener.connectionId)?.listenedConfigs).toEqual([{ namespaceId: 'public', ...key }]);
      expect(new Set(listed.body.connections.map((c) => c.nodeId)).size).toBe(2);
      // The overview counts them on every node once the nodes told each other their counts.
      for (const node of [a, b]) {
        await eventually(async () => {
          const overview = await call(node.baseUrl, OVERVIEW_ENDPOINTS.getOverview);
          expect(overview.body.namespaces.find((n) => n.namespaceId === 'public')?.sdkConnections).toBe(await connectionsOnBoth(a, b));
        }, 15_000, 250);
      }
    } finally {
      clients.forEach((c) => c.close());
    }
  }, 60_000);

  it('should take the instances a killed node kept alive away from the other node, and push their removal', async () => {
    const a = nodes.first;
    const b = nodes.second;
    const clients: NacosGrpcClient[] = [];
    try {
      const serviceName = uniqueId('grpc-cluster-kill');
      const [provider] = await startClients(1, { servers: [serverAddress(a)], module: 'naming', startTimeoutMs: 5_000 }, clients);
      const [subscriber] = await startClients(1, { servers: [serverAddress(b)], module: 'naming' }, clients);
      await subscriber.subscribe(serviceName);
      await provider.registerInstance(serviceName, { ip: '10.71.0.1', port: 80 });
      await subscriber.nextPush('NotifySubscriberRequest', (p) => hostsOf(p).includes('10.71.0.1'), 10_000);
      expect(await httpHosts(b, serviceName)).toEqual(['10.71.0.1']);
      // kill -9: no goodbye; the node left removes what the dead node's connections kept.
      await a.kill();
      await subscriber.nextPush('NotifySubscriberRequest', (p) => hostsOf(p).length === 0, 30_000);
      expect(await httpHosts(b, serviceName)).toEqual([]);
    } finally {
      clients.forEach((c) => c.close());
    }
  }, 60_000);
});

describe('nacos gRPC in cluster mode: connections rebalanced', () => {
  const db = clusterDatabase('postgres');
  const nodes = twoNodes(db, db.env);

  it('should ask the excess connections of a node holding all of them to move, until each node holds its share', async () => {
    const clients: NacosGrpcClient[] = [];
    try {
      // Every client lists both nodes, the first node first: all connect to it.
      const servers = [serverAddress(nodes.first), serverAddress(nodes.second)];
      await startClients(4, { servers, module: 'naming' }, clients);
      expect(await metricValue(nodes.first.baseUrl, 'switchboard_grpc_connections')).toBe(4);
      await waitForMetric(nodes.second.baseUrl, 'switchboard_grpc_connections', (n) => n === 2, 30_000);
      await waitForMetric(nodes.first.baseUrl, 'switchboard_grpc_connections', (n) => n === 2, 10_000);
      const metrics = await (await fetch(`${nodes.first.baseUrl}/metrics`)).text();
      expect(metrics).toMatch(/^switchboard_grpc_pushes_total\{type="ConnectResetRequest",result="acked"\} 2$/m);
    } finally {
      clients.forEach((c) => c.close());
    }
  }, 60_000);
});

async function connectionsOnBoth(a: RunningServer, b: RunningServer): Promise<number> {
  return (await metricValue(a.baseUrl, 'switchboard_grpc_connections')) + (await metricValue(b.baseUrl, 'switchboard_grpc_connections'));
}
