import { AUTH_ENDPOINTS, NAMESPACES_ENDPOINTS, WEBHOOKS_ENDPOINTS as W } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { errorBody } from '../../support/errors';
import { bearer, createUser } from '../../support/users';
import { signatureIsValid, startReceiver, type WebhookReceiver } from '../../support/webhook-receiver';

const baseUrl = inject('baseUrl');

describe('/api/v1/webhooks', () => {
  let receiver: WebhookReceiver;
  const created: string[] = [];
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    for (const id of created) await call(baseUrl, W.deleteWebhook, { params: { id } });
    await receiver.close();
  });

  describe('POST', () => {
    it('should create a hook, show its secret once, and afterwards only its last 4 characters', async () => {
      const res = await call(baseUrl, W.createWebhook, { body: { name: 'ci hook', url: receiver.url, events: ['config.published', 'config.deleted'] } });
      expect(res.status).toBe(201);
      created.push(res.body.id);
      expect(res.body).toMatchObject({ name: 'ci hook', url: receiver.url, events: ['config.published', 'config.deleted'], namespaceId: null, enabled: true, createdBy: 'admin', lastDelivery: null });
      expect(res.body.secret.length).toBeGreaterThanOrEqual(16);
      expect(res.body.secretHint).toBe(res.body.secret.slice(-4));
      const got = await call(baseUrl, W.getWebhook, { params: { id: res.body.id } });
      expect(got.status).toBe(200);
      expect(got.body).not.toHaveProperty('secret');
      expect(got.body.secretHint).toBe(res.body.secretHint);
      const listed = await call(baseUrl, W.listWebhooks);
      expect(listed.body.find((h) => h.id === res.body.id)).not.toHaveProperty('secret');
      expect(JSON.stringify(listed.body)).not.toContain(res.body.secret);
    });

    it('should keep a given secret, and refuse one too short naming the field', async () => {
      const secret = 'a-given-secret-of-some-length';
      const res = await call(baseUrl, W.createWebhook, { body: { name: 'given', url: receiver.url, events: ['config.published'], secret } });
      expect(res.status).toBe(201);
      created.push(res.body.id);
      expect(res.body.secret).toBe(secret);
      const short = await call(baseUrl, W.createWebhook, { body: { name: 'short', url: receiver.url, events: ['config.published'], secret: 'short' } });
      expect(short.status).toBe(400);
      expect(short.body.details).toEqual([expect.objectContaining({ field: 'secret', rule: 'length' })]);
    });

    it('should answer 400 naming the field and rule for a URL that is not http(s), carries credentials or does not parse', async () => {
      const cases: [string, string][] = [
        ['ftp://files.example.com/in', 'protocol'],
        ['file:///etc/passwd', 'protocol'],
        ['http://user:pw@example.com/x', 'noUserinfo'],
        ['not a url', 'url'],
        [`http://example.com/${'x'.repeat(2100)}`, 'length'],
      ];
      for (const [url, rule] of cases) {
        const res = await call(baseUrl, W.createWebhook, { body: { name: 'bad', url, events: ['config.published'] } });
        expect(res.status, url).toBe(400);
        expect(res.body, url).toMatchObject(errorBody('VALIDATION_FAILED', 'url'));
        expect(res.body.details, url).toEqual([expect.objectContaining({ field: 'url', rule })]);
      }
    });

    it('should answer 400 for no events, unknown events, and a missing name', async () => {
      const none = await call(baseUrl, W.createWebhook, { body: { name: 'x', url: receiver.url, events: [] } });
      expect(none.status).toBe(400);
      expect(none.body.details).toEqual([expect.objectContaining({ field: 'events', rule: 'nonEmpty' })]);
      const unknown = await call(baseUrl, W.createWebhook, { body: { name: 'x', url: receiver.url, events: ['config.published', 'config.exploded'] as never } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'events', rule: 'oneOf', message: expect.stringContaining('config.exploded') })]);
      const noName = await call(baseUrl, W.createWebhook, { body: { url: receiver.url, events: ['config.published'] } as never });
      expect(noName.status).toBe(400);
      expect(noName.body.message).toContain('name');
      const unknownField = await call(baseUrl, W.createWebhook, { body: { name: 'x', url: receiver.url, events: ['config.published'], colour: 'red' } as never });
      expect(unknownField.status).toBe(400);
    });

    it('should answer 404 for a namespace that does not exist', async () => {
      const res = await call(baseUrl, W.createWebhook, { body: { name: 'x', url: receiver.url, events: ['config.published'], namespaceId: 'no-such-ns' } });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject(errorBody('NAMESPACE_NOT_FOUND'));
    });
  });

  describe('PATCH and DELETE', () => {
    it('should update fields, rotate the secret once, and delete', async () => {
      const namespaceId = uniqueId();
      await call(baseUrl, NAMESPACES_ENDPOINTS.createNamespace, { body: { namespaceId, name: 'hooks' } });
      const hook = (await call(baseUrl, W.createWebhook, { body: { name: 'to edit', url: receiver.url, events: ['config.published'] } })).body;
      created.push(hook.id);
      const updated = await call(baseUrl, W.updateWebhook, { params: { id: hook.id }, body: { name: 'edited', events: ['canary.started', 'canary.aborted'], namespaceId, enabled: false } });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ name: 'edited', events: ['canary.started', 'canary.aborted'], namespaceId, enabled: false, secretHint: hook.secretHint });
      expect(updated.body).not.toHaveProperty('secret');
      const bad = await call(baseUrl, W.updateWebhook, { params: { id: hook.id }, body: { url: 'ftp://x/' } });
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'url', rule: 'protocol' })]);
      const rotated = await call(baseUrl, W.updateWebhook, { params: { id: hook.id }, body: { rotateSecret: true } });
      expect(rotated.status).toBe(200);
      const secret = (rotated.body as { secret?: string }).secret!;
      expect(secret).toBeTruthy();
      expect(secret).not.toBe(hook.secret);
      expect(rotated.body.secretHint).toBe(secret.slice(-4));
      const cleared = await call(baseUrl, W.updateWebhook, { params: { id: hook.id }, body: { namespaceId: null } });
      expect(cleared.body.namespaceId).toBeNull();

      const deleted = await call(baseUrl, W.deleteWebhook, { params: { id: hook.id } });
      expect(deleted.status).toBe(204);
      const gone = await call(baseUrl, W.getWebhook, { params: { id: hook.id } });
      expect(gone.status).toBe(404);
      expect(gone.body).toMatchObject(errorBody('WEBHOOK_NOT_FOUND', hook.id));
      expect((await call(baseUrl, W.deleteWebhook, { params: { id: hook.id } })).status).toBe(404);
    });

    it('should record create, update and delete in the audit trail without the secret', async () => {
      const hook = (await call(baseUrl, W.createWebhook, { body: { name: 'audited', url: `${receiver.url}?token=abc`, events: ['config.published'] } })).body;
      await call(baseUrl, W.updateWebhook, { params: { id: hook.id }, body: { rotateSecret: true } });
      await call(baseUrl, W.deleteWebhook, { params: { id: hook.id } });
      const audit = await call(baseUrl, AUTH_ENDPOINTS.listAudit, { query: { targetType: 'webhook' } });
      const mine = audit.body.items.filter((e) => e.target === hook.id);
      expect(mine.map((e) => e.action).sort()).toEqual(['webhook.create', 'webhook.delete', 'webhook.update']);
      expect(JSON.stringify(mine)).not.toContain(hook.secret);
      expect(JSON.stringify(mine)).not.toContain('token=abc');
    });
  });

  describe('access', () => {
    it('should answer 403 to a user who is not an administrator', async () => {
      const user = await createUser(baseUrl, inject('adminToken'), [{ namespaceId: 'public', action: 'write' }]);
      const h = bearer(user.token);
      expect((await call(baseUrl, W.listWebhooks, { headers: h })).status).toBe(403);
      expect((await call(baseUrl, W.createWebhook, { body: { name: 'x', url: receiver.url, events: ['config.published'] }, headers: h })).status).toBe(403);
      expect((await call(baseUrl, W.listWebhooks, { headers: { authorization: '' } })).status).toBe(401);
    });
  });

  describe('POST /:id/test', () => {
    it('should deliver a signed webhook.test event and answer the delivery after its first attempt', async () => {
      const hook = (await call(baseUrl, W.createWebhook, { body: { name: 'tested', url: receiver.url, events: ['config.deleted'] } })).body;
      created.push(hook.id);
      const res = await call(baseUrl, W.testWebhook, { params: { id: hook.id } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ webhookId: hook.id, eventType: 'webhook.test', status: 'succeeded', attempts: 1, responseStatus: 200, error: null });
      expect(res.body.latencyMs).toBeGreaterThanOrEqual(0);
      // Answered after the attempt: the receiver already has it.
      const got = receiver.received.find((d) => d.deliveryId === res.body.id);
      expect(got?.payload).toMatchObject({ type: 'webhook.test', id: res.body.eventId, actor: 'admin' });
      expect(got?.headers['x-switchboard-event']).toBe('webhook.test');
      expect(got?.headers['user-agent']).toBe('Switchboard-Webhook');
      expect(got?.headers['content-type']).toBe('application/json');
      expect(signatureIsValid(got!, hook.secret)).toBe(true);
      const log = await call(baseUrl, W.listWebhookDeliveries, { params: { id: hook.id } });
      expect(log.body.items[0]).toEqual(res.body);
      expect((await call(baseUrl, W.getWebhook, { params: { id: hook.id } })).body.lastDelivery).toEqual(res.body);
      expect((await call(baseUrl, W.testWebhook, { params: { id: 'nope' } })).status).toBe(404);
    });
  });
});
