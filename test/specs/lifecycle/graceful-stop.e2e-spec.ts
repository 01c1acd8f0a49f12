import { createHash } from 'node:crypto';
import { AUTH_ENDPOINTS, CONFIG_CENTER_ENDPOINTS as E, NAMESPACES_ENDPOINTS } from '@switchboard/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { call, nacosForm } from '../../support/api';
import { longPoll } from '../../support/long-poll';
import { removeDir, startServer, tempDataDir } from '../../support/server';
import { eventually } from '../../support/wait';

// SIGTERM while publishers keep writing over the REST API and the Nacos form (the hot path),
// and a Nacos client holds a long poll: the poll is answered at once, a request that arrives
// too late is refused with a 503 (never a 500), and every acknowledged publish is there after
// the restart, with its audit event.
describe('graceful stop under load', () => {
  const dataDir = tempDataDir('switchboard-graceful-stop-');
  afterAll(() => removeDir(dataDir));

  it('should answer held polls, refuse late requests with 503 and keep every acknowledged publish and its audit event', async () => {
    const server = await startServer({ dataDir, env: { SHUTDOWN_TIMEOUT_MS: '20000' } });
    const group = 'STOP';
    // Every publish makes a new config: room for all of them.
    const namespaceId = 'stop';
    expect((await call(server.baseUrl, NAMESPACES_ENDPOINTS.createNamespace, { body: { namespaceId, name: 'stop', configQuota: 100_000 } })).status).toBe(201);
    const watched = { dataId: 'watched.properties', group, content: 'a=1\n' };
    expect((await call(server.baseUrl, E.publishConfig, { params: { namespaceId, group, dataId: watched.dataId }, body: { content: watched.content } })).status).toBe(200);
    const md5 = createHash('md5').update(watched.content).digest('hex');
    const poll = longPoll(server.baseUrl, [{ dataId: watched.dataId, group, md5, tenant: namespaceId }], { timeoutMs: 30_000 });

    const acknowledged: string[] = [];
    const refusals: string[] = [];
    const failures: string[] = [];
    let stopping = false;
    const publisher = async (worker: number) => {
      for (let n = 0; n < 2_000; n++) {
        const dataId = `w${worker}-${n}`;
        const content = `worker=${worker}\nn=${n}\n`;
        try {
          const { status, text } =
            worker % 2 === 0
              ? await call(server.baseUrl, E.publishConfig, { params: { namespaceId, group, dataId }, body: { content } }).then((r) => ({ status: r.status, text: JSON.stringify(r.body) }))
              : await nacosForm(server.baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId, group, content, tenant: namespaceId });
          if (status === 200) acknowledged.push(dataId);
          else refusals.push(`${status} ${text.slice(0, 200)}`);
        } catch (error) {
          // The server has stopped taking connections: the end of this publisher.
          if (!stopping) failures.push(String(error));
          return;
        }
      }
    };
    const publishers = Array.from({ length: 8 }, (_, worker) => publisher(worker));
    await eventually(() => expect(acknowledged.length).toBeGreaterThanOrEqual(200), 20_000);
    stopping = true;
    const exitCode = server.stop();
    const answer = await poll;
    expect(await exitCode).toBe(0);
    await Promise.all(publishers);

    expect(failures).toEqual([]);
    expect(answer).toMatchObject({ status: 200, body: '' }); // released, nothing changed
    expect(refusals.filter((refusal) => !refusal.startsWith('503 '))).toEqual([]);

    const restarted = await startServer({ dataDir });
    try {
      for (const dataId of acknowledged) {
        const stored = await call(restarted.baseUrl, E.getConfig, { params: { namespaceId, group, dataId } });
        expect(stored.status, dataId).toBe(200);
      }
      const audited = new Set<string>();
      for (let pageNo = 1; ; pageNo++) {
        const page = await call(restarted.baseUrl, AUTH_ENDPOINTS.listAudit, { query: { action: 'config.publish', namespaceId, pageNo, pageSize: 500 } });
        expect(page.status).toBe(200);
        for (const event of page.body.items) audited.add(event.target);
        if (page.body.items.length < 500) break;
      }
      const missing = acknowledged.filter((dataId) => !audited.has(`${group}/${dataId}`));
      expect(missing).toEqual([]);
    } finally {
      await restarted.stop();
    }
  }, 120_000);
});
