import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal';

declare module 'fastify' {
  interface FastifyRequest {
    // The client's address (plain IPv4 for IPv4 peers), read when the request arrived.
    clientIp: string;
  }
}

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
  return callerFor(request.principal, clientIpOf(request));
}

// The client's address as it was when the request arrived (registerHttpHooks keeps it): a
// client that has reset its connection since leaves a socket that no longer knows its peer.
export function clientIpOf(request: FastifyRequest): string {
  return request.clientIp || plainIp(request.ip);
}

// IPv4 peers of a dual-stack socket show as ::ffff:a.b.c.d; a socket already closed when it was
// asked knows no address ('').
export function plainIp(ip: string | undefined): string {
  if (!ip) return '';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

// The caller of the request, as a route handler parameter.
export const RequestCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => callerOf(context.switchToHttp().getRequest<FastifyRequest>()));
