import type { CurrentUserView, UserView } from '@switchboard/shared';
import type { AuthDirectory } from '../auth-directory';
import type { UserEntity } from '../domain/auth.entities';
import type { Principal } from '../principal';

export function presentCurrentUser(principal: Principal, authEnabled: boolean): CurrentUserView {
  return { username: principal.username, roles: [...principal.roles], admin: principal.admin, permissions: [...principal.permissions], authEnabled };
}

export function presentUser(user: UserEntity, directory: AuthDirectory, nowMs: number): UserView {
  const locked = Boolean(user.lockedUntil && user.lockedUntil.getTime() > nowMs);
  return { username: user.username, roles: directory.roles(user.username), locked, lockedUntil: locked ? user.lockedUntil!.toISOString() : null, createdAt: user.createdAt.toISOString() };
}
