import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { clientIpOf } from '../common/http/client-ip';
import { ACCESS_REQUIREMENT, type AccessParams, type AccessRequirement } from '../identity/access';
import type { Principal } from '../identity/principal';
import { checkRequirement, credentialsFrom } from './access-checks';
import { AuthService } from './auth.service';
import { forbidden, noCredentials } from './domain/auth.errors';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

// A request's parameters as the access rules read them: the form's value of a name, else the
// query's (as the Nacos parameter merging takes them), and the path's.
export function accessParamsOf(request: FastifyRequest): AccessParams {
  return {
    param(name) {
      for (const source of [request.body, request.query]) {
        if (source && typeof source === 'object' && name in source) {
          const value = (source as Record<string, unknown>)[name];
          if (typeof value === 'string') return value;
        }
      }
      return undefined;
    },
    pathParam: (name) => (request.params as Record<string, string> | undefined)?.[name],
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
    const params = accessParamsOf(request);
    const principal = await this.auth.authenticate(credentialsFrom(request.headers, params, clientIpOf(request)));
    if (!principal) throw noCredentials();
    request.principal = principal;
    checkRequirement(principal, requirement, params);
    return true;
  }
}
