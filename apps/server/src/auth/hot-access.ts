import type { PermissionAction } from '@switchboard/shared';
import type { HotRequest } from '../common/http/hot-routes';
import type { AuthService } from './auth.service';
import { canAccess } from './principal';

// The guard's rule for a hot route: credentials from the same places (Bearer header,
// accessToken parameter or header, username and password parameters), verified before, with
// the namespace access the route needs. False: the full pipeline decides (and answers errors).
export function hotAccessAllowed(auth: AuthService, request: HotRequest, namespaceId: string, action: PermissionAction): boolean {
  const authorization = request.headers.authorization;
  const header = request.headers.accesstoken;
  const principal = auth.authenticateCached({
    bearer: authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() || undefined : undefined,
    accessToken: request.params.accessToken || (typeof header === 'string' && header ? header : undefined),
    username: request.params.username || undefined,
    password: request.params.password || undefined,
  });
  return !!principal && canAccess(principal, namespaceId, action);
}
