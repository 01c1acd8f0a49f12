// The connection of a Nacos 2.x/3.x SDK: ServerCheck, the bi-stream set up, the server's
// SetupAckRequest, health checks, the server's probe of a silent client.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NacosGrpcClient, buildPayload, rawChannel } from '../../support/nacos-grpc-client';
import { grpcClients, sharedGrpcServer } from '../../support/grpc-suite';
import { removeDir, startServer, type RunningServer } from '../../support/server';
import { metricValue } from '../../support/metrics';
import { eventually } from '../../support/wait';

const { baseUrl, address: shared, admin } = sharedGrpcServer();

describe('nacos gRPC handshake', () => {
  const start = grpcClients({ servers: [shared], module: 'config', ...admin });

  it('should answer ServerCheck with a connection id and ability negotiation, then push SetupAckRequest on the stream', async () => {
    const client = await start();
    expect(client.serverCheck).toMatchObject({ type: 'ServerCheckResponse', resultCode: 200, success: true, supportAbilityNegotiation: true });
    expect(client.serverCheck?.connectionId).toEqual(expect.any(String));
    expect(client.connectionId).toBe(client.serverCheck?.connectionId);
    // The Java client waits up to 5 s for the ack and gives the connection up without it.
    expect(client.setups).toHaveLength(1);
    expect(client.setups[0]).toMatchObject({ negotiated: true, ack: 'received' });
    expect(client.setups[0].waitedMs).toBeLessThan(5000);
    expect(client.setups[0].abilityTable).toEqual(expect.any(Object));
    const ack = client.pushesOf('SetupAckRequest')[0];
    expect(ack.body.module).toBe('internal');
    expect(ack.answered).toBeUndefined(); // the Java client does not answer it
  });

  it('should serve requests on the connection once it is set up, and answer health checks', async () => {
    const client = await start();
    const health = await client.healthCheck();
    expect(health).toMatchObject({ type: 'HealthCheckResponse', resultCode: 200, errorCode: 0, success: true });
    const missing = await client.configQuery({ dataId: `missing-${Date.now()}.txt`, group: 'DEFAULT_GROUP' });
    expect(missing).toMatchObject({ type: 'ConfigQueryResponse', resultCode: 500, errorCode: 300 });
  });

  it('should measure every request by type and answer code on /metrics, beside the open connections', async () => {
    const count = async (labels: string) => {
      const text = await (await fetch(`${baseUrl}/metrics`)).text();
      return Number(new RegExp(`^switchboard_grpc_request_duration_seconds_count\\{${labels}\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    };
    const client = await start();
    const healthBefore = await count('type="HealthCheckRequest",code="200"');
    const missingBefore = await count('type="ConfigQueryRequest",code="300"');
    await client.healthCheck();
    await client.configQuery({ dataId: `missing-${Date.now()}.txt`, group: 'DEFAULT_GROUP' });
    expect(await count('type="HealthCheckRequest",code="200"')).toBeGreaterThanOrEqual(healthBefore + 1); // keep-alives may add theirs
    expect(await count('type="ConfigQueryRequest",code="300"')).toBe(missingBefore + 1);
    expect(await metricValue(baseUrl, 'switchboard_grpc_connections')).toBeGreaterThanOrEqual(1);
  });

  it('should refuse a request on a channel that never set up its stream with 301, which sends the SDK reconnecting', async () => {
    const channel = rawChannel(shared);
    try {
      const check = await channel.call(buildPayload('ServerCheckRequest', { headers: {}, module: 'internal' }, {}, '127.0.0.1'));
      expect(check.response).toMatchObject({ type: 'ServerCheckResponse', resultCode: 200 });
      const refused = await channel.call(buildPayload('ConfigQueryRequest', { headers: {}, dataId: 'a', group: 'DEFAULT_GROUP', tenant: '', module: 'config' }, {}, '127.0.0.1'));
      expect(refused.response).toMatchObject({ type: 'ErrorResponse', resultCode: 500, errorCode: 301 });
    } finally {
      channel.close();
    }
  });

  it('should give every connection an id of its own and keep them apart', async () => {
    const [a, b] = [await start(), await start({ module: 'naming' })];
    expect(a.connectionId).not.toBe(b.connectionId);
    expect((await a.healthCheck()).resultCode).toBe(200);
    expect((await b.healthCheck()).resultCode).toBe(200);
  });
});

describe('nacos gRPC probes of silent clients', () => {
  let server: RunningServer;
  const clients: NacosGrpcClient[] = [];
  beforeAll(async () => {
    server = await startServer({ env: { GRPC_IDLE_MS: '400', GRPC_PUSH_TIMEOUT_MS: '500' } });
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  const address = () => ({ host: '127.0.0.1', port: server.grpcPort, httpPort: server.port });

  it('should ask a silent client whether it is there (ClientDetectionRequest) and keep it when it answers', async () => {
    const client = await NacosGrpcClient.start({ servers: [address()], module: 'naming', keepAliveMs: 0 });
    clients.push(client);
    const detection = await client.nextPush('ClientDetectionRequest', () => true, 5000);
    expect(detection.answered).toBe('ClientDetectionResponse');
    expect(detection.body.requestId).toEqual(expect.any(String));
    // Answered: the connection lives on (a later probe arrives on the same connection).
    const second = await client.nextPush('ClientDetectionRequest', () => true, 5000);
    expect(second.connectionId).toBe(client.connectionId);
    expect(client.connectionIds).toHaveLength(1);
  });

  it('should close the connection of a client that does not answer, and its ephemeral instances go with it', async () => {
    const serviceName = `silent-${Date.now()}`;
    const client = await NacosGrpcClient.start({ servers: [address()], module: 'naming', keepAliveMs: 0, unansweredPushes: ['ClientDetectionRequest'], redoDelayMs: 60_000 });
    clients.push(client);
    expect((await client.registerInstance(serviceName, { ip: '10.1.0.1', port: 8080 })).resultCode).toBe(200);
    await client.nextPush('ClientDetectionRequest', () => true, 5000);
    await eventually(async () => {
      const list = (await (await fetch(`${server.baseUrl}/nacos/v1/ns/instance/list?serviceName=${serviceName}`)).json()) as { hosts: unknown[] };
      expect(list.hosts).toEqual([]);
    }, 10_000);
    // The server ended the stream: the client noticed.
    await eventually(() => expect(client.status === 'unhealthy' || client.connectionIds.length > 1).toBe(true), 5000);
  });
});
