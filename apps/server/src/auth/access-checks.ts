import type { PermissionAction } from '@switchboard/shared';
import type { IncomingHttpHeaders } from 'node:http';
import { DomainError } from '../common/errors/domain-error';
import type { AccessParams, AccessRequirement } from '../identity/access';
import { canAccess, type Principal } from '../identity/principal';
import type { Credentials } from './auth.service';
import { forbidden, namespaceForbidden } from './domain/auth.errors';

export function requireAccess(principal: Principal | undefined, namespaceId: string, action: PermissionAction): void {
  if (!principal || !canAccess(principal, namespaceId, action)) {
    throw new DomainError('FORBIDDEN', `forbidden: ${action} access to namespace "${namespaceId}" is required`);
  }
}

// A signed-in principal against a route's declared requirement ('public' needs no principal and
// is never asked): the guard and the hot routes both decide with it.
export function checkRequirement(principal: Principal, requirement: AccessRequirement, request: AccessParams): void {
  switch (requirement.kind) {
    case 'public':
    case 'authenticated':
      return;
    case 'admin':
      if (!principal.admin) throw forbidden('administrators only');
      return;
    case 'namespace': {
      const namespaceId = requirement.namespace(request);
      if (!canAccess(principal, namespaceId, requirement.action)) throw namespaceForbidden(requirement.action, namespaceId);
    }
  }
}

// The credentials a request carries, in every form the supported clients send them: a Bearer
// header, an accessToken parameter or header, username and password parameters. Every HTTP
// transport (the full pipeline and the hot routes) reads them here.
export function credentialsFrom(headers: IncomingHttpHeaders, request: AccessParams, address: string): Credentials {
  const authorization = headers.authorization;
  const header = headers.accesstoken;
  return {
    bearer: authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() || undefined : undefined,
    accessToken: request.param('accessToken') || (typeof header === 'string' && header ? header : undefined),
    username: request.param('username') || undefined,
    password: request.param('password') || undefined,
    address,
  };
}
