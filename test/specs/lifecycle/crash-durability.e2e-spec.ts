import { NAMESPACES_ENDPOINTS as E } from '@switchboard/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { call } from '../../support/api';
import { removeDir, startServer, tempDataDir } from '../../support/server';

describe('durability across kill -9', () => {
  const dataDir = tempDataDir('switchboard-crash-');
  afterAll(() => removeDir(dataDir));

  it('should keep every acknowledged namespace write after SIGKILL and restart', async () => {
    const first = await startServer({ dataDir });
    const ids = Array.from({ length: 20 }, (_, i) => `crash-${i}`);
    // Concurrent writes, each acknowledged before the kill.
    const results = await Promise.all(ids.map((namespaceId) => call(first.baseUrl, E.createNamespace, { body: { namespaceId, name: `n${namespaceId}` } })));
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 201));
    expect((await call(first.baseUrl, E.updateNamespace, { params: { namespaceId: 'crash-0' }, body: { description: 'updated before crash' } })).status).toBe(200);
    expect((await call(first.baseUrl, E.deleteNamespace, { params: { namespaceId: 'crash-1' } })).status).toBe(204);
    await first.kill();
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = await startServer({ dataDir });
    try {
      const list = await call(second.baseUrl, E.listNamespaces);
      const present = new Set(list.body.map((n) => n.namespaceId));
      for (const id of ids.filter((id) => id !== 'crash-1')) expect(present.has(id), id).toBe(true);
      expect(present.has('crash-1')).toBe(false);
      expect((await call(second.baseUrl, E.getNamespace, { params: { namespaceId: 'crash-0' } })).body.description).toBe('updated before crash');
    } finally {
      await second.stop();
    }
  });
});
