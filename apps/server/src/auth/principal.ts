import { DomainError } from '../common/errors/domain-error';
import { ADMIN_ROLE, ALL_NAMESPACES, type PermissionAction, type PermissionView } from '@switchboard/shared';

// Who is calling, with everything the permission checks need (resolved once per request).
export interface Principal {
  readonly username: string;
  readonly roles: readonly string[];
  readonly admin: boolean;
  readonly permissions: readonly PermissionView[];
}

// With AUTH_ENABLED=false every caller is this administrator.
export const DEVELOPMENT_PRINCIPAL: Principal = { username: 'anonymous', roles: [ADMIN_ROLE], admin: true, permissions: [] };

// Pure: may this principal do `action` in this namespace? write includes read.
export function canAccess(principal: Principal, namespaceId: string, action: PermissionAction): boolean {
  if (principal.admin) return true;
  return principal.permissions.some(
    (p) => (p.namespaceId === namespaceId || p.namespaceId === ALL_NAMESPACES) && (p.action === action || p.action === 'write'),
  );
}

export function requireAccess(principal: Principal | undefined, namespaceId: string, action: PermissionAction): void {
  if (!principal || !canAccess(principal, namespaceId, action)) {
    throw new DomainError('FORBIDDEN', `forbidden: ${action} access to namespace "${namespaceId}" is required`);
  }
}
