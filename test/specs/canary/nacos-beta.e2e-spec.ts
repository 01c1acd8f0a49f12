import { CONFIG_CENTER_ENDPOINTS as E } from '@switchboard/shared';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { call, nacosForm, uniqueId } from '../../support/api';
import { readConfigFrom } from '../../support/canary';
import { nacosConfigClient, type NacosConfigClient } from '../../support/nacos-config-client';
import { eventually } from '../../support/wait';

const baseUrl = inject('baseUrl');

// Nacos's beta release (an IP gray release) is a canary targeting addresses. The npm client
// connects from 127.0.0.1.
describe('Nacos beta publishing with the nacos npm client listening', () => {
  const clients: NacosConfigClient[] = [];
  afterAll(() => clients.forEach((c) => c.close()));

  it('should deliver the beta content only when the client address is listed, and the stable content after the beta stops', async () => {
    const client = await nacosConfigClient(baseUrl, undefined, { username: inject('adminUsername'), password: inject('adminPassword') });
    clients.push(client);
    const dataId = `${uniqueId('beta')}.properties`;
    const group = 'DEFAULT_GROUP';
    const key = { namespaceId: 'public', group, dataId };
    expect(await client.publishSingle(dataId, group, 'limit=10\n')).toBe(true);
    const seen: string[] = [];
    client.subscribe({ dataId, group }, (content) => seen.push(content));
    await eventually(() => expect(seen).toEqual(['limit=10\n']), 5_000);

    // A beta for other addresses: this client keeps the stable content.
    const publish = (content: string, betaIps: string) => nacosForm(baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId, group, content }, { headers: { betaIps } });
    const other = await publish('limit=20\n', '127.0.3.9,127.0.3.10');
    expect(other.status).toBe(200);
    expect(other.text).toBe('true');
    const beta = (await nacosForm(baseUrl, 'GET', '/nacos/v1/cs/configs', { dataId, group, beta: 'true' })).json() as { code: number; message: string; data: { betaIps: string; content: string } };
    expect(beta).toMatchObject({ code: 200, message: 'query beta ok', data: { betaIps: '127.0.3.9,127.0.3.10', content: 'limit=20\n' } });
    expect(await readConfigFrom(baseUrl, '127.0.3.9', key)).toMatchObject({ isBeta: true, content: 'limit=20\n' });
    expect(await client.getConfig(dataId, group)).toBe('limit=10\n');

    // The same beta now lists the client's address: it receives the beta content.
    expect((await publish('limit=20\n', '127.0.3.9,127.0.0.1')).status).toBe(200);
    await eventually(() => expect(seen.at(-1)).toBe('limit=20\n'), 10_000);
    expect(seen).toEqual(['limit=10\n', 'limit=20\n']);
    expect((await call(baseUrl, E.getCanary, { params: key })).body).toMatchObject({ revision: 2, target: { ips: ['127.0.3.9', '127.0.0.1'], weight: 0 } });

    // Stopping the beta returns the client to the stable content; the config itself never changed.
    const stop = (await nacosForm(baseUrl, 'DELETE', '/nacos/v1/cs/configs', { dataId, group, beta: 'true' })).json();
    expect(stop).toEqual({ code: 200, message: 'stop beta ok', data: true });
    await eventually(() => expect(seen.at(-1)).toBe('limit=10\n'), 10_000);
    expect((await nacosForm(baseUrl, 'GET', '/nacos/v1/cs/configs', { dataId, group, beta: 'true' })).json()).toMatchObject({ code: 200, data: null });
    expect((await call(baseUrl, E.listVersions, { params: key })).body.total).toBe(1);
    client.unSubscribe({ dataId, group });
  }, 30_000);

  it('should accept betaIps on the v2 API and refuse a malformed list naming the field', async () => {
    const dataId = `${uniqueId('beta2')}.txt`;
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId };
    await nacosForm(baseUrl, 'POST', '/nacos/v2/cs/config', { dataId, group: key.group, content: 'one' });
    const bad = await nacosForm(baseUrl, 'POST', '/nacos/v2/cs/config', { dataId, group: key.group, content: 'two' }, { headers: { betaIps: '127.0.3.20,nope' } });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/ips/);
    expect((await nacosForm(baseUrl, 'POST', '/nacos/v2/cs/config', { dataId, group: key.group, content: 'two' }, { headers: { betaIps: '127.0.3.20' } })).json()).toMatchObject({ code: 0, data: true });
    const v2 = (address: string) => readConfigFrom(baseUrl, address, key);
    expect(await v2('127.0.3.20')).toMatchObject({ isBeta: true, content: 'two' });
    expect(await v2('127.0.3.21')).toMatchObject({ isBeta: false, content: 'one' });
  });

  it('should treat a tag publish as a canary for clients with that label, and a tag delete as its end', async () => {
    const dataId = `${uniqueId('tagged')}.txt`;
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId };
    await nacosForm(baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId, group: key.group, content: 'stable' });
    expect((await nacosForm(baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId, group: key.group, content: 'gray', tag: 'blue' })).text).toBe('true');
    const read = (query: Record<string, string>, headers: Record<string, string> = {}) => nacosForm(baseUrl, 'GET', '/nacos/v1/cs/configs', { dataId, group: key.group, ...query }, { headers });
    expect((await read({})).text).toBe('stable');
    const byParam = await read({ tag: 'blue' });
    expect(byParam.text).toBe('gray');
    expect(byParam.headers.get('isbeta')).toBe('true');
    expect((await read({}, { 'Vipserver-Tag': 'blue' })).text).toBe('gray');
    expect((await read({ tag: 'green' })).text).toBe('stable');
    expect((await nacosForm(baseUrl, 'DELETE', '/nacos/v1/cs/configs', { dataId, group: key.group, tag: 'blue' })).text).toBe('true');
    expect((await read({ tag: 'blue' })).text).toBe('stable');
    expect((await call(baseUrl, E.getCanary, { params: key })).status).toBe(404);
    expect((await call(baseUrl, E.getConfig, { params: key })).body.content).toBe('stable');
  });
});
