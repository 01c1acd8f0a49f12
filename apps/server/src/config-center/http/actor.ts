import type { FastifyRequest } from 'fastify';
import { DEVELOPMENT_PRINCIPAL, type Principal } from '../../auth/principal';
import { callerFor, clientIpOf } from '../../auth/caller';
import type { Actor } from '../config-publish.service';

// Who made a change, for the history: the signed-in user. A self-declared author (Nacos
// `src_user`) is used only when authentication is off; the audit trail always names the
// signed-in user.
export function actorOf(request: FastifyRequest, declaredAuthor?: string): Actor {
  return actorFor(request.principal, clientIpOf(request), declaredAuthor);
}

export function actorFor(principal: Principal | undefined, sourceIp: string, declaredAuthor?: string): Actor {
  const author = principal && principal !== DEVELOPMENT_PRINCIPAL ? principal.username : declaredAuthor || 'anonymous';
  return { ...callerFor(principal, sourceIp), author };
}
