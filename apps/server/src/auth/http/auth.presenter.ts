import type { CurrentUserView, UserView } from '@switchboard/shared';
import type { AuthDirectory } from '../auth-directory';
import type { UserEntity } from '../domain/auth.entities';
import type { LoginLockout } from '../login-throttle';
import type { Principal } from '../../identity/principal';

export function presentCurrentUser(principal: Principal, authEnabled: boolean): CurrentUserView {
  return { username: principal.username, roles: [...principal.roles], admin: principal.admin, permissions: [...principal.permissions], authEnabled };
}

export function presentUser(user: UserEntity, directory: AuthDirectory, lockouts: LoginLockout[]): UserView {
  return {
    username: user.username,
    roles: directory.roles(user.username),
    locked: lockouts.length > 0,
    lockouts: lockouts.map((l) => ({ address: l.address, lockedUntil: new Date(l.untilMs).toISOString() })),
    createdAt: user.createdAt.toISOString(),
  };
}
