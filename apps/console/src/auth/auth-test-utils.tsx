import type { ReactNode } from 'react';
import type { CurrentUserView, PermissionView } from '@switchboard/shared';
import { AuthContext, type AuthValue } from './auth-context';

// For component tests: a signed-in user without the provider's network calls.
export function testUser(
  overrides: Partial<CurrentUserView> & { permissions?: PermissionView[] } = {},
): CurrentUserView {
  return {
    username: 'alice',
    roles: [],
    admin: false,
    permissions: [],
    authEnabled: true,
    ...overrides,
  };
}

export const testAdmin = (): CurrentUserView =>
  testUser({ username: 'admin', roles: ['admin'], admin: true });

export function SignedIn({ user, children }: { user: CurrentUserView; children: ReactNode }) {
  const value: AuthValue = {
    status: 'signedIn',
    user,
    login: async () => user,
    logout: () => undefined,
    retry: () => undefined,
  };
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
