import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal';

// Who made a change, for the audit trail: the signed-in user ("anonymous" on a public route)
// and the client's address; "system" for the server's own changes (expiries, health verdicts,
// plan steps, closed connections). Every command that changes something is handed its caller, and the
// domain event it causes carries it: nothing has to follow a request through its awaits.
export interface Caller {
  readonly user: string;
  readonly sourceIp: string;
  // Cluster mode: the change was made, and audited, on another node; this node only learnt of it.
  readonly remote?: boolean;
}

export const SYSTEM_CALLER: Caller = { user: 'system', sourceIp: '' };

export function callerFor(principal: Principal | undefined, sourceIp: string): Caller {
  return { user: principal?.username ?? 'anonymous', sourceIp };
}

// The caller of a request the guard has seen.
export function callerOf(request: FastifyRequest): Caller {
  return callerFor(request.principal, plainIp(request.ip));
}

// IPv4 peers of a dual-stack socket show as ::ffff:a.b.c.d.
export function plainIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

// The caller of the request, as a route handler parameter.
export const RequestCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => callerOf(context.switchToHttp().getRequest<FastifyRequest>()));
