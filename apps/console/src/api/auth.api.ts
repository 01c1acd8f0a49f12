import {
  AUTH_ENDPOINTS as E,
  type BindRoleRequest,
  type CreateAccessTokenRequest,
  type CreateUserRequest,
  type GrantPermissionRequest,
  type ListAuditQuery,
  type LoginRequest,
} from '@switchboard/shared';
import { callEndpoint } from './http-client';

export const login = (body: LoginRequest) => callEndpoint(E.login, { body });
export const getCurrentUser = (signal?: AbortSignal) => callEndpoint(E.me, { signal });

export const listUsers = (signal?: AbortSignal) => callEndpoint(E.listUsers, { signal });
export const createUser = (body: CreateUserRequest) => callEndpoint(E.createUser, { body });
export const deleteUser = (username: string) =>
  callEndpoint(E.deleteUser, { params: { username } });
export const unlockUser = (username: string) => callEndpoint(E.unlockUser, { params: { username } });
export const changePassword = (username: string, password: string) =>
  callEndpoint(E.changePassword, { params: { username }, body: { password } });

export const listRoles = (signal?: AbortSignal) => callEndpoint(E.listRoles, { signal });
export const bindRole = (body: BindRoleRequest) => callEndpoint(E.bindRole, { body });
export const unbindRole = (role: string, username: string) =>
  callEndpoint(E.unbindRole, { params: { role, username } });

export const listPermissions = (signal?: AbortSignal) =>
  callEndpoint(E.listPermissions, { signal });
export const grantPermission = (body: GrantPermissionRequest) =>
  callEndpoint(E.grantPermission, { body });
export const revokePermission = (query: GrantPermissionRequest) =>
  callEndpoint(E.revokePermission, { query });

export const listAccessTokens = (signal?: AbortSignal) =>
  callEndpoint(E.listAccessTokens, { signal });
export const createAccessToken = (body: CreateAccessTokenRequest) =>
  callEndpoint(E.createAccessToken, { body });
export const revokeAccessToken = (id: string) =>
  callEndpoint(E.revokeAccessToken, { params: { id } });

// Tokens of another user (a service account); administrators only.
export const listUserAccessTokens = (username: string, signal?: AbortSignal) =>
  callEndpoint(E.listUserAccessTokens, { params: { username }, signal });
export const createUserAccessToken = (username: string, body: CreateAccessTokenRequest) =>
  callEndpoint(E.createUserAccessToken, { params: { username }, body });
export const revokeUserAccessToken = (username: string, id: string) =>
  callEndpoint(E.revokeUserAccessToken, { params: { username, id } });

export const listAudit = (query: ListAuditQuery, signal?: AbortSignal) =>
  callEndpoint(E.listAudit, { query, signal });
