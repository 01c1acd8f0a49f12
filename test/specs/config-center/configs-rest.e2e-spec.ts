import { CONFIG_CENTER_ENDPOINTS as E, NAMESPACES_ENDPOINTS } from '@switchboard/shared';
import { describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { errorBody } from '../../support/errors';

const baseUrl = inject('baseUrl');
const key = (dataId: string, group = 'DEFAULT_GROUP', namespaceId = 'public') => ({ namespaceId, group, dataId });

describe('/api/v1 configs', () => {
  it('should publish with versions, read, and refuse a stale expectedVersion with 409', async () => {
    const k = key(`${uniqueId('rest')}.yaml`);
    const created = await call(baseUrl, E.publishConfig, { params: k, body: { content: 'a: 1\n', type: 'yaml', appName: 'app', description: 'd', tags: ['x', 'y'], expectedVersion: 0 } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ ...k, content: 'a: 1\n', type: 'yaml', version: 1, appName: 'app', tags: ['x', 'y'], sizeBytes: 5, createdBy: 'admin' });
    const updated = await call(baseUrl, E.publishConfig, { params: k, body: { content: 'a: 2\n', expectedVersion: 1 } });
    expect(updated.body).toMatchObject({ version: 2, type: 'yaml', appName: 'app' });
    const stale = await call(baseUrl, E.publishConfig, { params: k, body: { content: 'a: 3\n', expectedVersion: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject(errorBody('CONFIG_CONFLICT', 'expectedVersion'));
    const again = await call(baseUrl, E.publishConfig, { params: k, body: { content: 'x', expectedVersion: 0 } });
    expect(again.status).toBe(409);
    expect((await call(baseUrl, E.getConfig, { params: k })).body).toMatchObject({ content: 'a: 2\n', version: 2 });
  });

  it('should let exactly one of two concurrent publishes with the same expectation win', async () => {
    const k = key(uniqueId('race'));
    await call(baseUrl, E.publishConfig, { params: k, body: { content: 'base' } });
    const results = await Promise.all(['left', 'right'].map((content) => call(baseUrl, E.publishConfig, { params: k, body: { content, expectedVersion: 1 } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body.content;
    expect((await call(baseUrl, E.getConfig, { params: k })).body).toMatchObject({ content: winner, version: 2 });
  });

  it('should keep history through delete, diff any two versions and roll back as a new version', async () => {
    const k = key(uniqueId('hist'));
    for (const content of ['line1\nline2\n', 'line1\nline2 changed\n', 'line1\nline2 changed\nline3\n']) await call(baseUrl, E.publishConfig, { params: k, body: { content } });
    const diff = await call(baseUrl, E.diffVersions, { params: k, query: { from: 1, to: 3 } });
    expect(diff.body.unifiedDiff).toContain('-line2\n');
    expect(diff.body.unifiedDiff).toContain('+line2 changed\n+line3');
    const rolled = await call(baseUrl, E.rollbackConfig, { params: k, body: { version: 1 } });
    expect(rolled.body).toMatchObject({ content: 'line1\nline2\n', version: 4 });
    expect((await call(baseUrl, E.deleteConfig, { params: k })).status).toBe(204);
    expect((await call(baseUrl, E.getConfig, { params: k })).status).toBe(404);
    const history = await call(baseUrl, E.listVersions, { params: k, query: { pageNo: 1, pageSize: 10 } });
    expect(history.body.total).toBe(5);
    expect(history.body.items.map((v) => [v.version, v.op])).toEqual([[5, 'delete'], [4, 'rollback'], [3, 'update'], [2, 'update'], [1, 'create']]);
    const v2 = await call(baseUrl, E.getVersion, { params: { ...k, version: 2 } });
    expect(v2.body).toMatchObject({ version: 2, op: 'update', content: 'line1\nline2 changed\n', author: 'admin' });
    const page2 = await call(baseUrl, E.listVersions, { params: k, query: { pageNo: 2, pageSize: 2 } });
    expect(page2.body.items.map((v) => v.version)).toEqual([3, 2]);
    const recreated = await call(baseUrl, E.publishConfig, { params: k, body: { content: 'back' } });
    expect(recreated.body.version).toBe(6);
    expect((await call(baseUrl, E.rollbackConfig, { params: k, body: { version: 5 } })).status).toBe(400);
    expect((await call(baseUrl, E.getVersion, { params: { ...k, version: 99 } })).body).toMatchObject(errorBody('CONFIG_VERSION_NOT_FOUND'));
  });

  it.each([
    ['json', '{\n  "a": 1,\n}', 3, 1],
    ['yaml', 'a: 1\nb: [1, 2\n', 3, 1],
    ['toml', 'a = 1\na = 2\n', 2, 1],
    ['xml', '<root>\n  <child>\n</root>\n', 3, 1],
    ['properties', 'a=1\nb=2\nc=\\u12\n', 3, 3],
  ] as const)('should refuse invalid %s with 400 naming line and column', async (type, content, line, column) => {
    const res = await call(baseUrl, E.publishConfig, { params: key(`${uniqueId('bad')}.${type}`), body: { content, type } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const [violation] = res.body.details as { field: string; rule: string; message: string }[];
    expect(violation).toMatchObject({ field: 'content', rule: 'syntax' });
    expect(violation.message).toMatch(new RegExp(`^line ${line}, column ${column}`));
  });

  it('should enforce an attached JSON Schema and list every violation', async () => {
    const k = key(`${uniqueId('schema')}.json`);
    const schema = JSON.stringify({ type: 'object', required: ['port'], properties: { port: { type: 'integer', maximum: 65535 }, name: { type: 'string' } } });
    const ok = await call(baseUrl, E.publishConfig, { params: k, body: { content: '{"port": 8080}', type: 'json', schema } });
    expect(ok.status).toBe(200);
    const bad = await call(baseUrl, E.publishConfig, { params: k, body: { content: '{"port": 70000, "name": 5}' } });
    expect(bad.status).toBe(400);
    const fields = (bad.body.details as { field: string; rule: string }[]).map((d) => `${d.field}:${d.rule}`).sort();
    expect(fields).toEqual(['content/name:schema', 'content/port:schema']);
    const detached = await call(baseUrl, E.publishConfig, { params: k, body: { content: '{"port": 70000}', schema: null } });
    expect(detached.status).toBe(200);
    const notASchema = await call(baseUrl, E.publishConfig, { params: k, body: { content: '{}', schema: '{"type": 12}' } });
    expect(notASchema.status).toBe(400);
    expect((notASchema.body.details as { field: string }[])[0].field).toBe('schema');
  });

  it('should search by group, dataId, appName and tags, exact and with wildcards', async () => {
    const prefix = uniqueId('find');
    const group = uniqueId('GRP');
    await call(baseUrl, E.publishConfig, { params: key(`${prefix}-one.yaml`, group), body: { content: 'a: 1', type: 'yaml', appName: 'billing', tags: ['prod'] } });
    await call(baseUrl, E.publishConfig, { params: key(`${prefix}-two.yaml`, group), body: { content: 'a: 2', type: 'yaml', appName: 'billing' } });
    await call(baseUrl, E.publishConfig, { params: key(`${prefix}-three.json`, group), body: { content: '{}', type: 'json', appName: 'search' } });
    const ns = { namespaceId: 'public' };
    const wild = await call(baseUrl, E.listConfigs, { params: ns, query: { dataId: `${prefix}-*.yaml`, mode: 'blur' } });
    expect(wild.body.items.map((c) => c.dataId)).toEqual([`${prefix}-one.yaml`, `${prefix}-two.yaml`]);
    expect((wild.body.items[0] as unknown as { content?: string }).content).toBeUndefined();
    const byApp = await call(baseUrl, E.listConfigs, { params: ns, query: { group, appName: 'billing', tags: 'prod' } });
    expect(byApp.body.items.map((c) => c.dataId)).toEqual([`${prefix}-one.yaml`]);
    const paged = await call(baseUrl, E.listConfigs, { params: ns, query: { group, pageNo: 2, pageSize: 2 } });
    expect(paged.body).toMatchObject({ total: 3, pageNo: 2 });
    expect(paged.body.items).toHaveLength(1);
  });

  it('should refuse content over the size limit with 413 naming the limit, and honour the namespace quota', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024 + 1);
    const res = await call(baseUrl, E.publishConfig, { params: key(uniqueId('big')), body: { content: big } });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject(errorBody('CONFIG_TOO_LARGE', '10485760'));
    const namespaceId = uniqueId('quota');
    await call(baseUrl, NAMESPACES_ENDPOINTS.createNamespace, { body: { namespaceId, name: 'small', configQuota: 1 } });
    expect((await call(baseUrl, E.publishConfig, { params: key('first', 'G', namespaceId), body: { content: '1' } })).status).toBe(200);
    const over = await call(baseUrl, E.publishConfig, { params: key('second', 'G', namespaceId), body: { content: '2' } });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('CONFIG_QUOTA_EXCEEDED');
    expect((await call(baseUrl, NAMESPACES_ENDPOINTS.getNamespace, { params: { namespaceId } })).body.configCount).toBe(1);
  });

  it('should answer 4xx naming the field for bad keys, types and unknown namespaces', async () => {
    const badType = await call(baseUrl, E.publishConfig, { params: key(uniqueId('t')), body: { content: 'x', type: 'ini' as never } });
    expect(badType.status).toBe(400);
    expect(badType.body.details).toEqual([expect.objectContaining({ field: 'type' })]);
    const badId = await call(baseUrl, E.publishConfig, { params: key('has space'), body: { content: 'x' } });
    expect(badId.body.details).toEqual([expect.objectContaining({ field: 'dataId', rule: 'pattern' })]);
    const ns = await call(baseUrl, E.publishConfig, { params: key('x', 'G', 'no-such-ns'), body: { content: 'x' } });
    expect(ns.status).toBe(404);
    expect(ns.body.code).toBe('NAMESPACE_NOT_FOUND');
    expect((await call(baseUrl, E.getConfig, { params: key(uniqueId('none')) })).body).toMatchObject(errorBody('CONFIG_NOT_FOUND', 'dataId'));
  });
});
