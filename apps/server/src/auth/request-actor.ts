import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { clientIpOf } from '../common/http/client-ip';
import { actorFor, type Actor } from '../identity/actor';

// The actor of a request the guard has seen: the signed-in user and the client's address; a
// self-declared author (Nacos `src_user`) counts only when authentication is off.
export function actorOf(request: FastifyRequest, declaredAuthor?: string): Actor {
  return actorFor(request.principal, clientIpOf(request), declaredAuthor);
}

// The actor of the request, as a route handler parameter.
export const RequestActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => actorOf(context.switchToHttp().getRequest<FastifyRequest>()));
