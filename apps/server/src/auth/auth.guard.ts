import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ACCESS_REQUIREMENT, type AccessRequirement } from './access.decorators';
import { AuthService, type Credentials } from './auth.service';
import { forbidden, namespaceForbidden, noCredentials } from './domain/auth.errors';
import { clientIpOf } from './caller';
import { canAccess, type Principal } from './principal';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

// The credentials a request carries, in every form the supported clients send them.
export function credentialsOf(request: FastifyRequest): Credentials {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
  const authorization = request.headers.authorization;
  return {
    bearer: authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() || undefined : undefined,
    accessToken: text(body.accessToken) ?? text(query.accessToken) ?? text(request.headers.accesstoken),
    username: text(body.username) ?? text(query.username),
    password: text(body.password) ?? text(query.password),
    address: clientIpOf(request),
  };
}

// The one guard every HTTP route passes: who is calling (same rules for our API and the Nacos
// API), then the route's declared requirement. Headers such as User-Agent never grant anything.
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const requirement = this.reflector.getAllAndOverride<AccessRequirement | undefined>(ACCESS_REQUIREMENT, [context.getHandler(), context.getClass()]);
    if (!requirement) throw forbidden('this route declares no access rule');
    if (requirement.kind === 'public') return true;
    const principal = await this.auth.authenticate(credentialsOf(request));
    if (!principal) throw noCredentials();
    request.principal = principal;
    switch (requirement.kind) {
      case 'authenticated':
        return true;
      case 'admin':
        if (!principal.admin) throw forbidden('administrators only');
        return true;
      case 'namespace': {
        const namespaceId = requirement.namespace(request);
        if (!canAccess(principal, namespaceId, requirement.action)) throw namespaceForbidden(requirement.action, namespaceId);
        return true;
      }
    }
  }
}
