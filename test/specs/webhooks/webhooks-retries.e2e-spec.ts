import { CONFIG_CENTER_ENDPOINTS as C, WEBHOOKS_ENDPOINTS as W, type WebhookDeliveryView } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { removeDir, startServer, tempDataDir, type RunningServer } from '../../support/server';
import { eventually } from '../../support/wait';
import { startReceiver, type WebhookReceiver } from '../../support/webhook-receiver';

// Short back-off so a whole retry schedule runs in well under a second: 150 ms, 300 ms.
const env = { WEBHOOK_RETRY_BASE_MS: '150', WEBHOOK_MAX_ATTEMPTS: '3', WEBHOOK_TIMEOUT_MS: '5000' };

async function deliveryOf(baseUrl: string, webhookId: string, deliveryId: string): Promise<WebhookDeliveryView | undefined> {
  const log = await call(baseUrl, W.listWebhookDeliveries, { params: { id: webhookId }, query: { pageSize: 100 } });
  return log.body.items.find((d) => d.id === deliveryId);
}

describe('webhook retries', () => {
  let server: RunningServer;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    server = await startServer({ env });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
    await receiver?.close();
  });

  it('should retry a failing receiver with growing gaps until it answers 2xx, and log each attempt', async () => {
    const hook = (await call(server.baseUrl, W.createWebhook, { body: { name: 'flaky', url: receiver.url, events: ['config.published'] } })).body;
    const dataId = uniqueId('flaky');
    receiver.answerWith((d) => (d.payload.data.dataId === dataId && receiver.received.filter((r) => r.payload.data.dataId === dataId).length <= 2 ? 500 : 200));
    await call(server.baseUrl, C.publishConfig, { params: { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId }, body: { content: 'x' } });
    const attempts = await receiver.waitForCount((d) => d.payload.data.dataId === dataId, 3);
    // One delivery, sent three times with the same id and the same bytes.
    expect(new Set(attempts.map((a) => a.deliveryId)).size).toBe(1);
    expect(new Set(attempts.map((a) => a.rawBody.toString())).size).toBe(1);
    const gaps = [attempts[1].arrivedAt - attempts[0].arrivedAt, attempts[2].arrivedAt - attempts[1].arrivedAt];
    expect(gaps[1]).toBeGreaterThan(gaps[0]);
    const delivery = await eventually(async () => {
      const d = await deliveryOf(server.baseUrl, hook.id, attempts[0].deliveryId);
      expect(d?.status).toBe('succeeded');
      return d!;
    });
    expect(delivery).toMatchObject({ attempts: 3, responseStatus: 200, error: null, nextAttemptAt: null, eventType: 'config.published' });
    expect(delivery.latencyMs).toBeGreaterThanOrEqual(0);
    await call(server.baseUrl, W.deleteWebhook, { params: { id: hook.id } });
  });

  it('should mark a delivery failed after the last attempt, with the last status and error', async () => {
    const hook = (await call(server.baseUrl, W.createWebhook, { body: { name: 'broken', url: receiver.url, events: ['config.published'] } })).body;
    const dataId = uniqueId('broken');
    receiver.answerWith((d) => (d.payload.data.dataId === dataId ? 503 : 200));
    await call(server.baseUrl, C.publishConfig, { params: { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId }, body: { content: 'x' } });
    const attempts = await receiver.waitForCount((d) => d.payload.data.dataId === dataId, 3);
    const delivery = await eventually(async () => {
      const d = await deliveryOf(server.baseUrl, hook.id, attempts[0].deliveryId);
      expect(d?.status).toBe('failed');
      return d!;
    });
    expect(delivery).toMatchObject({ attempts: 3, responseStatus: 503, error: 'status 503', nextAttemptAt: null });
    // No fourth attempt: the test endpoint's delivery after it is the next request to arrive.
    const test = await call(server.baseUrl, W.testWebhook, { params: { id: hook.id } });
    expect(test.body.status).toBe('succeeded');
    expect(receiver.received.filter((d) => d.payload.data.dataId === dataId)).toHaveLength(3);
    const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/switchboard_webhook_deliveries_total\{outcome="failed"\} [1-9]/);
    expect(metrics).toMatch(/switchboard_webhook_deliveries_total\{outcome="retrying"\} [1-9]/);
    await call(server.baseUrl, W.deleteWebhook, { params: { id: hook.id } });
  });

  it('should record a receiver that cannot be reached as an error without a status', async () => {
    const closed = await startReceiver();
    const url = closed.url;
    await closed.close();
    const hook = (await call(server.baseUrl, W.createWebhook, { body: { name: 'nobody home', url, events: ['config.published'] } })).body;
    const test = await call(server.baseUrl, W.testWebhook, { params: { id: hook.id } });
    expect(test.body).toMatchObject({ status: 'retrying', attempts: 1, responseStatus: null, error: expect.stringContaining('ECONNREFUSED') });
    expect(test.body.nextAttemptAt).not.toBeNull();
    await call(server.baseUrl, W.deleteWebhook, { params: { id: hook.id } });
  });
});

describe('webhook deliveries across a restart', () => {
  it('should send a delivery that was in flight when the server was killed once it runs again', async () => {
    const dataDir = tempDataDir();
    const receiver = await startReceiver();
    let server = await startServer({ env, dataDir });
    try {
      const hook = (await call(server.baseUrl, W.createWebhook, { body: { name: 'durable', url: receiver.url, events: ['config.published'] } })).body;
      receiver.answerWith(() => 'hold');
      const dataId = uniqueId('durable');
      await call(server.baseUrl, C.publishConfig, { params: { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId }, body: { content: 'x' } });
      const first = await receiver.waitFor((d) => d.payload.data.dataId === dataId);
      expect(receiver.held()).toBe(1);
      // Killed while the receiver holds the request: the attempt's outcome is never known.
      await server.kill();
      receiver.answerWith(() => 200);
      receiver.release(200);
      server = await startServer({ env, dataDir });
      const again = await receiver.waitFor((d) => d.deliveryId === first.deliveryId && d !== first);
      expect(again.rawBody.equals(first.rawBody)).toBe(true);
      const delivery = await eventually(async () => {
        const d = await deliveryOf(server.baseUrl, hook.id, first.deliveryId);
        expect(d?.status).toBe('succeeded');
        return d!;
      });
      expect(delivery).toMatchObject({ responseStatus: 200, attempts: 1 });
    } finally {
      await server.stop();
      await receiver.close();
      removeDir(dataDir);
    }
  });

  it('should resume a delivery waiting for its retry after a restart', async () => {
    const dataDir = tempDataDir();
    const receiver = await startReceiver();
    // A long first wait, so the retry is still ahead when the server stops.
    let server = await startServer({ env: { ...env, WEBHOOK_RETRY_BASE_MS: '1500' }, dataDir });
    try {
      const hook = (await call(server.baseUrl, W.createWebhook, { body: { name: 'retry later', url: receiver.url, events: ['config.published'] } })).body;
      receiver.answerWith(() => 500);
      const dataId = uniqueId('later');
      await call(server.baseUrl, C.publishConfig, { params: { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId }, body: { content: 'x' } });
      const first = await receiver.waitFor((d) => d.payload.data.dataId === dataId);
      await eventually(async () => expect((await deliveryOf(server.baseUrl, hook.id, first.deliveryId))?.status).toBe('retrying'));
      await server.kill();
      receiver.answerWith(() => 200);
      server = await startServer({ env: { ...env, WEBHOOK_RETRY_BASE_MS: '1500' }, dataDir });
      await receiver.waitFor((d) => d.deliveryId === first.deliveryId && d !== first, 15_000);
      const delivery = await eventually(async () => {
        const d = await deliveryOf(server.baseUrl, hook.id, first.deliveryId);
        expect(d?.status).toBe('succeeded');
        return d!;
      });
      expect(delivery).toMatchObject({ attempts: 2, responseStatus: 200 });
    } finally {
      await server.stop();
      await receiver.close();
      removeDir(dataDir);
    }
  });
});
