import { AUTH_ENDPOINTS, type PermissionAction } from '@switchboard/shared';
import { call, uniqueId } from './api';

export interface TestUser {
  username: string;
  password: string;
  token: string;
}

// Creates a user with its own role holding the given namespace permissions, and signs it in.
export async function createUser(baseUrl: string, adminToken: string, grants: { namespaceId: string; action: PermissionAction }[]): Promise<TestUser> {
  const admin = { authorization: `Bearer ${adminToken}` };
  const username = uniqueId('user');
  const password = `pw-${uniqueId('x')}`;
  const role = `role-${username}`;
  const created = await call(baseUrl, AUTH_ENDPOINTS.createUser, { body: { username, password }, headers: admin });
  if (created.status !== 200 && created.status !== 201) throw new Error(`create user: ${created.status} ${JSON.stringify(created.body)}`);
  await call(baseUrl, AUTH_ENDPOINTS.bindRole, { body: { role, username }, headers: admin });
  for (const grant of grants) await call(baseUrl, AUTH_ENDPOINTS.grantPermission, { body: { role, ...grant }, headers: admin });
  const login = await call(baseUrl, AUTH_ENDPOINTS.login, { body: { username, password }, headers: { authorization: '' } });
  if (login.status !== 200) throw new Error(`login: ${login.status}`);
  return { username, password, token: login.body.accessToken };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
