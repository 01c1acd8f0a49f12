import { defineEndpoint } from '../common/endpoint';
import type { Page } from '../common/page';
import type {
  AccessTokenView,
  AuditEventView,
  BindRoleRequest,
  ChangePasswordRequest,
  CreateAccessTokenRequest,
  CreateUserRequest,
  CreatedAccessTokenView,
  CurrentUserView,
  GrantPermissionRequest,
  ListAuditQuery,
  LoginRequest,
  LoginView,
  PermissionView,
  RevokePermissionQuery,
  RoleView,
  UserView,
} from './auth.types';

export const AUTH_ENDPOINTS = {
  login: defineEndpoint<void, void, LoginRequest, LoginView>('POST', '/api/v1/auth/login'),
  me: defineEndpoint<void, void, void, CurrentUserView>('GET', '/api/v1/auth/me'),
  listUsers: defineEndpoint<void, void, void, UserView[]>('GET', '/api/v1/users'),
  createUser: defineEndpoint<void, void, CreateUserRequest, UserView>('POST', '/api/v1/users'),
  deleteUser: defineEndpoint<{ username: string }, void, void, void>('DELETE', '/api/v1/users/:username'),
  unlockUser: defineEndpoint<{ username: string }, void, void, UserView>('POST', '/api/v1/users/:username/unlock'),
  changePassword: defineEndpoint<{ username: string }, void, ChangePasswordRequest, void>('PUT', '/api/v1/users/:username/password'),
  listRoles: defineEndpoint<void, void, void, RoleView[]>('GET', '/api/v1/roles'),
  bindRole: defineEndpoint<void, void, BindRoleRequest, RoleView>('POST', '/api/v1/roles'),
  unbindRole: defineEndpoint<{ role: string; username: string }, void, void, void>('DELETE', '/api/v1/roles/:role/users/:username'),
  listPermissions: defineEndpoint<void, void, void, PermissionView[]>('GET', '/api/v1/permissions'),
  grantPermission: defineEndpoint<void, void, GrantPermissionRequest, PermissionView>('POST', '/api/v1/permissions'),
  revokePermission: defineEndpoint<void, RevokePermissionQuery, void, void>('DELETE', '/api/v1/permissions'),
  listAccessTokens: defineEndpoint<void, void, void, AccessTokenView[]>('GET', '/api/v1/access-tokens'),
  createAccessToken: defineEndpoint<void, void, CreateAccessTokenRequest, CreatedAccessTokenView>('POST', '/api/v1/access-tokens'),
  revokeAccessToken: defineEndpoint<{ id: string }, void, void, void>('DELETE', '/api/v1/access-tokens/:id'),
  // Tokens of another user (a service account), administrators only.
  listUserAccessTokens: defineEndpoint<{ username: string }, void, void, AccessTokenView[]>('GET', '/api/v1/users/:username/access-tokens'),
  createUserAccessToken: defineEndpoint<{ username: string }, void, CreateAccessTokenRequest, CreatedAccessTokenView>('POST', '/api/v1/users/:username/access-tokens'),
  revokeUserAccessToken: defineEndpoint<{ username: string; id: string }, void, void, void>('DELETE', '/api/v1/users/:username/access-tokens/:id'),
  listAudit: defineEndpoint<void, ListAuditQuery, void, Page<AuditEventView>>('GET', '/api/v1/audit'),
} as const;
