import { CONFIG_CENTER_ENDPOINTS as C, NAMESPACES_ENDPOINTS as N } from '@switchboard/shared';
import { describe, expect, inject, it } from 'vitest';
import { call, nacosForm, uniqueId } from '../../support/api';

const baseUrl = inject('baseUrl');

describe('Nacos auth API (login, users, roles, permissions)', () => {
  it('should let an admin create a user, bind a role and grant a namespace, which the user then uses', async () => {
    const namespaceId = uniqueId('nacosauth');
    await call(baseUrl, N.createNamespace, { body: { namespaceId, name: 'nacos auth' } });
    await call(baseUrl, C.publishConfig, { params: { namespaceId, group: 'G', dataId: 'app.properties' }, body: { content: 'k=v' } });
    const username = uniqueId('nacosuser');
    const role = `ROLE_${username}`;
    expect((await nacosForm(baseUrl, 'POST', '/nacos/v1/auth/users', { username, password: 'nacos-user-pw' })).json()).toMatchObject({ code: 200, message: 'create user ok!' });
    expect((await nacosForm(baseUrl, 'POST', '/nacos/v1/auth/roles', { role, username })).json()).toMatchObject({ code: 200 });
    expect((await nacosForm(baseUrl, 'POST', '/nacos/v1/auth/permissions', { role, resource: `${namespaceId}:*:*`, action: 'r' })).json()).toMatchObject({ code: 200 });
    const users = (await nacosForm(baseUrl, 'GET', '/nacos/v1/auth/users', { pageNo: 1, pageSize: 500 })).json() as { pageItems: { username: string; password?: string }[] };
    expect(users.pageItems).toContainEqual({ username });
    expect(JSON.stringify(users)).not.toContain('$2');
    const permissions = (await nacosForm(baseUrl, 'GET', '/nacos/v1/auth/permissions', { role, pageNo: 1, pageSize: 10 })).json();
    expect(permissions).toMatchObject({ totalCount: 1, pageItems: [{ role, resource: `${namespaceId}:*:*`, action: 'r' }] });

    const login = await nacosForm(baseUrl, 'POST', '/nacos/v1/auth/users/login', { username, password: 'nacos-user-pw' }, { anonymous: true });
    const { accessToken, tokenTtl, globalAdmin } = login.json() as { accessToken: string; tokenTtl: number; globalAdmin: boolean };
    expect({ tokenTtl, globalAdmin }).toEqual({ tokenTtl: 18000, globalAdmin: false });
    expect((await nacosForm(baseUrl, 'GET', '/nacos/v1/cs/configs', { dataId: 'app.properties', group: 'G', tenant: namespaceId, accessToken })).text).toBe('k=v');
    expect((await nacosForm(baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId: 'app.properties', group: 'G', tenant: namespaceId, content: 'k=w', accessToken })).status).toBe(403);
    expect((await nacosForm(baseUrl, 'GET', '/nacos/v1/auth/users', { pageNo: 1, pageSize: 10, accessToken })).status).toBe(403);
    expect((await nacosForm(baseUrl, 'POST', '/nacos/v1/auth/login', { username, password: 'wrong-password' }, { anonymous: true })).status).toBe(403);

    expect((await nacosForm(baseUrl, 'DELETE', '/nacos/v1/auth/users', { username })).json()).toMatchObject({ code: 200 });
    expect((await nacosForm(baseUrl, 'GET', '/nacos/v1/cs/configs', { dataId: 'app.properties', group: 'G', tenant: namespaceId, accessToken })).status).toBe(403);
  });
});
