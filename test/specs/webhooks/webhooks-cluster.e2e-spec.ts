import { CONFIG_CENTER_ENDPOINTS as C, WEBHOOKS_ENDPOINTS as W } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { clusterDatabase, twoNodes } from '../../support/cluster';
import { eventually } from '../../support/wait';
import { signatureIsValid, startReceiver, type WebhookReceiver } from '../../support/webhook-receiver';

// Cluster mode: a hook created on one node is known on every node, and each event is delivered
// once, by the node that committed the change (authentication off: these nodes are about
// replication).
describe.each(['postgres', 'mysql'] as const)('cluster mode on %s: webhooks', (type) => {
  const db = clusterDatabase(type);
  const nodes = twoNodes(db, db.env);
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => receiver?.close());

  it('should deliver from node B a change made there to a hook created on node A, once', async () => {
    const [a, b] = [nodes.first.baseUrl, nodes.second.baseUrl];
    const hook = (await call(a, W.createWebhook, { body: { name: 'cluster', url: receiver.url, events: ['config.published'] } })).body;
    await eventually(async () => expect((await call(b, W.getWebhook, { params: { id: hook.id } })).status).toBe(200), 10_000);
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: uniqueId('cluster') };
    const first = await call(b, C.publishConfig, { params: key, body: { content: 'v=1' } });
    expect(first.status).toBe(200);
    const fromB = await receiver.waitFor((d) => d.payload.data.dataId === key.dataId && d.payload.data.version === first.body.version);
    expect(signatureIsValid(fromB, hook.secret)).toBe(true);

    // Node A has applied B's change (and so emitted its event) before it publishes the next
    // version; once that one is delivered, any delivery of B's change by A would be logged too.
    await eventually(async () => expect((await call(a, C.getConfig, { params: key })).body.version).toBe(first.body.version), 10_000);
    const second = await call(a, C.publishConfig, { params: key, body: { content: 'v=2' } });
    await receiver.waitFor((d) => d.payload.data.dataId === key.dataId && d.payload.data.version === second.body.version);
    // Each node writes the outcome of its own attempts (within a fraction of a second).
    await eventually(async () => {
      const log = await call(a, W.listWebhookDeliveries, { params: { id: hook.id } });
      expect(log.body.items.map((d) => d.status)).toEqual(['succeeded', 'succeeded']);
    }, 5_000);
    expect(receiver.received.filter((d) => d.payload.data.dataId === key.dataId)).toHaveLength(2);

    // A deleted hook is gone on the other node too.
    expect((await call(b, W.deleteWebhook, { params: { id: hook.id } })).status).toBe(204);
    await eventually(async () => expect((await call(a, W.getWebhook, { params: { id: hook.id } })).status).toBe(404), 10_000);
  });
});
