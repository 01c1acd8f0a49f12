// What the SDK does when its connection goes: a server stopping asks it to move
// (ConnectResetRequest); a server gone and back on the same ports is reconnected to; on the new
// connection the client registers its instances, subscribes and listens again
// (NamingGrpcRedoService, ClientWorker), and the server serves it as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueId } from '../../support/api';
import { NacosGrpcClient, md5Of, type ServerPush, type ServiceInfo } from '../../support/nacos-grpc-client';
import { removeDir, startServer, type RunningServer } from '../../support/server';
import { eventually } from '../../support/wait';

const hostsOf = (push: ServerPush) => ((push.body.serviceInfo as ServiceInfo | undefined)?.hosts ?? []).map((h) => `${h.ip}:${h.port}`).sort();

describe('nacos gRPC reconnect and redo', () => {
  let server: RunningServer;
  let port: number;
  let grpcPort: number;
  let dataDir: string;
  const clients: NacosGrpcClient[] = [];
  beforeAll(async () => {
    server = await startServer();
    ({ port, grpcPort, dataDir } = server);
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await server.stop();
    removeDir(dataDir);
  });

  const address = () => ({ host: '127.0.0.1', port: grpcPort, httpPort: port });
  const httpHosts = async (serviceName: string) => {
    const list = (await (await fetch(`${server.baseUrl}/nacos/v1/ns/instance/list?serviceName=${serviceName}`)).json()) as { hosts: { ip: string; port: number }[] };
    return list.hosts.map((h) => `${h.ip}:${h.port}`).sort();
  };

  it('should register, subscribe and listen again on the new connection after the server restarts on the same ports', async () => {
    const serviceName = uniqueId('redo-svc');
    const watched = uniqueId('redo-watched');
    const key = { dataId: `${uniqueId('redo')}.properties`, group: 'DEFAULT_GROUP' };
    const naming = await NacosGrpcClient.start({ servers: [address()], module: 'naming', redoDelayMs: 200, startTimeoutMs: 30_000 });
    const config = await NacosGrpcClient.start({ servers: [address()], module: 'config', configListenIntervalMs: 500, startTimeoutMs: 30_000 });
    clients.push(naming, config);
    expect((await naming.registerInstance(serviceName, { ip: '10.4.0.1', port: 8080 })).resultCode).toBe(200);
    expect((await naming.subscribe(watched)).resultCode).toBe(200);
    expect((await config.configPublish(key, 'v=1')).resultCode).toBe(200);
    expect((await config.configBatchListen([{ ...key, md5: md5Of('v=1') }])).changedConfigs).toEqual([]);
    const firstNaming = naming.connectionId;
    const firstConfig = config.connectionId;

    // A graceful stop asks every client to move (ConnectResetRequest), answered by each.
    await server.stop();
    for (const client of [naming, config]) {
      const reset = client.pushesOf('ConnectResetRequest');
      expect(reset.length).toBeGreaterThanOrEqual(1);
      expect(reset[0].answered).toBe('ConnectResetResponse');
    }
    server = await startServer({ port, grpcPort, dataDir });

    await naming.waitForConnections(2, 30_000);
    await config.waitForConnections(2, 30_000);
    expect(naming.connectionId).not.toBe(firstNaming);
    expect(config.connectionId).not.toBe(firstConfig);

    // Redone: the instance is back, the subscription pushes, the listen pushes.
    await naming.waitForRedo((r) => r.kind === 'instance' && r.response?.resultCode === 200 && r.connectionId === naming.connectionId);
    await naming.waitForRedo((r) => r.kind === 'subscribe' && r.response?.resultCode === 200 && r.connectionId === naming.connectionId);
    await config.waitForRedo((r) => r.kind === 'config-listen' && r.response?.resultCode === 200 && r.connectionId === config.connectionId);
    expect(await httpHosts(serviceName)).toEqual(['10.4.0.1:8080']);

    const provider = await NacosGrpcClient.start({ servers: [address()], module: 'naming' });
    clients.push(provider);
    await provider.registerInstance(watched, { ip: '10.4.0.2', port: 1 });
    await naming.nextPush('NotifySubscriberRequest', (p) => p.connectionId === naming.connectionId && hostsOf(p).includes('10.4.0.2:1'));

    const publisher = await NacosGrpcClient.start({ servers: [address()], module: 'config' });
    clients.push(publisher);
    await publisher.configPublish(key, 'v=2');
    await config.nextPush('ConfigChangeNotifyRequest', (p) => p.connectionId === config.connectionId && p.body.dataId === key.dataId);
    await eventually(() => expect(config.listenedMd5(key)).toBe(md5Of('v=2')), 5000);

    // The instance lives as long as the new connection.
    naming.close();
    await eventually(async () => expect(await httpHosts(serviceName)).toEqual([]), 10_000);
  });

  it('should reconnect when a killed server comes back on the same ports (the stream gone), and register again', async () => {
    const serviceName = uniqueId('redo-kill');
    const client = await NacosGrpcClient.start({ servers: [address()], module: 'naming', redoDelayMs: 200 });
    clients.push(client);
    await client.registerInstance(serviceName, { ip: '10.4.1.1', port: 8080 });
    const before = client.connectionIds.length;
    await server.kill();
    server = await startServer({ port, grpcPort, dataDir });
    await client.waitForConnections(before + 1, 30_000);
    await client.waitForRedo((r) => r.kind === 'instance' && r.key.endsWith(serviceName) && r.response?.resultCode === 200);
    expect(await httpHosts(serviceName)).toEqual(['10.4.1.1:8080']);
  });
});
