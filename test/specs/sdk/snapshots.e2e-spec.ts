import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type ConfigEntry, type SwitchboardClient } from '@switchboard/client';
import { CONFIG_CENTER_ENDPOINTS as E } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { removeDir, startServer, tempDataDir, type RunningServer } from '../../support/server';
import { eventually } from '../../support/wait';

// A server of its own: the spec stops it to read from the snapshots.
describe('client.config snapshots', () => {
  let server: RunningServer;
  const snapshotDir = tempDataDir('switchboard-sdk-snapshots-');
  const clients: SwitchboardClient[] = [];
  const newClient = () => {
    const client = createClient({ url: server.baseUrl, snapshotDir, timeoutMs: 2_000 });
    clients.push(client);
    return client;
  };
  const group = 'DEFAULT_GROUP';
  const read = { dataId: `${uniqueId('read')}.json` };
  const watched = { dataId: `${uniqueId('watched')}.yaml` };
  const removed = { dataId: `${uniqueId('removed')}.txt` };
  const fileOf = (dataId: string) => join(snapshotDir, 'public', group, `${dataId}.json`);

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
    removeDir(server.dataDir);
    removeDir(snapshotDir);
  });

  it('should save what get and watch receive, and remove it when the config is deleted', async () => {
    const client = newClient();
    await call(server.baseUrl, E.publishConfig, { params: { namespaceId: 'public', group, ...read }, body: { content: '{"pool": 4}', type: 'json' } });
    await call(server.baseUrl, E.publishConfig, { params: { namespaceId: 'public', group, ...watched }, body: { content: 'color: blue\n', type: 'yaml' } });
    await call(server.baseUrl, E.publishConfig, { params: { namespaceId: 'public', group, ...removed }, body: { content: 'soon gone' } });
    expect(await client.config.get(group, read.dataId)).toMatchObject({ content: '{"pool": 4}', version: 1 });
    expect(JSON.parse(readFileSync(fileOf(read.dataId), 'utf8'))).toMatchObject({ content: '{"pool": 4}', type: 'json', version: 1 });

    const seen: (ConfigEntry | null)[] = [];
    const watch = client.config.watch(group, watched.dataId, (entry) => seen.push(entry));
    await watch.ready;
    await call(server.baseUrl, E.publishConfig, { params: { namespaceId: 'public', group, ...watched }, body: { content: 'color: green\n', type: 'yaml' } });
    await eventually(() => expect(JSON.parse(readFileSync(fileOf(watched.dataId), 'utf8'))).toMatchObject({ content: 'color: green\n', version: 2 }));

    await client.config.get(group, removed.dataId);
    expect(existsSync(fileOf(removed.dataId))).toBe(true);
    await call(server.baseUrl, E.deleteConfig, { params: { namespaceId: 'public', group, ...removed } });
    expect(await client.config.get(group, removed.dataId)).toBeNull();
    expect(existsSync(fileOf(removed.dataId))).toBe(false);
  });

  it('should answer the last snapshot, flagged, when the server cannot be reached', async () => {
    await server.stop();
    // A new process with the same directory: nothing in memory, only the files.
    const client = newClient();
    const entry = await client.config.get(group, read.dataId);
    expect(entry).toMatchObject({ group, dataId: read.dataId, content: '{"pool": 4}', type: 'json', version: 1, fromSnapshot: true });
    expect(await client.config.getJson(group, read.dataId)).toEqual({ pool: 4 });
    expect(await client.config.getYaml(group, watched.dataId)).toEqual({ color: 'green' });
    // Without a snapshot the failure itself is the answer.
    await expect(client.config.get(group, removed.dataId)).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
    server = await startServer({ dataDir: server.dataDir, port: server.port });
    const fresh = await client.config.get(group, read.dataId);
    expect(fresh?.fromSnapshot).toBeUndefined();
  });
});
