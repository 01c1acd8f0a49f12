import { AUTH_ENDPOINTS } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../support/api';
import { rawExchange } from '../../support/fuzz-raw';
import { removeDir, startServer, type RunningServer } from '../../support/server';
import { eventually } from '../../support/wait';

// A client may reset its connection while its request is still being handled (the guard verifying
// credentials, a write waiting for the database): the server must still know who made the request
// and finish it without an internal error.
describe('a client that resets its connection while its request is handled', () => {
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    server = await startServer({ env: { AUTH_ENABLED: 'true', AUTH_ADMIN_PASSWORD: 'reset-admin-pw', AUTH_MAX_FAILED_LOGINS: '1000000', LOG_LEVEL: 'info', LOG_REQUESTS: 'all' } });
    token = (await call(server.baseUrl, AUTH_ENDPOINTS.login, { body: { username: 'admin', password: 'reset-admin-pw' } })).body.accessToken;
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  // The "request completed" line of each request id: its status.
  function completedStatuses(ids: string[]): Map<string, number> {
    const statuses = new Map<string, number>();
    for (const line of server.output().split('\n')) {
      if (!line.includes('"request completed"')) continue;
      const entry = JSON.parse(line) as { reqId?: string; statusCode?: number };
      if (entry.reqId && ids.includes(entry.reqId)) statuses.set(entry.reqId, entry.statusCode ?? 0);
    }
    return statuses;
  }

  it('should finish every such request with a 2xx or 4xx, log no internal error and stay healthy', async () => {
    const requests = (id: string): string[] => {
      const form = 'serviceName=reset-svc&ip=127.0.0.1&port=8080';
      return [
        // Credentials as a Nacos client sends them: verified by the guard before the handler runs.
        `DELETE /nacos/v1/ns/instance?${form}&username=admin&password=reset-admin-pw HTTP/1.1\r\nHost: x\r\nx-request-id: ${id}-a\r\n\r\n`,
        `DELETE /nacos/v1/ns/instance?${form}&accessToken=${token} HTTP/1.1\r\nHost: x\r\nx-request-id: ${id}-b\r\n\r\n`,
        `GET /nacos/v1/cs/configs?dataId=reset.properties&group=G&accessToken=${token} HTTP/1.1\r\nHost: x\r\nx-request-id: ${id}-c\r\n\r\n`,
        `DELETE /api/v1/namespaces/public/configs/G/reset.properties HTTP/1.1\r\nHost: x\r\nx-request-id: ${id}-d\r\nauthorization: Bearer ${token}\r\n\r\n`,
      ];
    };
    const ids: string[] = [];
    for (let round = 0; round < 10; round++) {
      const batch = requests(`reset-${round}`);
      ids.push(...batch.map((_, i) => `reset-${round}-${'abcd'[i]}`));
      await Promise.all(batch.map((bytes) => rawExchange(server.port, bytes, { after: 'reset' })));
    }

    // Each request is finished (and logged) once the server has handled it.
    const statuses = await eventually(() => {
      const seen = completedStatuses(ids);
      expect([...seen.keys()].sort()).toEqual([...ids].sort());
      return seen;
    }, 15_000);
    expect([...statuses.entries()].filter(([, status]) => status >= 500)).toEqual([]);
    expect(server.output()).not.toContain('unhandled error');
    expect((await fetch(`${server.baseUrl}/health/ready`)).status).toBe(200);
  });
});
