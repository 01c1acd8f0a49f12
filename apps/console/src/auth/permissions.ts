import {
  ADMIN_ROLE,
  ALL_NAMESPACES,
  type CurrentUserView,
  type PermissionAction,
} from '@switchboard/shared';

// What a page may ask: an admin-only feature, or an action on a namespace.
export type Requirement = 'admin' | { action: PermissionAction; namespaceId: string };

export interface Permissions {
  isAdmin: boolean;
  canRead: (namespaceId: string) => boolean;
  canWrite: (namespaceId: string) => boolean;
  can: (requirement: Requirement) => boolean;
}

// Mirrors the server's rule so the console only offers what will be allowed: admins may do
// everything; others hold read or write per namespace ('*' = all), and write includes read.
// The server still decides; this only hides what would be refused.
export function permissionsOf(user: CurrentUserView | undefined): Permissions {
  const isAdmin = !!user && (user.admin || user.roles.includes(ADMIN_ROLE));
  const holds = (action: PermissionAction, namespaceId: string) =>
    isAdmin ||
    (user?.permissions ?? []).some(
      (p) =>
        (p.namespaceId === namespaceId || p.namespaceId === ALL_NAMESPACES) &&
        (p.action === 'write' || p.action === action),
    );
  const canRead = (namespaceId: string) => holds('read', namespaceId);
  const canWrite = (namespaceId: string) => holds('write', namespaceId);
  return {
    isAdmin,
    canRead,
    canWrite,
    can: (requirement) =>
      requirement === 'admin'
        ? isAdmin
        : requirement.action === 'write'
          ? canWrite(requirement.namespaceId)
          : canRead(requirement.namespaceId),
  };
}
