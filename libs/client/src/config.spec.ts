import type { ConfigView, RealtimeTopic, TopicSnapshots } from '@switchboard/shared';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConfigApi, type ConfigEntry } from './config.js';
import { SwitchboardError } from './errors.js';
import type { Transport } from './http.js';
import type { RealtimeConnection, TopicEvent, TopicHandlers } from './realtime.js';
import { SnapshotStore } from './snapshots.js';

const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: 'app.yaml' };

function view(version: number, content: string, md5 = `md5-${content}`): ConfigView {
  return { ...key, content, md5, type: 'yaml', version, appName: '', description: '', tags: [], sizeBytes: content.length, updatedAt: '', updatedBy: '', schema: null, createdAt: '', createdBy: '' };
}

// A socket stand-in: the test plays the server's snapshots and events.
function fakeRealtime() {
  let handlers: TopicHandlers<'config'> | undefined;
  const realtime = {
    subscribe: (_topic: RealtimeTopic, h: TopicHandlers<'config'>) => {
      handlers = h;
      return () => (handlers = undefined);
    },
  } as unknown as RealtimeConnection;
  return {
    realtime,
    snapshot: (snapshot: TopicSnapshots['config']) => handlers?.onSnapshot(snapshot),
    event: (event: TopicEvent<'config'>) => handlers?.onEvent(event),
    error: (error: SwitchboardError) => handlers?.onError?.(error),
  };
}

function fakeTransport(answer: () => Promise<ConfigView>): Transport {
  return { call: () => answer() } as unknown as Transport;
}

describe('config.watch', () => {
  it('should deliver each change once, skip stale events and compare the snapshot after a reconnect', async () => {
    const server = fakeRealtime();
    const api = createConfigApi({ transport: fakeTransport(() => Promise.reject(new Error('unused'))), realtime: () => server.realtime, namespace: 'public', labels: [] });
    const seen: (ConfigEntry | null)[] = [];
    const watch = api.watch(key.group, key.dataId, (entry) => seen.push(entry));
    server.snapshot({ config: view(2, 'b') });
    expect(await watch.ready).toMatchObject({ version: 2, content: 'b' });
    server.event({ name: 'config.published', payload: { key, config: view(1, 'a'), at: '' } }); // raced the snapshot
    server.event({ name: 'config.published', payload: { key, config: view(2, 'b'), at: '' } }); // already held
    server.event({ name: 'config.published', payload: { key, config: view(3, 'c'), at: '' } });
    server.snapshot({ config: view(3, 'c') }); // reconnected, nothing missed
    server.snapshot({ config: view(5, 'e') }); // reconnected after a missed change
    server.event({ name: 'config.deleted', payload: { key, version: 4, at: '' } }); // older than what is held
    server.event({ name: 'config.deleted', payload: { key, version: 6, at: '' } });
    server.snapshot({ config: null });
    expect(seen.map((e) => e?.content ?? null)).toEqual(['b', 'c', 'e', null]);
    expect(watch.current).toBeNull();
  });

  it('should deliver a canary candidate of the same version when its md5 differs', () => {
    const server = fakeRealtime();
    const api = createConfigApi({ transport: fakeTransport(() => Promise.reject(new Error('unused'))), realtime: () => server.realtime, namespace: 'public', labels: [] });
    const seen: (ConfigEntry | null)[] = [];
    api.watch(key.group, key.dataId, (entry) => seen.push(entry));
    server.snapshot({ config: view(4, 'stable') });
    server.event({ name: 'config.published', payload: { key, config: { ...view(4, 'candidate'), canary: { id: 'c1', revision: 1 } }, at: '' } });
    expect(seen.map((e) => [e?.content, e?.canary?.id])).toEqual([
      ['stable', undefined],
      ['candidate', 'c1'],
    ]);
  });

  it('should reject ready when the subscription is refused and report it', async () => {
    const server = fakeRealtime();
    const errors: SwitchboardError[] = [];
    const api = createConfigApi({ transport: fakeTransport(() => Promise.reject(new Error('unused'))), realtime: () => server.realtime, namespace: 'public', labels: [] });
    const watch = api.watch(key.group, key.dataId, () => undefined, { onError: (e) => errors.push(e) });
    server.error(new SwitchboardError({ code: 'FORBIDDEN', status: 403, message: 'forbidden' }));
    await expect(watch.ready).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(errors.map((e) => e.code)).toEqual(['FORBIDDEN']);
  });
});

describe('config.get with snapshots', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('should answer the saved snapshot when the server is unreachable and the failure otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdk-snapshots-'));
    dirs.push(dir);
    let answer: () => Promise<ConfigView> = () => Promise.resolve(view(7, 'saved'));
    const api = createConfigApi({ transport: fakeTransport(() => answer()), realtime: () => fakeRealtime().realtime, namespace: 'public', labels: [], snapshots: new SnapshotStore(dir) });
    expect(await api.get(key.group, key.dataId)).toMatchObject({ content: 'saved', version: 7 });
    expect(JSON.parse(readFileSync(join(dir, 'public', 'DEFAULT_GROUP', 'app.yaml.json'), 'utf8'))).toMatchObject({ content: 'saved', md5: 'md5-saved', version: 7 });

    answer = () => Promise.reject(new SwitchboardError({ code: 'NETWORK_ERROR', status: 0, message: 'ECONNREFUSED' }));
    expect(await api.get(key.group, key.dataId)).toMatchObject({ content: 'saved', version: 7, fromSnapshot: true });
    expect(await api.getYaml(key.group, key.dataId)).toBe('saved');

    answer = () => Promise.reject(new SwitchboardError({ code: 'FORBIDDEN', status: 403, message: 'forbidden' }));
    await expect(api.get(key.group, key.dataId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('should keep snapshot files inside the directory whatever the names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdk-snapshots-'));
    dirs.push(dir);
    const store = new SnapshotStore(dir);
    await store.save({ namespaceId: '..', group: '..', dataId: '..', content: 'x', md5: 'm', type: 'text', version: 1 });
    expect(readFileSync(join(dir, '%2E.', '%2E.', '%2E..json'), 'utf8')).toContain('"content":"x"');
    expect(await store.load({ namespaceId: '..', group: '..', dataId: '..' })).toMatchObject({ content: 'x' });
  });
});
