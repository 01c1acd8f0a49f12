import { AUTH_ENDPOINTS, CONFIG_CENTER_ENDPOINTS as E, type CanaryRolloutView, type ConfigKey } from '@switchboard/shared';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { readConfigFrom } from '../../support/canary';
import { changedKeys, longPoll, waitForHeldPolls } from '../../support/long-poll';
import { connect, subscribe, waitForEvent, type RealtimeSocket } from '../../support/realtime';
import { eventually } from '../../support/wait';

const baseUrl = inject('baseUrl');
const CLIENTS = Array.from({ length: 10 }, (_, i) => `127.0.2.${i + 2}`);

// Every client long-polls with the md5 it holds; resolves with the clients whose poll was answered
// with the change `trigger` made. The trigger runs once the server holds every poll, and a held
// poll that nothing wakes runs out its hold and answers empty, so a non-empty answer is a push
// (how fast is the bench's business).
async function pushedBy(key: ConfigKey, holding: Map<string, string>, trigger: () => Promise<unknown>): Promise<string[]> {
  const answered: string[] = [];
  const polls = [...holding].map(([ip, md5]) =>
    longPoll(baseUrl, [{ dataId: key.dataId, group: key.group, md5 }], { timeoutMs: 30_000, localAddress: ip }).then((answer) => {
      if (changedKeys(answer).length) answered.push(ip);
    }),
  );
  await waitForHeldPolls(baseUrl, holding.size);
  await trigger();
  await Promise.all(polls);
  return answered.sort();
}

describe('promoting and aborting a canary', () => {
  const sockets: RealtimeSocket[] = [];
  afterAll(() => sockets.forEach((s) => s.close()));

  it('should push the candidate to every client on promote, and record canary-promote in the history', async () => {
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('promote')}.properties` };
    const stable = (await call(baseUrl, E.publishConfig, { params: key, body: { content: 'timeout=1s\n', type: 'properties' } })).body;
    const started = await call(baseUrl, E.startCanary, { params: key, body: { content: 'timeout=2s\n', target: { ips: CLIENTS.slice(0, 2) } } });
    expect(started.status).toBe(201);
    for (const ip of CLIENTS) expect((await readConfigFrom(baseUrl, ip, key)).isBeta).toBe(CLIENTS.slice(0, 2).includes(ip));

    const socket = await connect(baseUrl, inject('adminToken'), { clientId: 'watcher' });
    sockets.push(socket);
    await subscribe(socket, { kind: 'config', ...key });
    const socketPush = waitForEvent(socket, 'config.published', (e) => e.key.dataId === key.dataId && e.config.content === 'timeout=2s\n');

    const holding = new Map(CLIENTS.map((ip, i) => [ip, i < 2 ? started.body.candidate.md5 : stable.md5]));
    const pushed = await pushedBy(key, holding, async () => {
      const promoted = await call(baseUrl, E.promoteCanary, { params: key, body: {} });
      expect(promoted.status).toBe(200);
      expect(promoted.body).toMatchObject({ content: 'timeout=2s\n', version: stable.version + 1 });
    });
    // The canary clients already hold the new content; everyone else is pushed.
    expect(pushed).toEqual(CLIENTS.slice(2).sort());
    const [event] = await socketPush;
    expect(event.config.version).toBe(stable.version + 1);
    for (const ip of CLIENTS) expect(await readConfigFrom(baseUrl, ip, key)).toMatchObject({ isBeta: false, content: 'timeout=2s\n' });

    const history = await call(baseUrl, E.listVersions, { params: key });
    expect(history.body.items[0]).toMatchObject({ version: stable.version + 1, op: 'canary-promote', md5: started.body.candidate.md5, author: 'admin' });
    expect((await call(baseUrl, E.getCanary, { params: key })).status).toBe(404);
    const events = await call(baseUrl, E.listCanaryEvents, { params: key });
    expect(events.body.items.map((e) => e.action)).toEqual(['promoted', 'started']);
    // Every step is in the audit trail, with the acting user.
    const audit = await call(baseUrl, AUTH_ENDPOINTS.listAudit, { query: { targetType: 'canary', action: 'canary.' } });
    const mine = audit.body.items.filter((a) => a.target === `${key.group}/${key.dataId}`);
    expect(mine.map((a) => [a.action, a.actor])).toEqual([
      ['canary.promoted', 'admin'],
      ['canary.started', 'admin'],
    ]);
  });

  it('should move canary clients back to stable on abort, record why, and keep the config unchanged', async () => {
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('abort')}.properties` };
    const stable = (await call(baseUrl, E.publishConfig, { params: key, body: { content: 'retries=3\n', type: 'properties' } })).body;
    const rollout = await connect(baseUrl, inject('adminToken'));
    sockets.push(rollout);
    const ack = await subscribe(rollout, { kind: 'canary', ...key });
    expect(ack.ok && (ack.snapshot as CanaryRolloutView).canary).toBeNull();

    let candidateMd5 = '';
    const holding = new Map(CLIENTS.map((ip) => [ip, stable.md5]));
    // Canary clients are pushed when the canary starts; others are not.
    const startPushed = await pushedBy(key, holding, async () => {
      const started = await call(baseUrl, E.startCanary, { params: key, body: { content: 'retries=5\n', target: { ips: CLIENTS.slice(0, 3) } } });
      expect(started.status).toBe(201);
      candidateMd5 = started.body.candidate.md5;
    });
    expect(startPushed).toEqual(CLIENTS.slice(0, 3).sort());
    // ... and the live rollout view shows who holds what once they fetched it.
    for (const ip of CLIENTS) await readConfigFrom(baseUrl, ip, key);
    const view = await call(baseUrl, E.canaryRollout, { params: key });
    expect(view.body.counts).toMatchObject({ candidate: 3, stable: 7, other: 0 });
    expect(view.body.clients.filter((c) => c.expected === 'candidate').map((c) => c.clientIp).sort()).toEqual(CLIENTS.slice(0, 3).sort());

    const liveAbort = waitForEvent(rollout, 'canary.rollout', (e) => e.key.dataId === key.dataId && e.rollout.canary === null, 10_000);
    const after = new Map(CLIENTS.map((ip, i) => [ip, i < 3 ? candidateMd5 : stable.md5]));
    const pushed = await pushedBy(key, after, async () => {
      const aborted = await call(baseUrl, E.abortCanary, { params: key, body: { reason: 'error rate up' } });
      expect(aborted.body).toMatchObject({ status: 'aborted', endedReason: 'error rate up' });
    });
    expect(pushed).toEqual(CLIENTS.slice(0, 3).sort());
    await liveAbort;
    for (const ip of CLIENTS) expect(await readConfigFrom(baseUrl, ip, key)).toMatchObject({ isBeta: false, content: 'retries=3\n' });
    expect((await call(baseUrl, E.getConfig, { params: key })).body.version).toBe(stable.version);
    const events = await call(baseUrl, E.listCanaryEvents, { params: key });
    expect(events.body.items[0]).toMatchObject({ action: 'aborted', reason: 'error rate up', actor: 'admin' });
  });

  it('should refuse a second canary, an invalid candidate and stale revisions with 4xx naming the field', async () => {
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('rules')}.json` };
    expect((await call(baseUrl, E.startCanary, { params: key, body: { content: '{}' } })).body.code).toBe('CONFIG_NOT_FOUND');
    await call(baseUrl, E.publishConfig, { params: key, body: { content: '{"a":1}', type: 'json' } });
    const invalid = await call(baseUrl, E.startCanary, { params: key, body: { content: '{"a":', target: { weight: 10 } } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toMatch(/content/);
    const badTarget = await call(baseUrl, E.startCanary, { params: key, body: { content: '{"a":2}', target: { weight: 101, ips: ['not-an-ip'] } } });
    expect(badTarget.status).toBe(400);
    expect(badTarget.body.message).toMatch(/target\.ips/);
    expect(badTarget.body.message).toMatch(/target\.weight/);
    const started = await call(baseUrl, E.startCanary, { params: key, body: { content: '{"a":2}', target: { weight: 10 } } });
    expect(started.status).toBe(201);
    const second = await call(baseUrl, E.startCanary, { params: key, body: { content: '{"a":3}' } });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('CANARY_ALREADY_ACTIVE');
    const stale = await call(baseUrl, E.updateCanary, { params: key, body: { target: { weight: 20 }, expectedRevision: 7 } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('CANARY_CONFLICT');
    const listed = await call(baseUrl, E.listCanaries, { params: { namespaceId: 'public' } });
    expect(listed.body.map((c) => c.dataId)).toContain(key.dataId);
    // Deleting the config ends its canary.
    await call(baseUrl, E.deleteConfig, { params: key });
    await eventually(async () => expect((await call(baseUrl, E.getCanary, { params: key })).status).toBe(404));
    const events = await call(baseUrl, E.listCanaryEvents, { params: key });
    expect(events.body.items[0]).toMatchObject({ action: 'aborted', reason: 'the config was deleted', actor: 'system' });
  });
});
