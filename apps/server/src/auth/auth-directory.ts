import { Injectable } from '@nestjs/common';
import { ADMIN_ROLE, type PermissionView } from '@switchboard/shared';
import type { PermissionEntity, RoleBindingEntity, UserEntity } from './domain/auth.entities';
import type { Principal } from '../identity/principal';

// Users, role bindings and permissions in memory (they are few), so resolving who a request
// is and what it may do never touches the database.
@Injectable()
export class AuthDirectory {
  private readonly users = new Map<string, UserEntity>();
  private readonly rolesOf = new Map<string, Set<string>>();
  private permissions: PermissionEntity[] = [];
  // Resolved principals, rebuilt after any change of bindings or permissions (every request
  // resolves one).
  private readonly principals = new Map<string, Principal>();

  load(users: UserEntity[], bindings: RoleBindingEntity[], permissions: PermissionEntity[]): void {
    this.principals.clear();
    this.users.clear();
    this.rolesOf.clear();
    for (const user of users) this.users.set(user.username, user);
    for (const binding of bindings) this.bind(binding.role, binding.username);
    this.permissions = [...permissions];
  }

  user(username: string): UserEntity | undefined {
    return this.users.get(username);
  }

  allUsers(): UserEntity[] {
    return [...this.users.values()].sort((a, b) => a.username.localeCompare(b.username));
  }

  putUser(user: UserEntity): void {
    this.users.set(user.username, user);
  }

  removeUser(username: string): void {
    this.principals.clear();
    this.users.delete(username);
    this.rolesOf.delete(username);
  }

  bind(role: string, username: string): void {
    this.principals.clear();
    let roles = this.rolesOf.get(username);
    if (!roles) this.rolesOf.set(username, (roles = new Set()));
    roles.add(role);
  }

  unbind(role: string, username: string): void {
    this.principals.clear();
    this.rolesOf.get(username)?.delete(role);
  }

  roles(username: string): string[] {
    return [...(this.rolesOf.get(username) ?? [])].sort();
  }

  // Every role with its users (roles exist as long as they are bound or granted something).
  allRoles(): { role: string; users: string[] }[] {
    const byRole = new Map<string, string[]>();
    for (const [username, roles] of this.rolesOf) for (const role of roles) byRole.set(role, [...(byRole.get(role) ?? []), username]);
    for (const p of this.permissions) if (!byRole.has(p.role)) byRole.set(p.role, []);
    if (!byRole.has(ADMIN_ROLE)) byRole.set(ADMIN_ROLE, []);
    return [...byRole].map(([role, users]) => ({ role, users: users.sort() })).sort((a, b) => a.role.localeCompare(b.role));
  }

  allPermissions(): PermissionView[] {
    return this.permissions.map((p) => ({ role: p.role, namespaceId: p.namespaceId, action: p.action }));
  }

  grant(permission: PermissionEntity): void {
    this.principals.clear();
    if (!this.permissions.some((p) => p.role === permission.role && p.namespaceId === permission.namespaceId && p.action === permission.action)) {
      this.permissions.push(permission);
    }
  }

  revoke(permission: PermissionView): boolean {
    this.principals.clear();
    const before = this.permissions.length;
    this.permissions = this.permissions.filter((p) => !(p.role === permission.role && p.namespaceId === permission.namespaceId && p.action === permission.action));
    return this.permissions.length !== before;
  }

  principal(username: string): Principal | undefined {
    if (!this.users.has(username)) return undefined;
    const cached = this.principals.get(username);
    if (cached) return cached;
    const roles = this.roles(username);
    const principal: Principal = {
      username,
      roles,
      admin: roles.includes(ADMIN_ROLE),
      permissions: this.allPermissions().filter((p) => roles.includes(p.role)),
    };
    this.principals.set(username, principal);
    return principal;
  }
}
