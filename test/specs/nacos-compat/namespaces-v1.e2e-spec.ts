import { describe, expect, inject, it } from 'vitest';
import { nacosForm, uniqueId } from '../../support/api';

const baseUrl = inject('baseUrl');
const PATH = '/nacos/v1/console/namespaces';

describe('Nacos v1 /nacos/v1/console/namespaces', () => {
  it('should create with a form body, answer `true`, and list it in a RestResult', async () => {
    const id = uniqueId();
    const created = await nacosForm(baseUrl, 'POST', PATH, { customNamespaceId: id, namespaceName: 'From Nacos', namespaceDesc: 'desc' });
    expect(created.status).toBe(200);
    expect(created.json()).toBe(true);
    const list = await nacosForm(baseUrl, 'GET', PATH, {});
    const body = list.json() as { code: number; data: { namespace: string; namespaceShowName: string; type: number; quota: number }[] };
    expect(body.code).toBe(200);
    expect(body.data[0]).toMatchObject({ namespace: 'public', type: 0 });
    expect(body.data).toContainEqual({ namespace: id, namespaceShowName: 'From Nacos', namespaceDesc: 'desc', quota: 200, configCount: 0, type: 2 });
  });

  it('should accept parameters in the query string too', async () => {
    const id = uniqueId();
    const res = await nacosForm(baseUrl, 'POST', PATH, { customNamespaceId: id, namespaceName: 'query' }, { inBody: false });
    expect(res.status).toBe(200);
    const one = await nacosForm(baseUrl, 'GET', PATH, { show: 'all', namespaceId: id });
    expect(one.json()).toMatchObject({ namespace: id, namespaceShowName: 'query' });
  });

  it('should check whether an id exists', async () => {
    expect((await nacosForm(baseUrl, 'GET', PATH, { checkNamespaceIdExist: 'true', customNamespaceId: 'public' })).json()).toBe(true);
    expect((await nacosForm(baseUrl, 'GET', PATH, { checkNamespaceIdExist: 'true', customNamespaceId: 'nope-404' })).json()).toBe(false);
  });

  it('should update with namespace/namespaceShowName and delete with namespaceId', async () => {
    const id = uniqueId();
    await nacosForm(baseUrl, 'POST', PATH, { customNamespaceId: id, namespaceName: 'old' });
    const put = await nacosForm(baseUrl, 'PUT', PATH, { namespace: id, namespaceShowName: 'new', namespaceDesc: 'd2' });
    expect(put.status).toBe(200);
    expect(put.json()).toBe(true);
    expect((await nacosForm(baseUrl, 'GET', PATH, { show: 'all', namespaceId: id })).json()).toMatchObject({ namespaceShowName: 'new', namespaceDesc: 'd2' });
    const del = await nacosForm(baseUrl, 'DELETE', PATH, { namespaceId: id });
    expect(del.status).toBe(200);
    expect(del.json()).toBe(true);
    expect((await nacosForm(baseUrl, 'GET', PATH, { show: 'all', namespaceId: id })).status).toBe(404);
  });

  it('should answer 4xx plain text naming the Nacos parameter', async () => {
    const id = uniqueId();
    await nacosForm(baseUrl, 'POST', PATH, { customNamespaceId: id, namespaceName: 'x' });
    const dup = await nacosForm(baseUrl, 'POST', PATH, { customNamespaceId: id, namespaceName: 'x' });
    expect(dup.status).toBe(409);
    expect(dup.headers.get('content-type')).toContain('text/plain');
    expect(dup.text).toContain('customNamespaceId');
    const invalid = await nacosForm(baseUrl, 'POST', PATH, { customNamespaceId: 'bad/id', namespaceName: 'x' });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toMatch(/^customNamespaceId: /);
    const missing = await nacosForm(baseUrl, 'POST', PATH, { customNamespaceId: uniqueId() });
    expect(missing.status).toBe(400);
    expect(missing.text).toBe('namespaceName: is required');
    const badName = await nacosForm(baseUrl, 'PUT', PATH, { namespace: id, namespaceShowName: 'a$b' });
    expect(badName.status).toBe(400);
    expect(badName.text).toMatch(/^namespaceShowName: /);
  });

  it('should protect public and answer 404 for unknown ids', async () => {
    const del = await nacosForm(baseUrl, 'DELETE', PATH, { namespaceId: 'public' });
    expect(del.status).toBe(409);
    expect(del.text).toContain('public');
    const rename = await nacosForm(baseUrl, 'PUT', PATH, { namespace: 'public', namespaceShowName: 'other' });
    expect(rename.status).toBe(409);
    expect((await nacosForm(baseUrl, 'DELETE', PATH, { namespaceId: 'nope-404' })).status).toBe(404);
  });
});
