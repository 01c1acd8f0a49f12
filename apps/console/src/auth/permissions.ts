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
  canReview: (namespaceId: string) => boolean; // approve, reject and apply change requests
  can: (requirement: Requirement) => boolean;
}

// Mirrors the server's rule so the console only offers what will be allowed: admins may do
// everything; others hold read, write or review per namespace ('*' = all). Write and review
// each include read; neither includes the other.
// The server still decides; this only hides what would be refused.
export function permissionsOf(user: CurrentUserView | undefined): Permissions {
  const isAdmin = !!user && (user.admin || user.roles.includes(ADMIN_ROLE));
  const holds = (action: PermissionAction, namespaceId: string) =>
    isAdmin ||
    (user?.permissions ?? []).some(
      (p) =>
        (p.namespaceId === namespaceId || p.namespaceId === ALL_NAMESPACES) &&
        (p.action === action || action === 'read'),
    );
  const canRead = (namespaceId: string) => holds('read', namespaceId);
  const canWrite = (namespaceId: string) => holds('write', namespaceId);
  const canReview = (namespaceId: string) => holds('review', namespaceId);
  return {
    isAdmin,
    canRead,
    canWrite,
    canReview,
    can: (requirement) =>
      requirement === 'admin' ? isAdmin : holds(requirement.action, requirement.namespaceId),
  };
}
