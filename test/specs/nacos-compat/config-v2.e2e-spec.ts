import { createHash } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { nacosForm, uniqueId } from '../../support/api';

const baseUrl = inject('baseUrl');
const CS = '/nacos/v2/cs';

describe('Nacos v2 config API', () => {
  it('should publish, get, list history and delete in the {code,message,data} envelope', async () => {
    const dataId = uniqueId('v2cfg');
    const pub = await nacosForm(baseUrl, 'POST', `${CS}/config`, { dataId, group: 'G2', content: 'a=1\nb=2', type: 'properties', configTags: 't1' });
    expect(pub.json()).toEqual({ code: 0, message: 'success', data: true });
    const get = await nacosForm(baseUrl, 'GET', `${CS}/config`, { dataId, group: 'G2' });
    expect(get.json()).toEqual({ code: 0, message: 'success', data: 'a=1\nb=2' });
    expect(get.headers.get('content-md5')).toBe(createHash('md5').update('a=1\nb=2').digest('hex'));
    await nacosForm(baseUrl, 'POST', `${CS}/config`, { dataId, group: 'G2', content: 'a=2' });
    const list = (await nacosForm(baseUrl, 'GET', `${CS}/history/list`, { dataId, group: 'G2' })).json() as { code: number; data: { totalCount: number; pageItems: { id: string }[] } };
    expect(list.code).toBe(0);
    expect(list.data.totalCount).toBe(2);
    const detail = (await nacosForm(baseUrl, 'GET', `${CS}/history`, { dataId, group: 'G2', nid: list.data.pageItems[1].id })).json() as { data: { content: string } };
    expect(detail.data.content).toBe('a=1\nb=2');
    expect((await nacosForm(baseUrl, 'DELETE', `${CS}/config`, { dataId, group: 'G2' })).json()).toEqual({ code: 0, message: 'success', data: true });
    const gone = await nacosForm(baseUrl, 'GET', `${CS}/config`, { dataId, group: 'G2' });
    expect(gone.status).toBe(404);
    expect(gone.json()).toMatchObject({ code: 20004, message: 'resource not found' });
  });

  it('should answer 400 with code 20002 naming the parameter, and 409 with 20005 for a lost compare-and-swap', async () => {
    const missing = await nacosForm(baseUrl, 'POST', `${CS}/config`, { group: 'G2', content: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.json()).toMatchObject({ code: 20002, data: 'dataId: is required' });
    const dataId = uniqueId('v2cas');
    await nacosForm(baseUrl, 'POST', `${CS}/config`, { dataId, group: 'G2', content: 'x' });
    const lost = await nacosForm(baseUrl, 'POST', `${CS}/config`, { dataId, group: 'G2', content: 'y' }, { headers: { casMd5: '0'.repeat(32) } });
    expect(lost.status).toBe(409);
    expect(lost.json()).toMatchObject({ code: 20005 });
  });
});
