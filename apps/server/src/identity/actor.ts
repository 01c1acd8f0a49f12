import { DEVELOPMENT_PRINCIPAL, type Principal } from './principal';

// The actor of a change, as the audit trail and the history record it: the signed-in user
// ("anonymous" on a public route, "system" for the server's own changes: expiries, health
// verdicts, plan steps, closed connections) and the client's address. Every command that
// changes something is handed its actor, and the domain event it causes carries it: nothing has
// to follow a request through its awaits.
export interface Actor {
  readonly user: string;
  readonly sourceIp: string;
  // The author a client declared (Nacos `src_user`), kept only when authentication is off: the
  // history then shows it; the audit trail always names `user`.
  readonly declaredAuthor?: string;
  // Cluster mode: the change was made, and audited, on another node; this node only learnt of it.
  readonly remote?: boolean;
  // The caller's token was granted publish-direct: it changes configs where review is required
  // (every such change is audited with it).
  readonly publishDirect?: true;
  // The change carries out this approved change request (its review is the authority).
  readonly changeRequest?: string;
}

export const SYSTEM_ACTOR: Actor = { user: 'system', sourceIp: '' };

export function actorFor(principal: Principal | undefined, sourceIp: string, declaredAuthor?: string): Actor {
  const user = principal?.username ?? 'anonymous';
  const signedIn = principal !== undefined && principal !== DEVELOPMENT_PRINCIPAL;
  if (principal?.publishDirect) return { user, sourceIp, publishDirect: true };
  return !signedIn && declaredAuthor ? { user, sourceIp, declaredAuthor } : { user, sourceIp };
}

// The name a config's history shows as the author of a change.
export function authorOf(actor: Actor): string {
  return actor.declaredAuthor || actor.user;
}
