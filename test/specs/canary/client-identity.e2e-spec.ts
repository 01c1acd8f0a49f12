import { CONFIG_CENTER_ENDPOINTS as E } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../support/api';
import { readConfigFrom } from '../../support/canary';
import { removeDir, runServerToExit, startServer, type RunningServer } from '../../support/server';

// A client is its address; X-Forwarded-For counts only when the request comes from a proxy
// listed in TRUSTED_PROXIES (here: 127.0.6.1).
describe('client identity behind a proxy', () => {
  let server: RunningServer;
  const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: 'behind-proxy.txt' };

  beforeAll(async () => {
    server = await startServer({ env: { TRUSTED_PROXIES: '127.0.6.1' } });
    await call(server.baseUrl, E.publishConfig, { params: key, body: { content: 'stable' } });
    await call(server.baseUrl, E.startCanary, { params: key, body: { content: 'candidate', target: { ips: ['10.9.8.7'] } } });
  });

  afterAll(async () => {
    await server?.stop();
    removeDir(server.dataDir);
  });

  it('should believe X-Forwarded-For from a trusted proxy only', async () => {
    const forwarded = { 'X-Forwarded-For': '10.9.8.7' };
    expect(await readConfigFrom(server.baseUrl, '127.0.6.1', key, forwarded)).toMatchObject({ isBeta: true, content: 'candidate' });
    expect(await readConfigFrom(server.baseUrl, '127.0.6.2', key, forwarded)).toMatchObject({ isBeta: false, content: 'stable' });
    expect(await readConfigFrom(server.baseUrl, '127.0.6.1', key)).toMatchObject({ isBeta: false, content: 'stable' });
  });

  it('should refuse a malformed proxy list at start-up, naming the setting', async () => {
    const result = await runServerToExit({ TRUSTED_PROXIES: '127.0.0.1,proxy.example', PORT: '0', DATA_DIR: server.dataDir });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/TRUSTED_PROXIES/);
  });
});
