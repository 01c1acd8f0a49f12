import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from './principal';

export interface RequestContext {
  principal?: Principal; // set once the caller is known
  sourceIp: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
let running = 0;

function settled(): void {
  running -= 1;
  if (running === 0) storage.disable();
}

// The caller of the request being served, for code that runs inside it without being handed it
// (the audit trail listens to domain events, which carry no caller). Requests that change
// something run their work in a context (the full pipeline's handlers, the hot publish).
//
// On Node 20 an enabled AsyncLocalStorage runs a hook for every async resource and promise the
// process creates, whether or not inside a context: a tenth of a cached read's CPU time
// (bench/PROFILE.md). So the storage is enabled only while some work runs in a context, and
// turned off when the last one has settled; reads and heartbeats answered meanwhile pay nothing.
export const requestContext = {
  // Runs `work` in `context` until it returns, or until the promise it returns settles.
  run<R>(context: RequestContext, work: () => R): R {
    running += 1;
    let result: R;
    try {
      result = storage.run(context, work);
    } catch (error) {
      settled();
      throw error;
    }
    if (result instanceof Promise) result.then(settled, settled);
    else settled();
    return result;
  },

  getStore(): RequestContext | undefined {
    return running > 0 ? storage.getStore() : undefined;
  },

  // Whether the storage is on (for specs).
  get enabled(): boolean {
    return running > 0;
  },
};

export function currentCaller(): { actor: string; sourceIp: string } {
  const context = requestContext.getStore();
  if (!context) return { actor: 'system', sourceIp: '' };
  return { actor: context.principal?.username ?? 'anonymous', sourceIp: context.sourceIp };
}

// IPv4 peers of a dual-stack socket show as ::ffff:a.b.c.d.
export function plainIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
