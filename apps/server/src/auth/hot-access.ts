import type { PermissionAction } from '@switchboard/shared';
import type { HotRequest } from '../common/http/hot-routes';
import type { AuthService, Credentials } from './auth.service';
import { namespaceForbidden, noCredentials } from './domain/auth.errors';
import { canAccess, type Principal } from './principal';

// The guard's rule for a hot route: credentials from the same places (Bearer header,
// accessToken parameter or header, username and password parameters), verified before, with
// the namespace access the route needs. False: the full pipeline decides (and answers errors).
export function hotAccessAllowed(auth: AuthService, request: HotRequest, namespaceId: string, action: PermissionAction): boolean {
  const principal = auth.authenticateCached(hotCredentials(request));
  return !!principal && canAccess(principal, namespaceId, action);
}

function hotCredentials(request: HotRequest): Credentials {
  const authorization = request.headers.authorization;
  const header = request.headers.accesstoken;
  return {
    bearer: authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() || undefined : undefined,
    accessToken: request.params.accessToken || (typeof header === 'string' && header ? header : undefined),
    username: request.params.username || undefined,
    password: request.params.password || undefined,
    address: request.ip,
  };
}

// The guard's whole rule for a hot form route, which answers errors itself: the caller
// (verified now when not cached), recorded in the request's context, with the namespace access
// the route needs; otherwise the guard's errors. `namespaceOf` runs once the caller is known, as
// the guard reads the namespace only after authentication.
export async function hotAuthorize(auth: AuthService, request: HotRequest, namespaceOf: () => string, action: PermissionAction): Promise<Principal> {
  const principal = await hotAuthenticate(auth, request);
  const namespaceId = namespaceOf();
  if (!canAccess(principal, namespaceId, action)) throw namespaceForbidden(action, namespaceId);
  return principal;
}

// The guard's rule for a route any signed-in caller may use (the route checks further).
export async function hotAuthenticate(auth: AuthService, request: HotRequest): Promise<Principal> {
  const credentials = hotCredentials(request);
  const principal = auth.authenticateCached(credentials) ?? (await auth.authenticate(credentials));
  if (!principal) throw noCredentials();
  return principal;
}
