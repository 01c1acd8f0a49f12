import { CONFIG_CENTER_ENDPOINTS as E } from '@switchboard/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { call } from '../../support/api';
import { removeDir, startServer, tempDataDir } from '../../support/server';

describe('config durability across kill -9', () => {
  const dataDir = tempDataDir('switchboard-config-crash-');
  afterAll(() => removeDir(dataDir));

  it('should keep every acknowledged version through 20 rounds of publish, ack, SIGKILL and restart', async () => {
    const key = { namespaceId: 'public', group: 'CRASH', dataId: 'durable.properties' };
    const acknowledged: { version: number; content: string; md5: string }[] = [];
    for (let round = 1; round <= 20; round++) {
      const server = await startServer({ dataDir });
      const current = await call(server.baseUrl, E.getConfig, { params: key });
      if (round > 1) expect(current.body).toMatchObject(acknowledged.at(-1)!);
      const content = `round=${round}\nnote=ünïcode ${'x'.repeat(round * 50)}\n`;
      // A second config written concurrently, acknowledged too.
      const [res, other] = await Promise.all([
        call(server.baseUrl, E.publishConfig, { params: key, body: { content, type: 'properties' } }),
        call(server.baseUrl, E.publishConfig, { params: { ...key, dataId: `other-${round}` }, body: { content: String(round) } }),
      ]);
      expect(res.status).toBe(200);
      expect(other.status).toBe(200);
      acknowledged.push({ version: res.body.version, content, md5: res.body.md5 });
      await server.kill();
    }
    const server = await startServer({ dataDir });
    try {
      const history = await call(server.baseUrl, E.listVersions, { params: key, query: { pageSize: 100 } });
      expect(history.body.items.map((v) => v.version).sort((a, b) => a - b)).toEqual(acknowledged.map((a) => a.version));
      for (const a of acknowledged) {
        const version = await call(server.baseUrl, E.getVersion, { params: { ...key, version: a.version } });
        expect(version.body).toMatchObject({ content: a.content, md5: a.md5 });
      }
      for (let round = 1; round <= 20; round++) {
        expect((await call(server.baseUrl, E.getConfig, { params: { ...key, dataId: `other-${round}` } })).body.content).toBe(String(round));
      }
    } finally {
      await server.stop();
    }
  }, 120_000);
});
