import { beforeAll, describe, expect, inject, it } from 'vitest';
import { nacosForm, uniqueId } from '../../support/api';
import { createUser, type TestUser } from '../../support/users';

const baseUrl = inject('baseUrl');
const CLIENT = '/nacos/v3/client/ns/instance';

const SUCCESS = { code: 0, message: 'success' };
const DENIED = { code: 10001, message: 'access denied' };

let reader: TestUser;
beforeAll(async () => {
  reader = await createUser(baseUrl, inject('adminToken'), [{ namespaceId: 'public', action: 'read' }]);
});

describe('Nacos v3 client naming API (/nacos/v3/client/ns/instance)', () => {
  it('should register, list, beat and deregister, the namespace "" and "public" being the same', async () => {
    const serviceName = uniqueId('v3svc');
    const reg = await nacosForm(baseUrl, 'POST', CLIENT, { serviceName, groupName: 'G3', namespaceId: '', ip: '10.30.0.1', port: 8080, weight: 2, metadata: '{"zone":"a"}' });
    expect(reg.status).toBe(200);
    expect(reg.json()).toEqual({ ...SUCCESS, data: 'ok' });
    for (const namespaceId of ['public', '', undefined]) {
      const list = await nacosForm(baseUrl, 'GET', `${CLIENT}/list`, { serviceName, groupName: 'G3', namespaceId });
      expect(list.json()).toEqual({
        ...SUCCESS,
        data: [expect.objectContaining({ ip: '10.30.0.1', port: 8080, weight: 2, healthy: true, enabled: true, clusterName: 'DEFAULT', serviceName: `G3@@${serviceName}`, metadata: { zone: 'a' } })],
      });
    }
    const beat = await nacosForm(baseUrl, 'POST', CLIENT, { serviceName, groupName: 'G3', namespaceId: 'public', ip: '10.30.0.1', port: 8080, heartBeat: 'true' });
    expect(beat.json()).toEqual({ ...SUCCESS, data: 'ok' });
    const dereg = await nacosForm(baseUrl, 'DELETE', CLIENT, { serviceName, groupName: 'G3', namespaceId: 'public', ip: '10.30.0.1', port: 8080 });
    expect(dereg.json()).toEqual({ ...SUCCESS, data: 'ok' });
    expect((await nacosForm(baseUrl, 'GET', `${CLIENT}/list`, { serviceName, groupName: 'G3' })).json()).toEqual({ ...SUCCESS, data: [] });
  });

  it('should answer a heartbeat for an unknown instance with code 21003, so the client registers again', async () => {
    const res = await nacosForm(baseUrl, 'POST', CLIENT, { serviceName: uniqueId('v3gone'), ip: '10.30.0.9', port: 1, heartBeat: 'true' });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ code: 21003, message: 'instance not found', data: null });
  });

  it('should leave disabled instances out of the list', async () => {
    const serviceName = uniqueId('v3off');
    await nacosForm(baseUrl, 'POST', CLIENT, { serviceName, ip: '10.30.0.2', port: 1 });
    await nacosForm(baseUrl, 'POST', CLIENT, { serviceName, ip: '10.30.0.3', port: 1, enabled: 'false' });
    const list = (await nacosForm(baseUrl, 'GET', `${CLIENT}/list`, { serviceName })).json() as { data: { ip: string }[] };
    expect(list.data.map((h) => h.ip)).toEqual(['10.30.0.2']);
  });

  it('should answer 400 with code 10000 naming a missing parameter', async () => {
    const res = await nacosForm(baseUrl, 'POST', CLIENT, { serviceName: 'x', port: 1 });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ code: 10000, message: 'parameter missing', data: 'ip: is required' });
    const list = await nacosForm(baseUrl, 'GET', `${CLIENT}/list`, {});
    expect(list.status).toBe(400);
    expect(list.json()).toMatchObject({ code: 10000, data: 'serviceName: is required' });
  });

  it('should refuse a caller without credentials and a reader registering, and let a reader list', async () => {
    const serviceName = uniqueId('v3acl');
    const anonymous = await nacosForm(baseUrl, 'POST', CLIENT, { serviceName, ip: '10.30.0.4', port: 1 }, { anonymous: true });
    expect(anonymous.status).toBe(403);
    expect(anonymous.json()).toMatchObject(DENIED);
    const byReader = await nacosForm(baseUrl, 'POST', CLIENT, { serviceName, ip: '10.30.0.4', port: 1, accessToken: reader.token });
    expect(byReader.status).toBe(403);
    expect(byReader.json()).toMatchObject(DENIED);
    await nacosForm(baseUrl, 'POST', CLIENT, { serviceName, ip: '10.30.0.4', port: 1 });
    const listed = await nacosForm(baseUrl, 'GET', `${CLIENT}/list`, { serviceName, accessToken: reader.token });
    expect(listed.json()).toMatchObject({ ...SUCCESS, data: [expect.objectContaining({ ip: '10.30.0.4' })] });
  });
});
