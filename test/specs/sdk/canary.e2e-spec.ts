import { createClient, type ConfigEntry, type SwitchboardClient } from '@switchboard/client';
import { CONFIG_CENTER_ENDPOINTS as E } from '@switchboard/shared';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { eventually } from '../../support/wait';

const baseUrl = inject('baseUrl');
const token = inject('adminToken');

describe('client.config canary answers', () => {
  const clients: SwitchboardClient[] = [];
  const newClient = (options: { labels?: string[]; clientId?: string } = {}) => {
    const client = createClient({ url: baseUrl, token, ...options });
    clients.push(client);
    return client;
  };
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
  });

  it('should give a client labelled for a canary the candidate and an unlabelled one the stable content', async () => {
    const label = uniqueId('canary');
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('canary')}.json` };
    await call(baseUrl, E.publishConfig, { params: key, body: { content: '{"pool": 10}', type: 'json' } });
    const started = await call(baseUrl, E.startCanary, { params: key, body: { content: '{"pool": 20}', target: { tags: [label], weight: 0 } } });
    expect(started.status).toBe(201);

    const labelled = newClient({ labels: [label] });
    const plain = newClient();
    // Over HTTP, as this client by its address and labels.
    expect(await labelled.config.get(key.group, key.dataId)).toMatchObject({ content: '{"pool": 20}', canary: { id: started.body.id } });
    expect(await labelled.config.getJson(key.group, key.dataId)).toEqual({ pool: 20 });
    const stable = await plain.config.get(key.group, key.dataId);
    expect(stable).toMatchObject({ content: '{"pool": 10}' });
    expect(stable?.canary).toBeUndefined();
    // With a declared identity the socket answers, with the same labels.
    expect(await newClient({ labels: [label], clientId: uniqueId('pod') }).config.get(key.group, key.dataId)).toMatchObject({ content: '{"pool": 20}' });
    expect((await newClient({ clientId: uniqueId('pod') }).config.get(key.group, key.dataId))?.content).toBe('{"pool": 10}');

    // Watches get the same answers, and the labelled one moves back when the canary ends.
    const labelledSeen: (ConfigEntry | null)[] = [];
    const plainSeen: (ConfigEntry | null)[] = [];
    await labelled.config.watch(key.group, key.dataId, (e) => labelledSeen.push(e)).ready;
    await plain.config.watch(key.group, key.dataId, (e) => plainSeen.push(e)).ready;
    expect(labelledSeen.map((e) => e?.content)).toEqual(['{"pool": 20}']);
    expect(plainSeen.map((e) => e?.content)).toEqual(['{"pool": 10}']);
    expect((await call(baseUrl, E.abortCanary, { params: key, body: {} })).status).toBe(200);
    await eventually(() => expect(labelledSeen.map((e) => e?.content)).toEqual(['{"pool": 20}', '{"pool": 10}']));
    expect(plainSeen.map((e) => e?.content)).toEqual(['{"pool": 10}']);
  });
});
