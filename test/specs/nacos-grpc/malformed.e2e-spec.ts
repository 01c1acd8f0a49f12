// Payloads no SDK sends: an unknown type, a body that is not JSON, bytes that are not a
// Payload, a body above the limit. Each is answered (an ErrorResponse: resultCode 500, an
// errorCode, a message) and the connection goes on serving.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { NacosGrpcClient, buildPayload, type NacosResponse } from '../../support/nacos-grpc-client';
import { removeDir, startServer, type RunningServer } from '../../support/server';

const baseUrl = inject('baseUrl');
const shared = { host: '127.0.0.1', port: inject('grpcPort'), httpPort: Number(new URL(baseUrl).port) };
const admin = { httpBaseUrl: baseUrl, username: inject('adminUsername'), password: inject('adminPassword') };

function expectError(response: NacosResponse | undefined): void {
  expect(response).toMatchObject({ type: 'ErrorResponse', resultCode: 500, success: false, message: expect.any(String) });
  expect(response?.errorCode).toEqual(expect.any(Number));
  expect(response?.errorCode).not.toBe(0);
}

describe('nacos gRPC malformed payloads', () => {
  let client: NacosGrpcClient;
  beforeAll(async () => {
    client = await NacosGrpcClient.start({ servers: [shared], module: 'config', ...admin, keepAliveMs: 0 });
  });
  afterAll(() => client.close());

  // The connection still serves a real request, on the same connection.
  async function stillServes(): Promise<void> {
    const connectionId = client.connectionId;
    expect((await client.configQuery({ dataId: 'malformed-probe.txt', group: 'DEFAULT_GROUP' })).type).toBe('ConfigQueryResponse');
    expect(client.connectionId).toBe(connectionId);
    expect(client.connectionIds).toHaveLength(1);
  }

  it('should answer an unknown request type with ErrorResponse 302 (no handler)', async () => {
    const response = await client.rawTyped('NoSuchRequest', JSON.stringify({ headers: {}, module: 'config' }));
    expectError(response);
    expect(response.errorCode).toBe(302);
    await stillServes();
  });

  it('should answer an empty type with an ErrorResponse', async () => {
    expectError(await client.rawTyped('', '{}'));
    await stillServes();
  });

  it('should answer a body that is not JSON with an ErrorResponse', async () => {
    expectError(await client.rawTyped('ConfigQueryRequest', '{"dataId": "a", "group": '));
    expectError(await client.rawTyped('ConfigQueryRequest', Buffer.from([0xff, 0xfe, 0x00, 0x01])));
    await stillServes();
  });

  it('should answer a body that is JSON but not an object with an ErrorResponse', async () => {
    expectError(await client.rawTyped('ConfigQueryRequest', '["dataId"]'));
    expectError(await client.rawTyped('ConfigQueryRequest', 'null'));
    await stillServes();
  });

  it('should answer a request whose fields have the wrong types with an error of its own type', async () => {
    const response = await client.rawTyped('ConfigQueryRequest', JSON.stringify({ headers: {}, dataId: 42, group: ['x'], tenant: {}, module: 'config' }));
    expect(response.resultCode).toBe(500);
    expect(response.errorCode).not.toBe(0);
    expect(response.message).toEqual(expect.any(String));
    await stillServes();
  });

  it('should answer bytes that are no Payload message, and keep the connection', async () => {
    const answer = await client.rawBytes(Buffer.from([0x12, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]));
    // Either a Nacos error or a gRPC status: never a hang, never a dead connection.
    if (answer.response) expectError(answer.response);
    else expect(answer.status).toEqual(expect.any(Number));
    await stillServes();
  });
});

describe('nacos gRPC body limit', () => {
  let server: RunningServer;
  let client: NacosGrpcClient;
  const limit = 64 * 1024;
  beforeAll(async () => {
    server = await startServer({ env: { BODY_LIMIT_BYTES: String(limit), CONFIG_MAX_CONTENT_BYTES: String(32 * 1024) } });
    client = await NacosGrpcClient.start({ servers: [{ host: '127.0.0.1', port: server.grpcPort, httpPort: server.port }], module: 'config', keepAliveMs: 0 });
  });
  afterEach(async () => {
    expect((await client.configQuery({ dataId: 'limit-probe.txt', group: 'DEFAULT_GROUP' })).type).toBe('ConfigQueryResponse');
    expect(client.connectionIds).toHaveLength(1);
  });
  afterAll(async () => {
    client?.close();
    await server.stop();
    removeDir(server.dataDir);
  });

  it('should answer a body above the limit with an ErrorResponse and keep the connection', async () => {
    const body = JSON.stringify({ headers: {}, dataId: 'big.txt', group: 'DEFAULT_GROUP', tenant: '', content: 'x'.repeat(limit + 1024), additionMap: {}, module: 'config' });
    const response = await client.rawRequest(buildPayload('ConfigPublishRequest', JSON.parse(body), {}, '127.0.0.1'));
    expectError(response);
  });

  it('should refuse a config above the content limit with its own response type', async () => {
    const response = await client.configPublish({ dataId: 'big2.txt', group: 'DEFAULT_GROUP' }, 'y'.repeat(40 * 1024));
    expect(response).toMatchObject({ type: 'ConfigPublishResponse', resultCode: 500 });
    expect(response.errorCode).not.toBe(0);
  });

  it('should end a message far above every limit with a gRPC status, not a dead connection', async () => {
    const answer = await client.rawBytes(Buffer.alloc(1024 * 1024, 0x41));
    expect(answer.status === grpc.status.RESOURCE_EXHAUSTED || answer.response?.type === 'ErrorResponse').toBe(true);
  });
});
