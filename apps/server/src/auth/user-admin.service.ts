import { Injectable } from '@nestjs/common';
import { ADMIN_ROLE, ALL_NAMESPACES, PERMISSION_ACTIONS, PASSWORD_RULES, ROLE_RULES, USERNAME_RULES, type FieldViolation, type PermissionAction, type PermissionView } from '@switchboard/shared';
import bcrypt from 'bcryptjs';
import { Clock } from '../common/clock';
import { fieldViolation, validationFailed } from '../common/errors/domain-error';
import { isUniqueViolation } from '../database/errors';
import { KnownNamespaces } from './known-namespaces';
import { AuditService } from './audit.service';
import { AuthDirectory } from './auth-directory';
import { AuthRepository } from './auth.repository';
import { AuthService, BCRYPT_ROUNDS } from './auth.service';
import { PermissionEntity, RoleBindingEntity, UserEntity } from './domain/auth.entities';
import { forbidden, userAlreadyExists, userNotFound } from './domain/auth.errors';
import type { Actor } from '../identity/actor';

function checkPassword(password: unknown, violations: FieldViolation[]): void {
  if (typeof password !== 'string' || password.length < PASSWORD_RULES.minLength || password.length > PASSWORD_RULES.maxLength) {
    violations.push(fieldViolation('password', 'length', `must be ${PASSWORD_RULES.minLength} to ${PASSWORD_RULES.maxLength} characters`));
  }
}

// Users, role bindings and permissions (administrators only; the guard checks that).
@Injectable()
export class UserAdminService {
  constructor(
    private readonly directory: AuthDirectory,
    private readonly repository: AuthRepository,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly namespaces: KnownNamespaces,
    private readonly clock: Clock,
  ) {}

  async createUser(username: string, password: string, caller: Actor): Promise<UserEntity> {
    const violations: FieldViolation[] = [];
    if (typeof username !== 'string' || !USERNAME_RULES.pattern.test(username)) violations.push(fieldViolation('username', 'pattern', 'must be 1 to 64 letters, digits or _.@-'));
    checkPassword(password, violations);
    if (violations.length) throw validationFailed(violations);
    if (this.directory.user(username)) throw userAlreadyExists(username);
    const user = Object.assign(new UserEntity(), { username, passwordHash: await bcrypt.hash(password, BCRYPT_ROUNDS), createdAt: this.clock.now() });
    // Two requests creating the same user at once: the second finds the first's row.
    await this.repository.changeDirectory((m) => m.insert(UserEntity, user)).catch((error: unknown) => {
      throw isUniqueViolation(error) ? userAlreadyExists(username) : error;
    });
    this.directory.putUser(user);
    this.audit.record({ action: 'user.create', targetType: 'user', target: username, namespaceId: null, details: {} }, caller);
    return user;
  }

  async deleteUser(username: string, caller: Actor): Promise<void> {
    if (!this.directory.user(username)) throw userNotFound(username);
    if (username === caller.user) throw forbidden('you cannot delete yourself');
    await this.repository.deleteUserCascade(username);
    this.directory.removeUser(username);
    this.auth.forgetCredentials(username);
    this.audit.record({ action: 'user.delete', targetType: 'user', target: username, namespaceId: null, details: {} }, caller);
  }

  async changePassword(username: string, password: string, caller: Actor): Promise<void> {
    const user = this.directory.user(username);
    if (!user) throw userNotFound(username);
    const violations: FieldViolation[] = [];
    checkPassword(password, violations);
    if (violations.length) throw validationFailed(violations);
    const next = Object.assign(new UserEntity(), user, { passwordHash: await bcrypt.hash(password, BCRYPT_ROUNDS) });
    await this.repository.changeDirectory((m) => m.update(UserEntity, { username }, { passwordHash: next.passwordHash }));
    this.directory.putUser(next);
    this.auth.forgetCredentials(username);
    this.audit.record({ action: 'user.password', targetType: 'user', target: username, namespaceId: null, details: {} }, caller);
    // A new password is a fresh start: addresses locked out for the user may sign in again.
    if (this.auth.lockouts(username).length) this.auth.unlock(username, caller);
  }

  async bindRole(role: string, username: string, caller: Actor): Promise<void> {
    if (typeof role !== 'string' || !ROLE_RULES.pattern.test(role)) throw validationFailed([fieldViolation('role', 'pattern', 'must be 1 to 64 letters, digits or _.-')]);
    if (!this.directory.user(username)) throw userNotFound(username);
    if (this.directory.roles(username).includes(role)) return;
    try {
      await this.repository.changeDirectory((m) => m.insert(RoleBindingEntity, Object.assign(new RoleBindingEntity(), { role, username })));
    } catch (error) {
      // Bound by a request that ran at the same time: already as asked.
      if (isUniqueViolation(error)) return;
      throw error;
    }
    this.directory.bind(role, username);
    this.audit.record({ action: 'role.bind', targetType: 'role', target: role, namespaceId: null, details: { username } }, caller);
  }

  async unbindRole(role: string, username: string, caller: Actor): Promise<void> {
    if (role === ADMIN_ROLE && username === caller.user) throw forbidden('you cannot remove your own admin role');
    if (!this.directory.roles(username).includes(role)) throw userNotFound(username);
    await this.repository.changeDirectory((m) => m.delete(RoleBindingEntity, { role, username }));
    this.directory.unbind(role, username);
    this.audit.record({ action: 'role.unbind', targetType: 'role', target: role, namespaceId: null, details: { username } }, caller);
  }

  async grant(role: string, namespaceId: string, action: PermissionAction, caller: Actor): Promise<PermissionView> {
    const violations: FieldViolation[] = [];
    if (typeof role !== 'string' || !ROLE_RULES.pattern.test(role)) violations.push(fieldViolation('role', 'pattern', 'must be 1 to 64 letters, digits or _.-'));
    if (!PERMISSION_ACTIONS.includes(action)) violations.push(fieldViolation('action', 'enum', `must be ${PERMISSION_ACTIONS.join(', ')}`));
    if (violations.length) throw validationFailed(violations);
    if (namespaceId !== ALL_NAMESPACES) this.namespaces.require(namespaceId);
    const permission = Object.assign(new PermissionEntity(), { role, namespaceId, action });
    if (!this.directory.allPermissions().some((p) => p.role === role && p.namespaceId === namespaceId && p.action === action)) {
      try {
        await this.repository.changeDirectory((m) => m.insert(PermissionEntity, permission));
      } catch (error) {
        // Granted by a request that ran at the same time: already as asked.
        if (isUniqueViolation(error)) return { role, namespaceId, action };
        throw error;
      }
      this.directory.grant(permission);
      this.audit.record({ action: 'permission.grant', targetType: 'permission', target: `${role} ${namespaceId} ${action}`, namespaceId: namespaceId === ALL_NAMESPACES ? null : namespaceId, details: { role, action } }, caller);
    }
    return { role, namespaceId, action };
  }

  async revoke(permission: PermissionView, caller: Actor): Promise<void> {
    if (!this.directory.revoke(permission)) throw validationFailed([fieldViolation('role', 'exists', 'no such permission')]);
    await this.repository.changeDirectory((m) => m.delete(PermissionEntity, { role: permission.role, namespaceId: permission.namespaceId, action: permission.action }));
    this.audit.record({ action: 'permission.revoke', targetType: 'permission', target: `${permission.role} ${permission.namespaceId} ${permission.action}`, namespaceId: null, details: {} }, caller);
  }
}
