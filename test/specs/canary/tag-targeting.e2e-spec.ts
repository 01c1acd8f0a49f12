import { CONFIG_CENTER_ENDPOINTS as E, NAMING_ENDPOINTS as N, type ConfigView } from '@switchboard/shared';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { call, nacosForm, uniqueId } from '../../support/api';
import { readConfigFrom } from '../../support/canary';
import { changedKeys, longPoll, waitForHeldPolls } from '../../support/long-poll';
import { connect, roundTrip, subscribe, waitForEvent, type RealtimeSocket } from '../../support/realtime';

const baseUrl = inject('baseUrl');

describe('canary tag targeting', () => {
  const sockets: RealtimeSocket[] = [];
  afterAll(() => sockets.forEach((s) => s.close()));

  it('should give instances tagged canary through the API the candidate, and move them back when untagged, pushed', async () => {
    const service = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: uniqueId('checkout') };
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('checkout')}.json` };
    const tagged = '127.0.1.20';
    const other = '127.0.1.21';
    for (const ip of [tagged, other]) expect((await call(baseUrl, N.registerInstance, { params: service, body: { ip, port: 8080, ephemeral: false } })).status).toBe(201);
    const stable = (await call(baseUrl, E.publishConfig, { params: key, body: { content: '{"pool": 10}', type: 'json' } })).body;
    const started = await call(baseUrl, E.startCanary, { params: key, body: { content: '{"pool": 20}', target: { tags: ['canary'] } } });
    expect(started.status).toBe(201);
    const candidateMd5 = started.body.candidate.md5;

    // No instance carries the tag yet: everyone gets the stable config.
    for (const ip of [tagged, other]) expect((await readConfigFrom(baseUrl, ip, key)).isBeta).toBe(false);

    const poll = longPoll(baseUrl, [{ dataId: key.dataId, group: key.group, md5: stable.md5 }], { timeoutMs: 30_000, localAddress: tagged });
    const untouched = longPoll(baseUrl, [{ dataId: key.dataId, group: key.group, md5: stable.md5 }], { timeoutMs: 30_000, localAddress: other });
    await waitForHeldPolls(baseUrl, 2);
    const instance = { ...service, clusterName: 'DEFAULT', ip: tagged, port: 8080 };
    expect((await call(baseUrl, N.updateInstance, { params: instance, body: { tags: ['canary'] } })).status).toBe(200);
    const answer = await poll;
    // Pushed: a poll held to its end would answer empty.
    expect(changedKeys(answer)).toEqual([`${key.dataId}/${key.group}`]);
    expect(await readConfigFrom(baseUrl, tagged, key)).toMatchObject({ isBeta: true, content: '{"pool": 20}', md5: candidateMd5 });
    expect(await readConfigFrom(baseUrl, other, key)).toMatchObject({ isBeta: false, content: '{"pool": 10}' });
    expect((await untouched).body).toBe(''); // not pushed: its answer did not change

    // Discovery filters by the tag; Nacos clients see it in the metadata.
    const canaries = await call(baseUrl, N.listInstances, { params: service, query: { tags: 'canary' } });
    expect(canaries.body.instances.map((i) => i.ip)).toEqual([tagged]);
    const nacosList = (await nacosForm(baseUrl, 'GET', '/nacos/v1/ns/instance/list', { serviceName: service.serviceName })).json() as { hosts: { ip: string; metadata: Record<string, string> }[] };
    expect(nacosList.hosts.find((h) => h.ip === tagged)?.metadata['switchboard.tags']).toBe('canary');

    const back = longPoll(baseUrl, [{ dataId: key.dataId, group: key.group, md5: candidateMd5 }], { timeoutMs: 30_000, localAddress: tagged });
    await waitForHeldPolls(baseUrl, 1);
    expect((await call(baseUrl, N.updateInstance, { params: instance, body: { tags: [] } })).status).toBe(200);
    expect(changedKeys(await back)).toEqual([`${key.dataId}/${key.group}`]);
    expect(await readConfigFrom(baseUrl, tagged, key)).toMatchObject({ isBeta: false, content: '{"pool": 10}' });

    await call(baseUrl, E.abortCanary, { params: key, body: {} });
  });

  it('should match socket.io clients by the labels they declare, and push only those whose answer moves', async () => {
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('labels')}.yaml` };
    await call(baseUrl, E.publishConfig, { params: key, body: { content: 'color: blue\n', type: 'yaml' } });
    const token = inject('adminToken');
    const labelled = await connect(baseUrl, token, { clientId: 'pod-a', labels: ['canary', 'eu'] });
    const plain = await connect(baseUrl, token, { clientId: 'pod-b' });
    sockets.push(labelled, plain);
    for (const socket of [labelled, plain]) {
      const ack = await subscribe(socket, { kind: 'config', ...key });
      expect(ack.ok && (ack.snapshot as { config: ConfigView }).config.content).toBe('color: blue\n');
    }
    const plainEvents: ConfigView[] = [];
    plain.on('config.published', (event) => plainEvents.push(event.config));

    const pushed = waitForEvent(labelled, 'config.published', (event) => event.key.dataId === key.dataId);
    const started = await call(baseUrl, E.startCanary, { params: key, body: { content: 'color: green\n', target: { tags: ['canary'] } } });
    const [event] = await pushed;
    expect(event.config.content).toBe('color: green\n');
    expect(event.config.canary).toEqual({ id: started.body.id, revision: 1 });

    // A late subscriber with the label gets the candidate in its snapshot.
    const late = await connect(baseUrl, token, { labels: ['canary'] });
    sockets.push(late);
    const ack = await subscribe(late, { kind: 'config', ...key });
    expect(ack.ok && (ack.snapshot as { config: ConfigView }).config.content).toBe('color: green\n');

    const back = waitForEvent(labelled, 'config.published', (e) => e.key.dataId === key.dataId && e.config.content === 'color: blue\n');
    await call(baseUrl, E.abortCanary, { params: key, body: { reason: 'wrong colour' } });
    expect((await back)[0].config.canary).toBeUndefined();
    // Each subscriber is pushed in the same turn; anything sent to the plain one has arrived once
    // it has an answer to a later request.
    await roundTrip(plain);
    expect(plainEvents).toEqual([]); // its answer never changed

    const rejected = connect(baseUrl, token, { labels: ['not a label'] });
    await expect(rejected).rejects.toThrow(/labels/);
  });
});
