import { beforeAll, describe, expect, inject, it } from 'vitest';
import { nacosForm, uniqueId } from '../../support/api';
import { createUser, type TestUser } from '../../support/users';

const baseUrl = inject('baseUrl');
const NS = '/nacos/v3/admin/ns';
const NAMESPACE = '/nacos/v3/admin/core/namespace';
const CLUSTER = '/nacos/v3/admin/core/cluster';
const STATE = '/nacos/v3/admin/core/state';

const SUCCESS = { code: 0, message: 'success' };
const DENIED = { code: 10001, message: 'access denied' };

let reader: TestUser;
beforeAll(async () => {
  reader = await createUser(baseUrl, inject('adminToken'), [{ namespaceId: 'public', action: 'read' }]);
});

describe('Nacos v3 admin naming API (/nacos/v3/admin/ns)', () => {
  it('should create, show, update, list and delete services as the maintainer SDK sends them', async () => {
    const serviceName = uniqueId('v3adm');
    const created = await nacosForm(baseUrl, 'POST', `${NS}/service`, { serviceName, groupName: 'G3', namespaceId: '', protectThreshold: 0.5, metadata: '{"owner":"x"}', ephemeral: 'false', selector: '{"type":"none"}' });
    expect(created.json()).toEqual({ ...SUCCESS, data: 'ok' });
    const detail = await nacosForm(baseUrl, 'GET', `${NS}/service`, { serviceName, groupName: 'G3', namespaceId: 'public' });
    expect(detail.json()).toEqual({
      ...SUCCESS,
      data: { namespaceId: 'public', groupName: 'G3', serviceName, protectThreshold: 0.5, metadata: { owner: 'x' }, selector: { type: 'none' }, clusterMap: {}, ephemeral: false },
    });
    expect((await nacosForm(baseUrl, 'PUT', `${NS}/service`, { serviceName, groupName: 'G3', protectThreshold: 0.2 })).json()).toEqual({ ...SUCCESS, data: 'ok' });
    await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName, groupName: 'G3', ip: '10.31.0.1', port: 80 });
    const list = await nacosForm(baseUrl, 'GET', `${NS}/service/list`, { namespaceId: '', groupNameParam: 'G3', serviceNameParam: serviceName, pageNo: 1, pageSize: 10 });
    expect(list.json()).toEqual({
      ...SUCCESS,
      data: { totalCount: 1, pageNumber: 1, pagesAvailable: 1, pageItems: [{ name: serviceName, groupName: 'G3', clusterCount: 1, ipCount: 1, healthyInstanceCount: 1, triggerFlag: 'false' }] },
    });
    const withInstances = (await nacosForm(baseUrl, 'GET', `${NS}/service/list`, { groupNameParam: 'G3', serviceNameParam: serviceName, withInstances: 'true' })).json() as {
      data: { pageItems: { serviceName: string; clusterMap: Record<string, { hosts: { ip: string }[] }> }[] };
    };
    expect(withInstances.data.pageItems[0].clusterMap.DEFAULT.hosts).toEqual([expect.objectContaining({ ip: '10.31.0.1', port: 80 })]);
    const notEmpty = await nacosForm(baseUrl, 'DELETE', `${NS}/service`, { serviceName, groupName: 'G3' });
    expect(notEmpty.status).toBe(409);
    expect(notEmpty.json()).toMatchObject({ code: 21009 });
    await nacosForm(baseUrl, 'DELETE', `${NS}/instance`, { serviceName, groupName: 'G3', ip: '10.31.0.1', port: 80 });
    expect((await nacosForm(baseUrl, 'DELETE', `${NS}/service`, { serviceName, groupName: 'G3' })).json()).toEqual({ ...SUCCESS, data: 'ok' });
    const unknown = await nacosForm(baseUrl, 'GET', `${NS}/service`, { serviceName, groupName: 'G3' });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 21008, message: 'service not exist' });
  });

  it('should register, show, update, mark unhealthy, list and deregister instances', async () => {
    const serviceName = uniqueId('v3inst');
    const base = { serviceName, groupName: 'G3', namespaceId: 'public', ip: '10.31.0.2', port: 81, clusterName: 'C1' };
    expect((await nacosForm(baseUrl, 'POST', `${NS}/instance`, { ...base, weight: 3, ephemeral: 'false', metadata: '{"a":"1"}' })).json()).toEqual({ ...SUCCESS, data: 'ok' });
    const detail = await nacosForm(baseUrl, 'GET', `${NS}/instance`, { ...base, namespaceId: '' });
    expect(detail.json()).toMatchObject({ ...SUCCESS, data: { ip: '10.31.0.2', port: 81, clusterName: 'C1', weight: 3, ephemeral: false, metadata: { a: '1' }, serviceName: `G3@@${serviceName}` } });
    expect((await nacosForm(baseUrl, 'PUT', `${NS}/instance`, { ...base, weight: 5 })).json()).toEqual({ ...SUCCESS, data: 'ok' });
    expect((await nacosForm(baseUrl, 'PUT', `${NS}/instance/partial`, { ...base, enabled: 'false' })).json()).toEqual({ ...SUCCESS, data: 'ok' });
    expect((await nacosForm(baseUrl, 'PUT', `${NS}/health/instance`, { ...base, healthy: 'false' })).json()).toEqual({ ...SUCCESS, data: 'ok' });
    const all = await nacosForm(baseUrl, 'GET', `${NS}/instance/list`, { serviceName, groupName: 'G3', clusterName: 'C1' });
    expect(all.json()).toEqual({ ...SUCCESS, data: [expect.objectContaining({ ip: '10.31.0.2', weight: 5, enabled: false, healthy: false })] });
    expect((await nacosForm(baseUrl, 'GET', `${NS}/instance/list`, { serviceName, groupName: 'G3', healthyOnly: 'true' })).json()).toEqual({ ...SUCCESS, data: [] });
    expect((await nacosForm(baseUrl, 'GET', `${NS}/instance/list`, { serviceName, groupName: 'G3', clusterName: 'DEFAULT' })).json()).toEqual({ ...SUCCESS, data: [] });
    const noHealthy = await nacosForm(baseUrl, 'PUT', `${NS}/health/instance`, base);
    expect(noHealthy.status).toBe(400);
    expect(noHealthy.json()).toEqual({ code: 10000, message: 'parameter missing', data: 'healthy: is required' });
    expect((await nacosForm(baseUrl, 'DELETE', `${NS}/instance`, base)).json()).toEqual({ ...SUCCESS, data: 'ok' });
    const gone = await nacosForm(baseUrl, 'GET', `${NS}/instance`, base);
    expect(gone.status).toBe(404);
    expect(gone.json()).toMatchObject({ code: 21003 });
  });

  it('should answer Nacos codes for bad input and refused access', async () => {
    const missing = await nacosForm(baseUrl, 'POST', `${NS}/service`, { groupName: 'G3' });
    expect(missing.status).toBe(400);
    expect(missing.json()).toEqual({ code: 10000, message: 'parameter missing', data: 'serviceName: is required' });
    const serviceName = uniqueId('v3dup');
    await nacosForm(baseUrl, 'POST', `${NS}/service`, { serviceName });
    const dup = await nacosForm(baseUrl, 'POST', `${NS}/service`, { serviceName });
    expect(dup.status).toBe(409);
    expect(dup.json()).toMatchObject({ code: 21007, message: 'service already exist' });
    const byReader = await nacosForm(baseUrl, 'DELETE', `${NS}/service`, { serviceName, accessToken: reader.token });
    expect(byReader.status).toBe(403);
    expect(byReader.json()).toMatchObject(DENIED);
    expect((await nacosForm(baseUrl, 'GET', `${NS}/service`, { serviceName, accessToken: reader.token })).json()).toMatchObject({ ...SUCCESS, data: { serviceName } });
    const anonymous = await nacosForm(baseUrl, 'GET', `${NS}/service/list`, {}, { anonymous: true });
    expect(anonymous.status).toBe(403);
    expect(anonymous.json()).toMatchObject(DENIED);
  });
});

describe('Nacos v3 admin namespace API (/nacos/v3/admin/core/namespace)', () => {
  it('should create, check, show, update, list and delete namespaces', async () => {
    const id = uniqueId();
    expect((await nacosForm(baseUrl, 'GET', `${NAMESPACE}/check`, { namespaceId: id })).json()).toEqual({ ...SUCCESS, data: 0 });
    expect((await nacosForm(baseUrl, 'POST', NAMESPACE, { namespaceId: id, namespaceName: 'v3 ns', namespaceDesc: 'd' })).json()).toEqual({ ...SUCCESS, data: true });
    expect((await nacosForm(baseUrl, 'GET', `${NAMESPACE}/check`, { namespaceId: id })).json()).toEqual({ ...SUCCESS, data: 1 });
    expect((await nacosForm(baseUrl, 'GET', NAMESPACE, { namespaceId: id })).json()).toEqual({
      ...SUCCESS,
      data: { namespace: id, namespaceShowName: 'v3 ns', namespaceDesc: 'd', quota: 200, configCount: 0, type: 1 },
    });
    expect((await nacosForm(baseUrl, 'PUT', NAMESPACE, { namespaceId: id, namespaceName: 'renamed' })).json()).toEqual({ ...SUCCESS, data: true });
    const list = (await nacosForm(baseUrl, 'GET', `${NAMESPACE}/list`, {})).json() as { data: { namespace: string; namespaceShowName: string; type: number }[] };
    expect(list.data).toContainEqual(expect.objectContaining({ namespace: 'public', type: 0 }));
    expect(list.data).toContainEqual(expect.objectContaining({ namespace: id, namespaceShowName: 'renamed', type: 1 }));
    expect((await nacosForm(baseUrl, 'DELETE', NAMESPACE, { namespaceId: id })).json()).toEqual({ ...SUCCESS, data: true });
    const unknown = await nacosForm(baseUrl, 'GET', NAMESPACE, { namespaceId: id });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 22001 });
  });

  it('should answer Nacos codes for bad input, and leave changes to administrators', async () => {
    const missing = await nacosForm(baseUrl, 'PUT', NAMESPACE, { namespaceId: 'public' });
    expect(missing.status).toBe(400);
    expect(missing.json()).toEqual({ code: 10000, message: 'parameter missing', data: 'namespaceName: is required' });
    const id = uniqueId();
    await nacosForm(baseUrl, 'POST', NAMESPACE, { namespaceId: id, namespaceName: 'x' });
    const dup = await nacosForm(baseUrl, 'POST', NAMESPACE, { namespaceId: id, namespaceName: 'x' });
    expect(dup.status).toBe(409);
    expect(dup.json()).toMatchObject({ code: 22002, data: expect.stringContaining('namespaceId') });
    const byReader = await nacosForm(baseUrl, 'POST', NAMESPACE, { namespaceId: uniqueId(), namespaceName: 'y', accessToken: reader.token });
    expect(byReader.status).toBe(403);
    expect(byReader.json()).toMatchObject(DENIED);
    const readable = (await nacosForm(baseUrl, 'GET', `${NAMESPACE}/list`, { accessToken: reader.token })).json() as { data: { namespace: string }[] };
    expect(readable.data.map((n) => n.namespace)).toEqual(['public']);
  });
});

describe('Nacos v3 admin core API (/nacos/v3/admin/core/cluster, /state)', () => {
  it('should describe this node and the cluster to administrators', async () => {
    const self = (await nacosForm(baseUrl, 'GET', `${CLUSTER}/node/self`, {})).json() as { code: number; data: { ip: string; port: number; state: string; address: string } };
    expect(self).toMatchObject({ ...SUCCESS, data: { state: 'UP', port: Number(new URL(baseUrl).port) } });
    expect(self.data.address).toBe(`${self.data.ip}:${self.data.port}`);
    expect((await nacosForm(baseUrl, 'GET', `${CLUSTER}/node/list`, {})).json()).toEqual({ ...SUCCESS, data: [self.data] });
    expect((await nacosForm(baseUrl, 'GET', `${CLUSTER}/node/list`, { state: 'down' })).json()).toEqual({ ...SUCCESS, data: [] });
    const badState = await nacosForm(baseUrl, 'GET', `${CLUSTER}/node/list`, { state: 'sleepy' });
    expect(badState.status).toBe(400);
    expect(badState.json()).toMatchObject({ data: expect.stringMatching(/^state: /) });
    const byReader = await nacosForm(baseUrl, 'GET', `${CLUSTER}/node/list`, { accessToken: reader.token });
    expect(byReader.status).toBe(403);
    expect(byReader.json()).toMatchObject(DENIED);
  });

  it('should answer the server state, liveness and readiness to anyone', async () => {
    const state = await nacosForm(baseUrl, 'GET', STATE, {}, { anonymous: true });
    expect(state.json()).toMatchObject({ ...SUCCESS, data: { version: expect.stringMatching(/^3\./), standalone_mode: 'standalone', auth_enabled: 'true' } });
    expect((await nacosForm(baseUrl, 'GET', `${STATE}/liveness`, {}, { anonymous: true })).json()).toEqual({ ...SUCCESS, data: 'ok' });
    expect((await nacosForm(baseUrl, 'GET', `${STATE}/readiness`, {}, { anonymous: true })).json()).toEqual({ ...SUCCESS, data: 'ok' });
  });
});
