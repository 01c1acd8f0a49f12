import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from './principal';

export interface RequestContext {
  principal?: Principal; // set by the guard once the caller is known
  sourceIp: string;
}

// The caller of the request being served, for code that runs inside it without being handed it
// (the audit trail listens to domain events, which carry no caller).
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentCaller(): { actor: string; sourceIp: string } {
  const context = requestContext.getStore();
  if (!context) return { actor: 'system', sourceIp: '' };
  return { actor: context.principal?.username ?? 'anonymous', sourceIp: context.sourceIp };
}

// IPv4 peers of a dual-stack socket show as ::ffff:a.b.c.d.
export function plainIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
