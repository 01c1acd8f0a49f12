import { CONFIG_CENTER_ENDPOINTS as C, GOVERNANCE_ENDPOINTS as G, NAMESPACES_ENDPOINTS as N, NAMING_ENDPOINTS as R, WEBHOOKS_ENDPOINTS as W, type CreatedWebhookView, type WebhookEventType } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { removeDir, startServer, type RunningServer } from '../../support/server';
import { bearer, createUser } from '../../support/users';
import { signatureIsValid, startReceiver, type ReceivedDelivery, type WebhookReceiver } from '../../support/webhook-receiver';

const baseUrl = inject('baseUrl');
const ALL_CONFIG_EVENTS: WebhookEventType[] = ['config.published', 'config.deleted', 'config.rolled-back', 'canary.started', 'canary.promoted', 'canary.aborted'];

// Each test works in a namespace of its own, with a hook limited to it: the shared server's other
// specs publish elsewhere and reach none of these hooks.
async function namespaceWithHook(receiver: WebhookReceiver, events: WebhookEventType[] = ALL_CONFIG_EVENTS): Promise<{ namespaceId: string; hook: CreatedWebhookView }> {
  const namespaceId = uniqueId('wh');
  expect((await call(baseUrl, N.createNamespace, { body: { namespaceId, name: namespaceId } })).status).toBe(201);
  const hook = await call(baseUrl, W.createWebhook, { body: { name: `hook ${namespaceId}`, url: receiver.url, events, namespaceId } });
  expect(hook.status).toBe(201);
  return { namespaceId, hook: hook.body };
}

describe('webhook deliveries of domain events', () => {
  let receiver: WebhookReceiver;
  const hooks: string[] = [];
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    receiver.release();
    for (const id of hooks) await call(baseUrl, W.deleteWebhook, { params: { id } });
    await receiver.close();
  });
  const forKey = (dataId: string, type: WebhookEventType) => (d: ReceivedDelivery) => d.payload.type === type && d.payload.data.dataId === dataId;

  it('should deliver config.published with a signature of the exact body, and no content', async () => {
    const { namespaceId, hook } = await namespaceWithHook(receiver);
    hooks.push(hook.id);
    const key = { namespaceId, group: 'DEFAULT_GROUP', dataId: 'orders.properties' };
    const published = await call(baseUrl, C.publishConfig, { params: key, body: { content: 'password=hunter2-secret\n', type: 'properties' } });
    expect(published.status).toBe(200);
    const delivery = await receiver.waitFor(forKey(key.dataId, 'config.published'));
    expect(signatureIsValid(delivery, hook.secret)).toBe(true);
    expect(signatureIsValid(delivery, 'some-other-secret-value')).toBe(false);
    expect(delivery.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'Switchboard-Webhook', 'x-switchboard-event': 'config.published' });
    expect(delivery.payload).toMatchObject({ type: 'config.published', namespaceId, actor: 'admin', data: { group: 'DEFAULT_GROUP', dataId: key.dataId, version: published.body.version, md5: published.body.md5, contentType: 'properties' } });
    expect(new Date(delivery.payload.at).toISOString()).toBe(delivery.payload.at);
    expect(delivery.rawBody.toString()).not.toContain('hunter2');
    expect(delivery.rawBody.toString()).not.toContain(hook.secret);
    // The delivery log has it, under the id the header named.
    const log = await call(baseUrl, W.listWebhookDeliveries, { params: { id: hook.id } });
    expect(log.body.items.find((d) => d.id === delivery.deliveryId)).toMatchObject({ eventId: delivery.payload.id, eventType: 'config.published', status: 'succeeded', attempts: 1, responseStatus: 200 });
  });

  it('should deliver config.deleted and config.rolled-back', async () => {
    const { namespaceId, hook } = await namespaceWithHook(receiver);
    hooks.push(hook.id);
    const key = { namespaceId, group: 'DEFAULT_GROUP', dataId: 'flags.json' };
    await call(baseUrl, C.publishConfig, { params: key, body: { content: '{"a":1}', type: 'json' } });
    await call(baseUrl, C.publishConfig, { params: key, body: { content: '{"a":2}', type: 'json' } });
    const rolledBack = await call(baseUrl, C.rollbackConfig, { params: key, body: { version: 1 } });
    expect(rolledBack.status).toBe(200);
    const rollback = await receiver.waitFor(forKey(key.dataId, 'config.rolled-back'));
    expect(rollback.payload.data).toMatchObject({ version: rolledBack.body.version, md5: rolledBack.body.md5 });
    expect(rollback.headers['x-switchboard-event']).toBe('config.rolled-back');
    expect((await call(baseUrl, C.deleteConfig, { params: key })).status).toBe(204);
    const deleted = await receiver.waitFor(forKey(key.dataId, 'config.deleted'));
    expect(deleted.payload).toMatchObject({ namespaceId, actor: 'admin', data: { group: 'DEFAULT_GROUP', dataId: key.dataId } });
    // Two publishes and the rollback's own event are the only config.published ones.
    expect(receiver.received.filter(forKey(key.dataId, 'config.published'))).toHaveLength(2);
  });

  it('should deliver canary.started, canary.promoted and canary.aborted', async () => {
    const { namespaceId, hook } = await namespaceWithHook(receiver);
    hooks.push(hook.id);
    const key = { namespaceId, group: 'DEFAULT_GROUP', dataId: 'timeouts.properties' };
    await call(baseUrl, C.publishConfig, { params: key, body: { content: 'timeout=1s\n', type: 'properties' } });
    const started = await call(baseUrl, C.startCanary, { params: key, body: { content: 'timeout=2s\n', target: { ips: ['127.0.0.9'], weight: 10 } } });
    expect(started.status).toBe(201);
    const start = await receiver.waitFor(forKey(key.dataId, 'canary.started'));
    expect(start.payload.data).toMatchObject({ candidateMd5: started.body.candidate.md5, target: { ips: ['127.0.0.9'], weight: 10 } });
    expect(start.rawBody.toString()).not.toContain('timeout=2s');
    expect((await call(baseUrl, C.promoteCanary, { params: key, body: {} })).status).toBe(200);
    await receiver.waitFor(forKey(key.dataId, 'canary.promoted'));

    expect((await call(baseUrl, C.startCanary, { params: key, body: { content: 'timeout=3s\n', target: { weight: 5 } } })).status).toBe(201);
    expect((await call(baseUrl, C.abortCanary, { params: key, body: { reason: 'error rate up' } })).status).toBe(200);
    const aborted = await receiver.waitFor(forKey(key.dataId, 'canary.aborted'));
    expect(aborted.payload).toMatchObject({ actor: 'admin', data: { reason: 'error rate up' } });
    expect(receiver.received.filter(forKey(key.dataId, 'canary.started'))).toHaveLength(2);
    expect(receiver.received.filter(forKey(key.dataId, 'canary.auto-rolled-back'))).toHaveLength(0);
  });

  it('should deliver change-request.opened, approved and applied, and the config published by the apply', async () => {
    const { namespaceId, hook } = await namespaceWithHook(receiver, ['change-request.opened', 'change-request.approved', 'change-request.applied', 'config.published']);
    hooks.push(hook.id);
    await call(baseUrl, N.updateNamespace, { params: { namespaceId }, body: { reviewPolicy: { mode: 'required' } } });
    const author = await createUser(baseUrl, inject('adminToken'), [{ namespaceId, action: 'write' }]);
    const reviewer = await createUser(baseUrl, inject('adminToken'), [{ namespaceId, action: 'review' }]);
    const opened = await call(baseUrl, G.createChangeRequest, { params: { namespaceId }, body: { title: 'reviewed flag', items: [{ group: 'DEFAULT_GROUP', dataId: 'reviewed.txt', action: 'publish', content: 'on' }] }, headers: bearer(author.token) });
    const id = opened.body.id;
    await call(baseUrl, G.approveChangeRequest, { params: { namespaceId, id }, body: {}, headers: bearer(reviewer.token) });
    await call(baseUrl, G.applyChangeRequest, { params: { namespaceId, id }, body: {}, headers: bearer(author.token) });
    const ofRequest = (type: WebhookEventType) => (d: ReceivedDelivery) => d.payload.type === type && d.payload.data.requestId === id;
    expect((await receiver.waitFor(ofRequest('change-request.opened'))).payload).toMatchObject({ namespaceId, actor: author.username, data: { title: 'reviewed flag', state: 'open', author: author.username, configs: ['DEFAULT_GROUP/reviewed.txt'] } });
    expect((await receiver.waitFor(ofRequest('change-request.approved'))).payload).toMatchObject({ actor: reviewer.username, data: { state: 'approved', approvals: 1, requiredApprovals: 1 } });
    const applied = await receiver.waitFor(ofRequest('change-request.applied'));
    expect(applied.payload).toMatchObject({ actor: author.username, data: { state: 'applied' } });
    expect(signatureIsValid(applied, hook.secret)).toBe(true);
    expect((await receiver.waitFor(forKey('reviewed.txt', 'config.published'))).payload).toMatchObject({ actor: author.username, data: { version: 1 } });
    expect(applied.rawBody.toString()).not.toContain('"on"');
  });

  it('should deliver only the events and the namespace a hook names', async () => {
    const a = await namespaceWithHook(receiver, ['config.published']);
    hooks.push(a.hook.id);
    const namespaceB = uniqueId('wh');
    await call(baseUrl, N.createNamespace, { body: { namespaceId: namespaceB, name: namespaceB } });
    // A second receiver hears every namespace, to know when B's event was dispatched.
    const everyNamespace = await startReceiver();
    try {
      const all = await call(baseUrl, W.createWebhook, { body: { name: 'all namespaces', url: everyNamespace.url, events: ['config.published'] } });
      hooks.push(all.body.id);
      const inB = { namespaceId: namespaceB, group: 'DEFAULT_GROUP', dataId: 'only-b.txt' };
      await call(baseUrl, C.publishConfig, { params: inB, body: { content: 'b' } });
      const fromB = await everyNamespace.waitFor((d) => d.payload.namespaceId === namespaceB);
      const inA = { namespaceId: a.namespaceId, group: 'DEFAULT_GROUP', dataId: 'only-a.txt' };
      await call(baseUrl, C.publishConfig, { params: inA, body: { content: 'a' } });
      await call(baseUrl, C.deleteConfig, { params: inA });
      await receiver.waitFor(forKey('only-a.txt', 'config.published'));
      await everyNamespace.waitFor((d) => d.payload.namespaceId === a.namespaceId);
      // Deliveries are made when the event happens: A's hook has none for B's event, and none
      // for the delete it does not subscribe to.
      const logA = await call(baseUrl, W.listWebhookDeliveries, { params: { id: a.hook.id } });
      expect(logA.body.items.map((d) => d.eventType)).toEqual(['config.published']);
      expect(logA.body.items.some((d) => d.eventId === fromB.payload.id)).toBe(false);
      expect(receiver.received.some((d) => d.payload.namespaceId === namespaceB)).toBe(false);
    } finally {
      await everyNamespace.close();
    }
  });

  it('should answer a publish while the receiver still holds the delivery of an earlier one', async () => {
    const { namespaceId, hook } = await namespaceWithHook(receiver, ['config.published']);
    hooks.push(hook.id);
    receiver.answerWith((d) => (d.payload.namespaceId === namespaceId ? 'hold' : 200));
    try {
      const key = { namespaceId, group: 'DEFAULT_GROUP', dataId: 'slow.txt' };
      expect((await call(baseUrl, C.publishConfig, { params: key, body: { content: 'v1' } })).status).toBe(200);
      await receiver.waitFor(forKey('slow.txt', 'config.published'));
      expect(receiver.held()).toBe(1);
      for (let i = 2; i <= 5; i += 1) expect((await call(baseUrl, C.publishConfig, { params: key, body: { content: `v${i}` } })).status).toBe(200);
      // Every publish was answered while the first delivery was still unanswered.
      expect(receiver.held()).toBeGreaterThanOrEqual(1);
      expect(receiver.received.filter((d) => d.payload.namespaceId === namespaceId && d.payload.data.version === 1)).toHaveLength(1);
      const log = await call(baseUrl, W.listWebhookDeliveries, { params: { id: hook.id }, query: { status: 'pending' } });
      expect(log.body.total).toBeGreaterThanOrEqual(1);
    } finally {
      receiver.answerWith(() => 200);
      receiver.release();
    }
    await receiver.waitForCount(forKey('slow.txt', 'config.published'), 5);
  });
});

// Health verdicts are the system's: an instance that stops beating is reported unhealthy once.
describe('webhook delivery of instance.unhealthy', () => {
  let server: RunningServer;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    server = await startServer({ env: { NAMING_UNHEALTHY_AFTER_MS: '300', NAMING_EXPIRE_AFTER_MS: '600000', NAMING_SWEEP_INTERVAL_MS: '100' } });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
    await receiver.close();
  });

  it('should deliver instance.unhealthy when an ephemeral instance stops beating', async () => {
    const hook = await call(server.baseUrl, W.createWebhook, { body: { name: 'health', url: receiver.url, events: ['instance.unhealthy'] } });
    expect(hook.status).toBe(201);
    const service = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: 'orders' };
    expect((await call(server.baseUrl, R.registerInstance, { params: service, body: { ip: '10.1.2.3', port: 8080, ephemeral: true } })).status).toBe(201);
    const delivery = await receiver.waitFor((d) => d.payload.type === 'instance.unhealthy');
    expect(delivery.payload).toMatchObject({ namespaceId: 'public', actor: 'system', data: { group: 'DEFAULT_GROUP', serviceName: 'orders', ip: '10.1.2.3', port: 8080, instance: '10.1.2.3:8080' } });
    expect(signatureIsValid(delivery, hook.body.secret)).toBe(true);
  });
});
