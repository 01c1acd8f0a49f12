import { describe, expect, inject, it } from 'vitest';
import { nacosForm, uniqueId } from '../../support/api';

const baseUrl = inject('baseUrl');
const PATH = '/nacos/v2/console/namespace';

describe('Nacos v2 /nacos/v2/console/namespace', () => {
  it('should create, get, update, list and delete in the {code,message,data} envelope', async () => {
    const id = uniqueId();
    const created = await nacosForm(baseUrl, 'POST', PATH, { namespaceId: id, namespaceName: 'v2 名前', namespaceDesc: 'd' });
    expect(created.status).toBe(200);
    expect(created.json()).toEqual({ code: 0, message: 'success', data: true });
    const got = await nacosForm(baseUrl, 'GET', PATH, { namespaceId: id });
    expect(got.json()).toEqual({ code: 0, message: 'success', data: { namespace: id, namespaceShowName: 'v2 名前', namespaceDesc: 'd', quota: 200, configCount: 0, type: 2 } });
    const put = await nacosForm(baseUrl, 'PUT', PATH, { namespaceId: id, namespaceName: 'renamed' });
    expect(put.json()).toEqual({ code: 0, message: 'success', data: true });
    const list = (await nacosForm(baseUrl, 'GET', `${PATH}/list`, {})).json() as { code: number; data: { namespace: string; namespaceShowName: string }[] };
    expect(list.code).toBe(0);
    expect(list.data).toContainEqual(expect.objectContaining({ namespace: id, namespaceShowName: 'renamed' }));
    const del = await nacosForm(baseUrl, 'DELETE', PATH, { namespaceId: id });
    expect(del.json()).toEqual({ code: 0, message: 'success', data: true });
  });

  it('should answer Nacos error codes with a 4xx status', async () => {
    const id = uniqueId();
    await nacosForm(baseUrl, 'POST', PATH, { namespaceId: id, namespaceName: 'x' });
    const dup = await nacosForm(baseUrl, 'POST', PATH, { namespaceId: id, namespaceName: 'x' });
    expect(dup.status).toBe(409);
    expect(dup.json()).toMatchObject({ code: 22002, message: 'namespace already exist', data: expect.stringContaining('namespaceId') });
    const unknown = await nacosForm(baseUrl, 'GET', PATH, { namespaceId: 'nope-404' });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 22001 });
    const invalid = await nacosForm(baseUrl, 'POST', PATH, { namespaceId: 'bad id', namespaceName: 'x' });
    expect(invalid.status).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 20002, data: expect.stringMatching(/^namespaceId: /) });
    const missing = await nacosForm(baseUrl, 'PUT', PATH, { namespaceId: id });
    expect(missing.status).toBe(400);
    expect(missing.json()).toMatchObject({ code: 20002, data: 'namespaceName: is required' });
    const pub = await nacosForm(baseUrl, 'DELETE', PATH, { namespaceId: 'public' });
    expect(pub.status).toBe(409);
    expect(pub.json()).toMatchObject({ code: 22000 });
  });

  it('should answer unknown v2 routes in the envelope, not as HTML', async () => {
    const res = await nacosForm(baseUrl, 'GET', '/nacos/v2/nothing/here', {});
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ code: 20004 });
  });
});
