import { useContext, useMemo } from 'react';
import { AuthContext, type AuthValue } from './auth-context';
import { permissionsOf, type Permissions } from './permissions';

export function useAuth(): AuthValue {
  return useContext(AuthContext);
}

// The signed-in user (from GET /api/v1/auth/me or the login answer); undefined while signed out.
export function useCurrentUser() {
  return useContext(AuthContext).user;
}

// `const { canWrite, isAdmin } = usePermissions()` in any page.
export function usePermissions(): Permissions {
  const user = useCurrentUser();
  return useMemo(() => permissionsOf(user), [user]);
}
