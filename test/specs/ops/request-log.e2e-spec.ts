import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPayload, rawChannel, serverAddress } from '../../support/nacos-grpc-client';
import { removeDir, startServer, type RunningServer } from '../../support/server';
import { eventually } from '../../support/wait';

// LOG_REQUESTS decides which requests get a `request completed` line: by default those answered
// with an error, `all` every one (the hot routes, the full pipeline and gRPC alike).
type Line = { msg?: string; reqId?: string; statusCode?: number; transport?: string; type?: string; code?: number };

function completed(server: RunningServer): Line[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.includes('"request completed"'))
    .map((line) => JSON.parse(line) as Line);
}

// Requests answered 200 then 404, on a hot route and on the full pipeline, then a gRPC server
// check; each HTTP one named by its request id. The last one is a 404: once its line is there,
// every line before it is too (one logger writes them in order).
async function sendRequests(server: RunningServer, prefix: string): Promise<string[]> {
  const send = async (id: string, path: string, expected: number) => {
    const response = await fetch(`${server.baseUrl}${path}`, { headers: { 'x-request-id': id } });
    await response.arrayBuffer();
    expect(response.status, path).toBe(expected);
    return id;
  };
  const publish = await fetch(`${server.baseUrl}/nacos/v1/cs/configs`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'dataId=logged.properties&group=DEFAULT_GROUP&content=a%3D1',
  });
  expect(await publish.text()).toBe('true');
  const channel = rawChannel(serverAddress(server));
  try {
    const check = await channel.call(buildPayload('ServerCheckRequest', { headers: {}, module: 'internal' }, {}, '127.0.0.1'));
    expect(check.response?.resultCode).toBe(200);
  } finally {
    channel.close();
  }
  return [
    await send(`${prefix}-hot-200`, '/nacos/v1/cs/configs?dataId=logged.properties&group=DEFAULT_GROUP', 200),
    await send(`${prefix}-full-200`, '/api/v1/namespaces', 200),
    await send(`${prefix}-full-404`, '/api/v1/namespaces/no-such-namespace', 404),
    await send(`${prefix}-hot-404`, '/nacos/v1/cs/configs?dataId=missing.properties&group=DEFAULT_GROUP', 404),
  ];
}

describe('request log lines (LOG_REQUESTS)', () => {
  let quiet: RunningServer;
  let all: RunningServer;

  beforeAll(async () => {
    [quiet, all] = await Promise.all([
      startServer({ env: { AUTH_ENABLED: 'false', LOG_LEVEL: 'info' } }),
      startServer({ env: { AUTH_ENABLED: 'false', LOG_LEVEL: 'info', LOG_REQUESTS: 'all' } }),
    ]);
  });
  afterAll(async () => {
    for (const server of [quiet, all]) {
      await server?.stop();
      if (server) removeDir(server.dataDir);
    }
  });

  it('should log only the requests answered with an error by default', async () => {
    await sendRequests(quiet, 'quiet');
    const lines = await eventually(() => {
      const found = completed(quiet);
      expect(found.map((line) => line.reqId)).toContain('quiet-hot-404');
      return found;
    }, 10_000);
    const ours = lines.filter((line) => line.reqId?.startsWith('quiet-'));
    expect(ours.map((line) => [line.reqId, line.statusCode])).toEqual([
      ['quiet-full-404', 404],
      ['quiet-hot-404', 404],
    ]);
    // Nothing answered without an error was logged: the publish, the gRPC check, the reads.
    expect(lines.filter((line) => (line.statusCode ?? 0) < 400 && (line.code ?? 0) < 400)).toEqual([]);
  });

  it('should log every request with LOG_REQUESTS=all', async () => {
    await sendRequests(all, 'all');
    const lines = await eventually(() => {
      const found = completed(all);
      expect(found.map((line) => line.reqId)).toContain('all-hot-404');
      return found;
    }, 10_000);
    expect(lines.filter((line) => line.reqId?.startsWith('all-')).map((line) => [line.reqId, line.statusCode])).toEqual([
      ['all-hot-200', 200],
      ['all-full-200', 200],
      ['all-full-404', 404],
      ['all-hot-404', 404],
    ]);
    expect(lines.some((line) => line.transport === 'grpc' && line.type === 'ServerCheckRequest' && line.code === 200)).toBe(true);
  });
});
