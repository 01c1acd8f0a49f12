import { CONFIG_CENTER_ENDPOINTS as E, NAMING_ENDPOINTS as N, type CanaryPlan } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { keepAlive, readConfigFrom } from '../../support/canary';
import { changedKeys, longPoll } from '../../support/long-poll';
import { removeDir, startServer, type RunningServer } from '../../support/server';
import { eventually } from '../../support/wait';

// Short heartbeat timeouts and a fast plan tick, so plans run in seconds.
const env = {
  NAMING_UNHEALTHY_AFTER_MS: '1000',
  NAMING_EXPIRE_AFTER_MS: '2500',
  NAMING_SWEEP_INTERVAL_MS: '100',
  CANARY_PLAN_TICK_MS: '100',
  CONFIG_LONG_POLL_MAX_HOLD_MS: '5000',
};

describe('progressive canary plans with a health gate', () => {
  let server: RunningServer;
  let dataDir = '';
  const beats: { stop: () => void }[] = [];

  beforeAll(async () => {
    server = await startServer({ env });
    dataDir = server.dataDir;
  });

  afterAll(async () => {
    beats.forEach((b) => b.stop());
    await server?.stop();
    removeDir(dataDir);
  });

  async function guardedService(addresses: string[]) {
    const service = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: uniqueId('payments') };
    const alive = new Map<string, { stop: () => void }>();
    for (const ip of addresses) {
      const instance = { ip, port: 9000, tags: ['canary'] };
      expect((await call(server.baseUrl, N.registerInstance, { params: service, body: instance })).status).toBe(201);
      const beat = keepAlive(server.baseUrl, service, instance, 200);
      beats.push(beat);
      alive.set(ip, beat);
    }
    return { service, alive };
  }

  async function config(content: string) {
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('plan')}.yaml` };
    const published = await call(server.baseUrl, E.publishConfig, { params: key, body: { content, type: 'yaml' } });
    expect(published.status).toBe(200);
    return { key, stable: published.body };
  }

  it('should abort by itself when a canary instance of the guarded service stops beating, push everyone back and record why', async () => {
    const { service, alive } = await guardedService(['127.0.4.2', '127.0.4.3']);
    const { key, stable } = await config('mode: safe\n');
    const plan: CanaryPlan = { steps: [{ weight: 0, bakeMs: 60_000 }, { weight: 100, bakeMs: 0 }], guard: { groupName: service.groupName, serviceName: service.serviceName, maxUnhealthyPercent: 40 } };
    const started = await call(server.baseUrl, E.startCanary, { params: key, body: { content: 'mode: fast\n', target: { tags: ['canary'] }, plan } });
    expect(started.status).toBe(201);
    expect(started.body.progress).toMatchObject({ step: 0 });
    await eventually(async () => expect((await call(server.baseUrl, E.getCanary, { params: key })).body.progress?.guard).toMatchObject({ received: 2, unhealthy: 0 }), 10_000);
    expect(await readConfigFrom(server.baseUrl, '127.0.4.2', key)).toMatchObject({ isBeta: true, content: 'mode: fast\n' });

    // The healthy canary instance listens with the candidate; it must be pushed back.
    const listening = longPoll(server.baseUrl, [{ dataId: key.dataId, group: key.group, md5: started.body.candidate.md5 }], { timeoutMs: 30_000, localAddress: '127.0.4.3' });
    alive.get('127.0.4.2')!.stop();
    const answer = await listening;
    expect(changedKeys(answer)).toEqual([`${key.dataId}/${key.group}`]);
    expect((await call(server.baseUrl, E.getCanary, { params: key })).status).toBe(404);
    for (const ip of ['127.0.4.2', '127.0.4.3', '127.0.4.9']) expect(await readConfigFrom(server.baseUrl, ip, key)).toMatchObject({ isBeta: false, content: 'mode: safe\n' });
    const events = await call(server.baseUrl, E.listCanaryEvents, { params: key });
    expect(events.body.items[0]).toMatchObject({ action: 'aborted', actor: 'system' });
    expect(events.body.items[0].reason).toMatch(new RegExp(`health gate: 1 of 2 instances of DEFAULT_GROUP@@${service.serviceName}`));
    expect((await call(server.baseUrl, E.getConfig, { params: key })).body.version).toBe(stable.version);
  });

  it('should step up and promote by itself while the guarded service stays healthy', async () => {
    const { service } = await guardedService(['127.0.4.12', '127.0.4.13']);
    const { key, stable } = await config('pool: 1\n');
    const plan: CanaryPlan = {
      steps: [
        { weight: 5, bakeMs: 400 },
        { weight: 50, bakeMs: 400 },
        { weight: 100, bakeMs: 400 },
      ],
      guard: { groupName: service.groupName, serviceName: service.serviceName, maxUnhealthyPercent: 0 },
    };
    const started = await call(server.baseUrl, E.startCanary, { params: key, body: { content: 'pool: 4\n', target: { tags: ['canary'] }, plan } });
    expect(started.body.target.weight).toBe(5);
    await eventually(async () => expect((await call(server.baseUrl, E.getCanary, { params: key })).status).toBe(404), 5_000);
    const head = (await call(server.baseUrl, E.getConfig, { params: key })).body;
    expect(head).toMatchObject({ content: 'pool: 4\n', version: stable.version + 1 });
    expect((await call(server.baseUrl, E.listVersions, { params: key })).body.items[0]).toMatchObject({ op: 'canary-promote', author: 'system' });
    const events = (await call(server.baseUrl, E.listCanaryEvents, { params: key })).body.items.reverse();
    expect(events.map((e) => [e.action, e.target.weight])).toEqual([
      ['started', 5],
      ['stepped', 50],
      ['stepped', 100],
      ['promoted', 100],
    ]);
    expect(events[3].reason).toMatch(/plan completed/);
  });

  it('should resume a plan in progress after SIGKILL and a restart', async () => {
    const { key } = await config('replicas: 2\n');
    const plan: CanaryPlan = {
      steps: [
        { weight: 10, bakeMs: 300 },
        { weight: 60, bakeMs: 3_000 },
        { weight: 100, bakeMs: 300 },
      ],
      guard: null,
    };
    expect((await call(server.baseUrl, E.startCanary, { params: key, body: { content: 'replicas: 6\n', plan } })).status).toBe(201);
    const before = await eventually(async () => {
      const canary = (await call(server.baseUrl, E.getCanary, { params: key })).body;
      expect(canary.progress?.step).toBe(1);
      return canary;
    }, 3_000);
    await server.kill();
    server = await startServer({ dataDir, env });
    const resumed = await call(server.baseUrl, E.getCanary, { params: key });
    expect(resumed.status).toBe(200);
    // Still on step 2 of 3 with its original start (the bake time is not restarted), unless the
    // restart took longer than the bake time, in which case the plan has already moved on.
    if (resumed.body.progress?.step === 1) expect(resumed.body).toMatchObject({ revision: 2, target: { weight: 60 }, progress: { stepStartedAt: before.progress?.stepStartedAt } });
    else expect(resumed.body).toMatchObject({ revision: 3, target: { weight: 100 }, progress: { step: 2 } });
    await eventually(async () => expect((await call(server.baseUrl, E.getCanary, { params: key })).status).toBe(404), 8_000);
    expect((await call(server.baseUrl, E.getConfig, { params: key })).body.content).toBe('replicas: 6\n');
    const actions = (await call(server.baseUrl, E.listCanaryEvents, { params: key })).body.items.map((e) => e.action).reverse();
    expect(actions).toEqual(['started', 'stepped', 'stepped', 'promoted']);
  }, 30_000);
});
