import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { nacosForm, uniqueId } from '../../support/api';
import { longPoll } from '../../support/long-poll';
import { createUser, type TestUser } from '../../support/users';

const baseUrl = inject('baseUrl');
const CLIENT = '/nacos/v3/client/cs/config';
const ADMIN = '/nacos/v3/admin/cs/config';
const HISTORY = '/nacos/v3/admin/cs/history';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const SUCCESS = { code: 0, message: 'success' };
const DENIED = { code: 10001, message: 'access denied' };

let reader: TestUser;
beforeAll(async () => {
  reader = await createUser(baseUrl, inject('adminToken'), [{ namespaceId: 'public', action: 'read' }]);
});

describe('Nacos v3 client config API (/nacos/v3/client/cs/config)', () => {
  it('should answer a ConfigQueryResponse in the envelope, the namespace "" and "public" being the same', async () => {
    const dataId = uniqueId('v3cfg');
    const published = await nacosForm(baseUrl, 'POST', ADMIN, { dataId, groupName: 'G3', namespaceId: '', content: 'k=v', type: 'properties' });
    expect(published.json()).toEqual({ ...SUCCESS, data: true });
    for (const namespaceId of ['public', '', undefined]) {
      const got = await nacosForm(baseUrl, 'GET', CLIENT, { dataId, groupName: 'G3', namespaceId });
      expect(got.status).toBe(200);
      expect(got.json()).toMatchObject({ ...SUCCESS, data: { content: 'k=v', md5: md5('k=v'), contentType: 'properties', beta: false, resultCode: 200, lastModified: expect.any(Number) } });
    }
  });

  it('should answer a config that does not exist with code 20004 and no data, as Nacos 3 does', async () => {
    const res = await nacosForm(baseUrl, 'GET', CLIENT, { dataId: uniqueId('none'), groupName: 'G3' });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ code: 20004, message: 'resource not found', data: null });
  });

  it('should answer 400 with code 10000 naming a missing parameter', async () => {
    const res = await nacosForm(baseUrl, 'GET', CLIENT, { dataId: 'x' });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ code: 10000, message: 'parameter missing', data: 'groupName: is required' });
  });

  it('should refuse a caller without credentials, and let a reader read', async () => {
    const anonymous = await nacosForm(baseUrl, 'GET', CLIENT, { dataId: 'x', groupName: 'G3' }, { anonymous: true });
    expect(anonymous.status).toBe(403);
    expect(anonymous.json()).toMatchObject(DENIED);
    const dataId = uniqueId('v3read');
    await nacosForm(baseUrl, 'POST', ADMIN, { dataId, groupName: 'G3', content: 'r' });
    const read = await nacosForm(baseUrl, 'GET', CLIENT, { dataId, groupName: 'G3', accessToken: reader.token });
    expect(read.json()).toMatchObject({ ...SUCCESS, data: { content: 'r' } });
  });
});

describe('Nacos v3 admin config API (/nacos/v3/admin/cs/config, /history)', () => {
  it('should publish, read the detail, list, show listeners and delete', async () => {
    const dataId = uniqueId('v3adm');
    await nacosForm(baseUrl, 'POST', ADMIN, { dataId, groupName: 'G3', content: '{"a":1}', type: 'json', appName: 'app', desc: 'd', configTags: 't1,t2' });
    const detail = await nacosForm(baseUrl, 'GET', ADMIN, { dataId, groupName: 'G3', namespaceId: '' });
    expect(detail.json()).toMatchObject({
      ...SUCCESS,
      data: { namespaceId: 'public', groupName: 'G3', dataId, content: '{"a":1}', md5: md5('{"a":1}'), type: 'json', appName: 'app', desc: 'd', configTags: 't1,t2', createTime: expect.any(Number), modifyTime: expect.any(Number) },
    });
    const list = (await nacosForm(baseUrl, 'GET', `${ADMIN}/list`, { dataId: `${dataId.slice(0, -3)}*`, groupName: 'G3', namespaceId: 'public', pageNo: 1, pageSize: 10 })).json() as { data: { totalCount: number; pageItems: unknown[] } };
    expect(list.data.totalCount).toBe(1);
    expect(list.data.pageItems).toEqual([expect.objectContaining({ dataId, groupName: 'G3', namespaceId: 'public', type: 'json' })]);
    // A long-polling client that holds the current content.
    await longPoll(baseUrl, [{ dataId, group: 'G3', md5: md5('{"a":1}') }], { noHangup: true });
    const listeners = (await nacosForm(baseUrl, 'GET', `${ADMIN}/listener`, { dataId, groupName: 'G3' })).json() as { data: { queryType: string; listenersStatus: Record<string, string> } };
    expect(listeners.data.queryType).toBe('config');
    expect(Object.values(listeners.data.listenersStatus)).toContain(md5('{"a":1}'));
    expect((await nacosForm(baseUrl, 'DELETE', ADMIN, { dataId, groupName: 'G3' })).json()).toEqual({ ...SUCCESS, data: true });
    const gone = await nacosForm(baseUrl, 'GET', ADMIN, { dataId, groupName: 'G3' });
    expect(gone.status).toBe(404);
    expect(gone.json()).toMatchObject({ code: 20004, message: 'resource not found' });
  });

  it('should list the history, show an entry and the one before it, and the configs of a namespace', async () => {
    const dataId = uniqueId('v3hist');
    await nacosForm(baseUrl, 'POST', ADMIN, { dataId, groupName: 'G3', content: 'one' });
    await nacosForm(baseUrl, 'POST', ADMIN, { dataId, groupName: 'G3', content: 'two' });
    const list = (await nacosForm(baseUrl, 'GET', `${HISTORY}/list`, { dataId, groupName: 'G3', namespaceId: '' })).json() as { data: { totalCount: number; pageItems: { id: string; opType: string }[] } };
    expect(list.data.totalCount).toBe(2);
    expect(list.data.pageItems.map((i) => i.opType)).toEqual(['U', 'I']);
    const [latest, first] = list.data.pageItems;
    const entry = await nacosForm(baseUrl, 'GET', HISTORY, { dataId, groupName: 'G3', nid: first.id });
    expect(entry.json()).toMatchObject({ ...SUCCESS, data: { id: first.id, namespaceId: 'public', groupName: 'G3', dataId, content: 'one', md5: md5('one'), opType: 'I' } });
    const previous = await nacosForm(baseUrl, 'GET', `${HISTORY}/previous`, { dataId, groupName: 'G3', id: latest.id });
    expect(previous.json()).toMatchObject({ data: { id: first.id, content: 'one' } });
    const configs = (await nacosForm(baseUrl, 'GET', `${HISTORY}/configs`, { namespaceId: 'public' })).json() as { data: { dataId: string }[] };
    expect(configs.data).toContainEqual(expect.objectContaining({ dataId, groupName: 'G3', md5: md5('two') }));
    const unknown = await nacosForm(baseUrl, 'GET', HISTORY, { dataId, groupName: 'G3', nid: 99 });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 20004 });
  });

  it('should run a beta for the addresses of the betaIps header and stop it', async () => {
    const dataId = uniqueId('v3beta');
    await nacosForm(baseUrl, 'POST', ADMIN, { dataId, groupName: 'G3', content: 'stable' });
    const none = await nacosForm(baseUrl, 'GET', `${ADMIN}/beta`, { dataId, groupName: 'G3' });
    expect(none.status).toBe(404);
    await nacosForm(baseUrl, 'POST', ADMIN, { dataId, groupName: 'G3', content: 'candidate' }, { headers: { betaIps: '192.0.2.7' } });
    const beta = await nacosForm(baseUrl, 'GET', `${ADMIN}/beta`, { dataId, groupName: 'G3' });
    expect(beta.json()).toMatchObject({ ...SUCCESS, data: { dataId, groupName: 'G3', content: 'candidate', grayName: 'beta', grayRule: expect.stringContaining('192.0.2.7') } });
    expect((await nacosForm(baseUrl, 'GET', ADMIN, { dataId, groupName: 'G3' })).json()).toMatchObject({ data: { content: 'stable' } });
    expect((await nacosForm(baseUrl, 'DELETE', `${ADMIN}/beta`, { dataId, groupName: 'G3' })).json()).toEqual({ ...SUCCESS, data: true });
    expect((await nacosForm(baseUrl, 'GET', `${ADMIN}/beta`, { dataId, groupName: 'G3' })).status).toBe(404);
  });

  it('should answer Nacos codes for bad input, a lost compare-and-swap and refused access', async () => {
    const missing = await nacosForm(baseUrl, 'POST', ADMIN, { groupName: 'G3', content: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.json()).toEqual({ code: 10000, message: 'parameter missing', data: 'dataId: is required' });
    const badGroup = await nacosForm(baseUrl, 'POST', ADMIN, { dataId: 'x', groupName: 'bad group!', content: 'x' });
    expect(badGroup.status).toBe(400);
    expect(badGroup.json()).toMatchObject({ code: 20002, data: expect.stringMatching(/^groupName: /) });
    const dataId = uniqueId('v3cas');
    await nacosForm(baseUrl, 'POST', ADMIN, { dataId, groupName: 'G3', content: 'x' });
    const lost = await nacosForm(baseUrl, 'POST', ADMIN, { dataId, groupName: 'G3', content: 'y' }, { headers: { casMd5: '0'.repeat(32) } });
    expect(lost.status).toBe(409);
    expect(lost.json()).toMatchObject({ code: 20005 });
    const byReader = await nacosForm(baseUrl, 'POST', ADMIN, { dataId, groupName: 'G3', content: 'z', accessToken: reader.token });
    expect(byReader.status).toBe(403);
    expect(byReader.json()).toMatchObject(DENIED);
    expect((await nacosForm(baseUrl, 'GET', ADMIN, { dataId, groupName: 'G3', accessToken: reader.token })).json()).toMatchObject({ data: { content: 'x' } });
    const anonymous = await nacosForm(baseUrl, 'GET', `${HISTORY}/list`, { dataId, groupName: 'G3' }, { anonymous: true });
    expect(anonymous.status).toBe(403);
    expect(anonymous.json()).toMatchObject(DENIED);
  });
});
