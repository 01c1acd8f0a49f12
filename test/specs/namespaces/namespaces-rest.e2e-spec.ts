import { NAMESPACES_ENDPOINTS as E } from '@switchboard/shared';
import { describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { errorBody } from '../../support/errors';

const baseUrl = inject('baseUrl');

describe('/api/v1/namespaces', () => {
  describe('POST', () => {
    it('should create a namespace and answer 201 with its view', async () => {
      const namespaceId = uniqueId();
      const res = await call(baseUrl, E.createNamespace, { body: { namespaceId, name: '测试 Test', description: 'unicode ✓', configQuota: 50 } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ namespaceId, name: '测试 Test', description: 'unicode ✓', configQuota: 50, configCount: 0, builtIn: false });
      expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);
      const got = await call(baseUrl, E.getNamespace, { params: { namespaceId } });
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
    });

    it('should generate an id when none is given', async () => {
      const res = await call(baseUrl, E.createNamespace, { body: { name: 'generated' } });
      expect(res.status).toBe(201);
      expect(res.body.namespaceId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('should answer 409 naming namespaceId for a duplicate id, and for public', async () => {
      const namespaceId = uniqueId();
      await call(baseUrl, E.createNamespace, { body: { namespaceId, name: 'first' } });
      const dup = await call(baseUrl, E.createNamespace, { body: { namespaceId, name: 'second' } });
      expect(dup.status).toBe(409);
      expect(dup.body).toMatchObject(errorBody('NAMESPACE_ALREADY_EXISTS', 'namespaceId'));
      const pub = await call(baseUrl, E.createNamespace, { body: { namespaceId: 'public', name: 'x' } });
      expect(pub.status).toBe(409);
    });

    it('should answer 400 naming each invalid field and its rule', async () => {
      const res = await call(baseUrl, E.createNamespace, { body: { namespaceId: 'has space', name: 'bad#name', configQuota: 1.5 } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject(errorBody('VALIDATION_FAILED'));
      const fields = (res.body.details as { field: string; rule: string }[]).map((d) => `${d.field}:${d.rule}`);
      expect(fields).toContain('configQuota:isInt');
      const tooLong = await call(baseUrl, E.createNamespace, { body: { namespaceId: 'x'.repeat(129), name: 'ok' } });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.details).toEqual([expect.objectContaining({ field: 'namespaceId', rule: 'pattern' })]);
      const badName = await call(baseUrl, E.createNamespace, { body: { namespaceId: uniqueId(), name: 'bad#name' } });
      expect(badName.body.details).toEqual([expect.objectContaining({ field: 'name', rule: 'pattern' })]);
    });

    it('should refuse a missing name, unknown fields and malformed JSON with 400', async () => {
      const missing = await call(baseUrl, E.createNamespace, { body: { namespaceId: uniqueId() } as never });
      expect(missing.status).toBe(400);
      expect(missing.body.message).toContain('name');
      const unknown = await call(baseUrl, E.createNamespace, { body: { name: 'x', colour: 'red' } as never });
      expect(unknown.status).toBe(400);
      expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'colour' })]);
      const res = await fetch(`${baseUrl}${E.createNamespace.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject(errorBody('VALIDATION_FAILED', 'body'));
    });
  });

  describe('GET', () => {
    it('should list public first and include created namespaces', async () => {
      const namespaceId = uniqueId();
      await call(baseUrl, E.createNamespace, { body: { namespaceId, name: 'listed' } });
      const res = await call(baseUrl, E.listNamespaces);
      expect(res.status).toBe(200);
      expect(res.body[0]).toMatchObject({ namespaceId: 'public', builtIn: true });
      expect(res.body.map((n) => n.namespaceId)).toContain(namespaceId);
    });

    it('should answer 404 naming the id for an unknown namespace', async () => {
      const res = await call(baseUrl, E.getNamespace, { params: { namespaceId: 'does-not-exist' } });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject(errorBody('NAMESPACE_NOT_FOUND', 'does-not-exist'));
    });
  });

  describe('PATCH', () => {
    it('should update name, description and quota', async () => {
      const namespaceId = uniqueId();
      await call(baseUrl, E.createNamespace, { body: { namespaceId, name: 'before' } });
      const res = await call(baseUrl, E.updateNamespace, { params: { namespaceId }, body: { name: 'after', description: 'new', configQuota: 7 } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'after', description: 'new', configQuota: 7 });
    });

    it('should refuse renaming public (409) but accept its description', async () => {
      const rename = await call(baseUrl, E.updateNamespace, { params: { namespaceId: 'public' }, body: { name: 'renamed' } });
      expect(rename.status).toBe(409);
      expect(rename.body).toMatchObject(errorBody('NAMESPACE_PROTECTED'));
      const describe = await call(baseUrl, E.updateNamespace, { params: { namespaceId: 'public' }, body: { description: 'Default namespace' } });
      expect(describe.status).toBe(200);
    });

    it('should answer 404 for an unknown id and 400 for a bad quota', async () => {
      expect((await call(baseUrl, E.updateNamespace, { params: { namespaceId: 'nope' }, body: { name: 'x' } })).status).toBe(404);
      const namespaceId = uniqueId();
      await call(baseUrl, E.createNamespace, { body: { namespaceId, name: 'q' } });
      const res = await call(baseUrl, E.updateNamespace, { params: { namespaceId }, body: { configQuota: -5 } });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'configQuota', rule: 'range' })]);
    });
  });

  describe('DELETE', () => {
    it('should delete with 204, then answer 404', async () => {
      const namespaceId = uniqueId();
      await call(baseUrl, E.createNamespace, { body: { namespaceId, name: 'gone' } });
      expect((await call(baseUrl, E.deleteNamespace, { params: { namespaceId } })).status).toBe(204);
      expect((await call(baseUrl, E.getNamespace, { params: { namespaceId } })).status).toBe(404);
      expect((await call(baseUrl, E.deleteNamespace, { params: { namespaceId } })).status).toBe(404);
    });

    it('should refuse deleting public with 409', async () => {
      const res = await call(baseUrl, E.deleteNamespace, { params: { namespaceId: 'public' } });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject(errorBody('NAMESPACE_PROTECTED', 'public'));
      expect((await call(baseUrl, E.getNamespace, { params: { namespaceId: 'public' } })).status).toBe(200);
    });
  });
});
