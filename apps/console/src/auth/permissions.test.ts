import { describe, expect, it } from 'vitest';
import { testAdmin, testUser } from './auth-test-utils';
import { permissionsOf } from './permissions';

describe('permissionsOf', () => {
  it('should allow everything to an admin', () => {
    const can = permissionsOf(testAdmin());
    expect(can.isAdmin).toBe(true);
    expect(can.canWrite('anything')).toBe(true);
    expect(can.can('admin')).toBe(true);
  });

  it('should treat a holder of the admin role as admin even without the flag', () => {
    expect(permissionsOf(testUser({ roles: ['admin'] })).isAdmin).toBe(true);
  });

  it('should allow reading but not writing when the user holds read on the namespace', () => {
    const can = permissionsOf(
      testUser({ permissions: [{ role: 'r', namespaceId: 'public', action: 'read' }] }),
    );
    expect(can.canRead('public')).toBe(true);
    expect(can.canWrite('public')).toBe(false);
    expect(can.canRead('dev')).toBe(false);
    expect(can.isAdmin).toBe(false);
    expect(can.can('admin')).toBe(false);
  });

  it('should include read in write', () => {
    const can = permissionsOf(
      testUser({ permissions: [{ role: 'w', namespaceId: 'dev', action: 'write' }] }),
    );
    expect(can.can({ action: 'read', namespaceId: 'dev' })).toBe(true);
    expect(can.can({ action: 'write', namespaceId: 'dev' })).toBe(true);
  });

  it('should include read in review, and neither write nor review in the other', () => {
    const can = permissionsOf(
      testUser({
        permissions: [
          { role: 'r', namespaceId: 'prod', action: 'review' },
          { role: 'w', namespaceId: 'dev', action: 'write' },
        ],
      }),
    );
    expect(can.canRead('prod')).toBe(true);
    expect(can.canReview('prod')).toBe(true);
    expect(can.canWrite('prod')).toBe(false);
    expect(can.can({ action: 'review', namespaceId: 'prod' })).toBe(true);
    expect(can.canReview('dev')).toBe(false);
    expect(can.can({ action: 'review', namespaceId: 'dev' })).toBe(false);
  });

  it('should apply a permission on * to every namespace', () => {
    const can = permissionsOf(
      testUser({ permissions: [{ role: 'r', namespaceId: '*', action: 'read' }] }),
    );
    expect(can.canRead('any-namespace')).toBe(true);
    expect(can.canWrite('any-namespace')).toBe(false);
  });

  it('should allow nothing when nobody is signed in', () => {
    const can = permissionsOf(undefined);
    expect(can.canRead('public')).toBe(false);
    expect(can.isAdmin).toBe(false);
  });
});
