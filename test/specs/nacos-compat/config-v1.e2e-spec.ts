import { createHash } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { nacosForm, uniqueId } from '../../support/api';

const baseUrl = inject('baseUrl');
const CS = '/nacos/v1/cs';
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

describe('Nacos v1 config API', () => {
  it('should publish with a form body and answer GET with the raw content and Nacos headers', async () => {
    const dataId = `${uniqueId('v1')}.json`;
    const content = '{\n  "名字": "值",\n  "n": 1\n}';
    const pub = await nacosForm(baseUrl, 'POST', `${CS}/configs`, { dataId, group: 'DEFAULT_GROUP', content, type: 'json', appName: 'shop', desc: 'a json', config_tags: 'a,b' });
    expect(pub.status).toBe(200);
    expect(pub.text).toBe('true');
    const get = await nacosForm(baseUrl, 'GET', `${CS}/configs`, { dataId, group: 'DEFAULT_GROUP', tenant: '' });
    expect(get.status).toBe(200);
    expect(get.text).toBe(content);
    expect(get.headers.get('content-md5')).toBe(md5(content));
    expect(get.headers.get('config-type')).toBe('json');
    expect(get.headers.get('cache-control')).toBe('no-cache,no-store');
    expect(Date.parse(get.headers.get('last-modified')!)).not.toBeNaN();
    // "public" and an absent tenant mean the same namespace.
    expect((await nacosForm(baseUrl, 'GET', `${CS}/configs`, { dataId, group: 'DEFAULT_GROUP', tenant: 'public' })).text).toBe(content);
    const all = (await nacosForm(baseUrl, 'GET', `${CS}/configs`, { dataId, group: 'DEFAULT_GROUP', show: 'all' })).json();
    expect(all).toMatchObject({ dataId, group: 'DEFAULT_GROUP', content, md5: md5(content), appName: 'shop', type: 'json', desc: 'a json', configTags: 'a,b' });
  });

  it('should answer 404 "config data not exist" style for an absent config and delete with true', async () => {
    const dataId = uniqueId('gone');
    const missing = await nacosForm(baseUrl, 'GET', `${CS}/configs`, { dataId, group: 'DEFAULT_GROUP' });
    expect(missing.status).toBe(404);
    await nacosForm(baseUrl, 'POST', `${CS}/configs`, { dataId, group: 'DEFAULT_GROUP', content: 'x=1' });
    const del = await nacosForm(baseUrl, 'DELETE', `${CS}/configs`, { dataId, group: 'DEFAULT_GROUP' });
    expect(del.text).toBe('true');
    expect((await nacosForm(baseUrl, 'GET', `${CS}/configs`, { dataId, group: 'DEFAULT_GROUP' })).status).toBe(404);
  });

  it('should search accurately and with * wildcards, with paging', async () => {
    const prefix = uniqueId('srch');
    for (const suffix of ['a.yaml', 'b.yaml', 'c.properties']) {
      await nacosForm(baseUrl, 'POST', `${CS}/configs`, { dataId: `${prefix}-${suffix}`, group: 'SEARCH', content: 'k: v', appName: 'finder' });
    }
    const blur = (await nacosForm(baseUrl, 'GET', `${CS}/configs`, { search: 'blur', dataId: `${prefix}-*.yaml`, group: '', pageNo: 1, pageSize: 10 })).json() as { totalCount: number; pageItems: { dataId: string }[]; pagesAvailable: number };
    expect(blur.totalCount).toBe(2);
    expect(blur.pageItems.map((i) => i.dataId)).toEqual([`${prefix}-a.yaml`, `${prefix}-b.yaml`]);
    const exact = (await nacosForm(baseUrl, 'GET', `${CS}/configs`, { search: 'accurate', dataId: `${prefix}-c.properties`, group: 'SEARCH', pageNo: 1, pageSize: 10 })).json() as { totalCount: number };
    expect(exact.totalCount).toBe(1);
    const paged = (await nacosForm(baseUrl, 'GET', `${CS}/configs`, { search: 'blur', dataId: `${prefix}*`, group: 'SEARCH', appName: 'finder', pageNo: 2, pageSize: 2 })).json() as { totalCount: number; pageNumber: number; pagesAvailable: number; pageItems: unknown[] };
    expect(paged).toMatchObject({ totalCount: 3, pageNumber: 2, pagesAvailable: 2 });
    expect(paged.pageItems).toHaveLength(1);
  });

  it('should compare and swap with the casMd5 header: a stale md5 loses with 409', async () => {
    const dataId = uniqueId('cas');
    await nacosForm(baseUrl, 'POST', `${CS}/configs`, { dataId, group: 'DEFAULT_GROUP', content: 'v1' });
    const ok = await nacosForm(baseUrl, 'POST', `${CS}/configs`, { dataId, group: 'DEFAULT_GROUP', content: 'v2' }, { headers: { casMd5: md5('v1') } });
    expect(ok.text).toBe('true');
    const stale = await nacosForm(baseUrl, 'POST', `${CS}/configs`, { dataId, group: 'DEFAULT_GROUP', content: 'v3' }, { headers: { casMd5: md5('v1') } });
    expect(stale.status).toBe(409);
    expect((await nacosForm(baseUrl, 'GET', `${CS}/configs`, { dataId, group: 'DEFAULT_GROUP' })).text).toBe('v2');
  });

  it('should let exactly one of two concurrent publishes with the same casMd5 succeed, the other 409', async () => {
    const dataId = uniqueId('cas-race');
    await nacosForm(baseUrl, 'POST', `${CS}/configs`, { dataId, group: 'DEFAULT_GROUP', content: 'base' });
    for (let round = 0; round < 5; round++) {
      const current = (await nacosForm(baseUrl, 'GET', `${CS}/configs`, { dataId, group: 'DEFAULT_GROUP' })).text;
      const answers = await Promise.all(
        ['left', 'right'].map((side) => nacosForm(baseUrl, 'POST', `${CS}/configs`, { dataId, group: 'DEFAULT_GROUP', content: `${side}-${round}` }, { headers: { casMd5: md5(current) } })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const winner = answers[answers.findIndex((a) => a.status === 200)];
      expect(winner.text).toBe('true');
      const stored = (await nacosForm(baseUrl, 'GET', `${CS}/configs`, { dataId, group: 'DEFAULT_GROUP' })).text;
      expect([`left-${round}`, `right-${round}`]).toContain(stored);
    }
  });

  it('should answer 400 naming the parameter for missing or invalid input', async () => {
    const noData = await nacosForm(baseUrl, 'POST', `${CS}/configs`, { group: 'G', content: 'x' });
    expect(noData.status).toBe(400);
    expect(noData.text).toBe('dataId: is required');
    expect((await nacosForm(baseUrl, 'POST', `${CS}/configs`, { dataId: 'd', content: 'x' })).text).toBe('group: is required');
    const blank = await nacosForm(baseUrl, 'POST', `${CS}/configs`, { dataId: 'd', group: 'G', content: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.text).toMatch(/^content: /);
    const badId = await nacosForm(baseUrl, 'POST', `${CS}/configs`, { dataId: 'has space', group: 'G', content: 'x' });
    expect(badId.status).toBe(400);
    expect(badId.text).toMatch(/^dataId: /);
    const badYaml = await nacosForm(baseUrl, 'POST', `${CS}/configs`, { dataId: 'bad.yaml', group: 'G', content: 'a: [1, 2', type: 'yaml' });
    expect(badYaml.status).toBe(400);
    expect(badYaml.text).toMatch(/^content: line \d+, column \d+/);
    const noGet = await nacosForm(baseUrl, 'GET', `${CS}/configs`, { group: 'G' });
    expect(noGet.status).toBe(400);
    expect(noGet.text).toBe('dataId: is required');
    const badListener = await nacosForm(baseUrl, 'POST', `${CS}/configs/listener`, { 'Listening-Configs': 'only-one-word\u0001' });
    expect(badListener.status).toBe(400);
    expect(badListener.text).toMatch(/^Listening-Configs: /);
  });

  it('should list history, show one version and the previous one', async () => {
    const dataId = uniqueId('hist');
    for (const content of ['one', 'two', 'three']) await nacosForm(baseUrl, 'POST', `${CS}/configs`, { dataId, group: 'DEFAULT_GROUP', content, src_user: 'alice' });
    const page = (await nacosForm(baseUrl, 'GET', `${CS}/history`, { search: 'accurate', dataId, group: 'DEFAULT_GROUP', pageNo: 1, pageSize: 10 })).json() as { totalCount: number; pageItems: { id: string; opType: string; srcUser: string; md5: string }[] };
    expect(page.totalCount).toBe(3);
    expect(page.pageItems.map((i) => [i.id, i.opType])).toEqual([['3', 'U'], ['2', 'U'], ['1', 'I']]);
    // With authentication on, the author is the signed-in user, never the self-declared src_user.
    expect(page.pageItems[0].srcUser).toBe('admin');
    const one = (await nacosForm(baseUrl, 'GET', `${CS}/history`, { dataId, group: 'DEFAULT_GROUP', nid: 2 })).json();
    expect(one).toMatchObject({ id: '2', content: 'two', md5: md5('two') });
    const previous = (await nacosForm(baseUrl, 'GET', `${CS}/history/previous`, { dataId, group: 'DEFAULT_GROUP', id: 3 })).json();
    expect(previous).toMatchObject({ id: '2', content: 'two' });
    expect((await nacosForm(baseUrl, 'GET', `${CS}/history`, { dataId, group: 'DEFAULT_GROUP', nid: 99 })).status).toBe(404);
  });
});
