import { ADMIN_ROLE, ALL_NAMESPACES, type PermissionAction, type PermissionView } from '@switchboard/shared';

// The authenticated principal: who signed in, with everything the permission checks need
// (resolved once per request or connection). Access decisions read it; changes record an Actor.
export interface Principal {
  readonly username: string;
  readonly roles: readonly string[];
  readonly admin: boolean;
  readonly permissions: readonly PermissionView[];
  // Signed in with an access token granted publish-direct (see Actor.publishDirect).
  readonly publishDirect?: true;
}

// With AUTH_ENABLED=false every caller is this administrator.
export const DEVELOPMENT_PRINCIPAL: Principal = { username: 'anonymous', roles: [ADMIN_ROLE], admin: true, permissions: [] };

// Pure: may this principal do `action` in this namespace? write and review each include read;
// neither includes the other (editing and approving are separate rights).
export function canAccess(principal: Principal, namespaceId: string, action: PermissionAction): boolean {
  if (principal.admin) return true;
  return principal.permissions.some((p) => (p.namespaceId === namespaceId || p.namespaceId === ALL_NAMESPACES) && (p.action === action || action === 'read'));
}
