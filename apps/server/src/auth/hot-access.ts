import type { HotRequest } from '../common/http/hot-routes';
import type { AccessParams, AccessRequirement } from '../identity/access';
import { canAccess, type Principal } from '../identity/principal';
import { checkRequirement, credentialsFrom } from './access-checks';
import type { AuthService } from './auth.service';
import { noCredentials } from './domain/auth.errors';

// The guard's rule for a hot route, with the requirement its controller declares
// (accessRequirementOf): the same credentials, the same checks.

function paramsOf(request: HotRequest): AccessParams {
  return { param: (name) => request.params[name], pathParam: () => undefined };
}

// A route that may leave the request to the full pipeline: true only when the caller was
// verified before (cached) and passes; otherwise the full pipeline decides (and answers errors).
export function hotAccessAllowed(auth: AuthService, request: HotRequest, requirement: AccessRequirement): boolean {
  if (requirement.kind === 'public') return true;
  const params = paramsOf(request);
  const principal = auth.authenticateCached(credentialsFrom(request.headers, params, request.ip));
  if (!principal) return false;
  if (requirement.kind === 'namespace') return canAccess(principal, requirement.namespace(params), requirement.action);
  return requirement.kind === 'authenticated' || principal.admin;
}

// A form route, which answers errors itself: the caller (verified now when not cached), checked
// as the guard checks; otherwise the guard's errors.
export async function hotAuthorize(auth: AuthService, request: HotRequest, requirement: AccessRequirement): Promise<Principal | undefined> {
  if (requirement.kind === 'public') return undefined;
  const params = paramsOf(request);
  const credentials = credentialsFrom(request.headers, params, request.ip);
  const principal = auth.authenticateCached(credentials) ?? (await auth.authenticate(credentials));
  if (!principal) throw noCredentials();
  checkRequirement(principal, requirement, params);
  return principal;
}
