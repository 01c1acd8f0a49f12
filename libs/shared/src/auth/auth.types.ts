import type { PageQuery } from '../common/page';

// The built-in role: every permission on every namespace, and user administration.
export const ADMIN_ROLE = 'admin';
// A permission on this namespace id applies to every namespace.
export const ALL_NAMESPACES = '*';

// write and review each include read; neither includes the other (an editor need not approve,
// a reviewer need not edit).
export type PermissionAction = 'read' | 'write' | 'review';
export const PERMISSION_ACTIONS: readonly PermissionAction[] = ['read', 'write', 'review'];

export interface PermissionView {
  role: string;
  namespaceId: string; // or "*" for every namespace
  action: PermissionAction;
}

export interface CurrentUserView {
  username: string;
  roles: string[];
  admin: boolean;
  permissions: PermissionView[];
  authEnabled: boolean; // false: the server runs without authentication (development only)
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface LoginView {
  accessToken: string; // send as "Authorization: Bearer <token>"
  tokenType: 'Bearer';
  expiresAt: string; // ISO 8601
  user: CurrentUserView;
}

// A client address locked out for a user after repeated failed logins from it; the user signs in
// from anywhere else as usual.
export interface LoginLockoutView {
  address: string;
  lockedUntil: string; // ISO 8601
}

export interface UserView {
  username: string;
  roles: string[];
  locked: boolean; // some client address is locked out for this user (see lockouts)
  lockouts: LoginLockoutView[];
  createdAt: string;
}

export interface CreateUserRequest {
  username: string;
  password: string;
}

export interface ChangePasswordRequest {
  password: string;
}

export interface RoleView {
  role: string;
  users: string[];
}

export interface BindRoleRequest {
  role: string;
  username: string;
}

export interface GrantPermissionRequest {
  role: string;
  namespaceId: string;
  action: PermissionAction;
}

export type RevokePermissionQuery = GrantPermissionRequest;

export interface AccessTokenView {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  // Granted by an administrator: publishes directly in namespaces whose review policy is
  // `required` (automation such as a CI pipeline); every use is audited.
  publishDirect: boolean;
}

export interface CreateAccessTokenRequest {
  name: string;
  expiresInDays?: number; // absent: never expires (until revoked)
  publishDirect?: boolean; // administrators only
}

// Returned once, at creation: the secret is never shown again.
export interface CreatedAccessTokenView extends AccessTokenView {
  token: string;
}

export interface AuditEventView {
  id: string;
  at: string;
  actor: string;
  action: string; // e.g. config.publish, instance.deregister, user.create
  targetType: 'namespace' | 'service' | 'instance' | 'config' | 'canary' | 'user' | 'role' | 'permission' | 'access-token' | 'backup' | 'change-request' | 'webhook';
  target: string;
  namespaceId: string | null;
  sourceIp: string;
  details: Record<string, string | number | boolean | null>; // never content or secrets
}

export interface ListAuditQuery extends PageQuery {
  actor?: string;
  action?: string; // prefix match: "config." lists every config change
  targetType?: string;
  namespaceId?: string;
  since?: string; // ISO 8601
  until?: string;
}

export const PASSWORD_RULES = { minLength: 8, maxLength: 128 } as const;
export const USERNAME_RULES = { pattern: /^[A-Za-z0-9_.@-]{1,64}$/ } as const;
export const ROLE_RULES = { pattern: /^[A-Za-z0-9_.-]{1,64}$/ } as const;
