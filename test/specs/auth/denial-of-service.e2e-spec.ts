import { CONFIG_CENTER_ENDPOINTS as C, NAMESPACES_ENDPOINTS as N } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, nacosForm } from '../../support/api';
import { removeDir, startServer, type RunningServer } from '../../support/server';

// A search pattern that makes a backtracking regular expression run for minutes against one long
// dataId: while the event loop is stuck nothing else is answered, heartbeats included.
const LONG_DATA_ID = 'a'.repeat(200);
const ATTACK_PATTERN = `${'*a'.repeat(13)}*b`;
// Far longer than a linear matcher needs, far shorter than a backtracking one would take.
const ANSWER_BOUND_MS = 10_000;

describe('inputs that would hold the event loop', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
    await call(server.baseUrl, N.createNamespace, { body: { namespaceId: 'dos', name: 'dos' } });
    await call(server.baseUrl, C.publishConfig, { params: { namespaceId: 'dos', group: 'G', dataId: LONG_DATA_ID }, body: { content: 'a=1' } });
    await call(server.baseUrl, C.publishConfig, { params: { namespaceId: 'dos', group: 'G', dataId: `${LONG_DATA_ID}b` }, body: { content: 'a=1' } });
  });
  afterAll(async () => {
    // A server whose loop is stuck would not stop on SIGTERM.
    await server.kill();
    removeDir(server.dataDir);
  });

  async function liveWhile<T>(attack: Promise<T>): Promise<T> {
    const health = fetch(`${server.baseUrl}/health/live`, { signal: AbortSignal.timeout(ANSWER_BOUND_MS) });
    const [result, live] = await Promise.all([attack, health]);
    expect(live.status).toBe(200);
    return result;
  }

  it('should answer a Nacos blur search built to backtrack, and keep answering health checks', async () => {
    const search = nacosForm(server.baseUrl, 'GET', '/nacos/v1/cs/configs', { search: 'blur', dataId: ATTACK_PATTERN, group: '', tenant: 'dos', pageNo: 1, pageSize: 10 }, { headers: {} });
    const res = await liveWhile(Promise.race([search, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer in time')), ANSWER_BOUND_MS))]));
    expect(res.status).toBe(200);
    expect((res.json() as { pageItems: { dataId: string }[] }).pageItems.map((c) => c.dataId)).toEqual([`${LONG_DATA_ID}b`]);
  });

  it('should answer the same search over the REST API (the console search)', async () => {
    const res = await liveWhile(
      fetch(`${server.baseUrl}${C.listConfigs.path.replace(':namespaceId', 'dos')}?mode=blur&dataId=${encodeURIComponent(ATTACK_PATTERN)}`, { signal: AbortSignal.timeout(ANSWER_BOUND_MS) }),
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: { dataId: string }[] }).items.map((c) => c.dataId)).toEqual([`${LONG_DATA_ID}b`]);
  });

  it.each(['/api/v1/users', '/api/v1/permissions', '/api/v1/access-tokens'])('should refuse a JSON key that is not a field of %s with a 400 naming it', async (path) => {
    const res = await fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"[[[[(a+)+$": 1}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: expect.arrayContaining([expect.objectContaining({ field: '[[[[(a+)+$', rule: 'whitelistValidation' })]) });
  });
});
