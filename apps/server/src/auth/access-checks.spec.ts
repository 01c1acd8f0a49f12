import { describe, expect, it } from 'vitest';
import { requireAccess } from './access-checks';
import { canAccess, type Principal } from '../identity/principal';

const user = (permissions: Principal['permissions'], admin = false): Principal => ({ username: 'u', roles: ['r'], admin, permissions });

describe('canAccess', () => {
  it('should let write include read but not the other way round', () => {
    const writer = user([{ role: 'r', namespaceId: 'dev', action: 'write' }]);
    const reader = user([{ role: 'r', namespaceId: 'dev', action: 'read' }]);
    expect(canAccess(writer, 'dev', 'read')).toBe(true);
    expect(canAccess(writer, 'dev', 'write')).toBe(true);
    expect(canAccess(reader, 'dev', 'read')).toBe(true);
    expect(canAccess(reader, 'dev', 'write')).toBe(false);
  });

  it('should keep each namespace apart, except for * and administrators', () => {
    expect(canAccess(user([{ role: 'r', namespaceId: 'dev', action: 'write' }]), 'prod', 'read')).toBe(false);
    expect(canAccess(user([{ role: 'r', namespaceId: '*', action: 'read' }]), 'prod', 'read')).toBe(true);
    expect(canAccess(user([], true), 'anything', 'write')).toBe(true);
    expect(canAccess(user([]), 'public', 'read')).toBe(false);
  });

  it('should throw FORBIDDEN naming the namespace when access is missing', () => {
    expect(() => requireAccess(user([]), 'prod', 'write')).toThrow('write access to namespace "prod" is required');
    expect(() => requireAccess(undefined, 'prod', 'read')).toThrow(/forbidden/);
  });
});
