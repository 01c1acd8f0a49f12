import { REVIEW_POLICY_RULES, type FieldViolation, type ReviewPolicyRequest, type ReviewPolicyView } from '@switchboard/shared';
import { DomainError, fieldViolation } from '../../common/errors/domain-error';
import type { Actor } from '../../identity/actor';
import type { NamespaceEntity } from './namespace.entity';

export function checkReviewPolicy(policy: ReviewPolicyRequest, authEnabled: boolean, violations: FieldViolation[]): void {
  if (typeof policy !== 'object' || policy === null || (policy.mode !== 'off' && policy.mode !== 'required')) {
    violations.push(fieldViolation('reviewPolicy.mode', 'enum', 'must be off or required'));
    return;
  }
  const { min, max } = REVIEW_POLICY_RULES.minApprovals;
  if (policy.minApprovals !== undefined && (!Number.isInteger(policy.minApprovals) || policy.minApprovals < min || policy.minApprovals > max)) {
    violations.push(fieldViolation('reviewPolicy.minApprovals', 'range', `must be an integer from ${min} to ${max}`));
  }
  // Without authentication every caller is the same anonymous user: nobody could approve.
  if (policy.mode === 'required' && !authEnabled) {
    violations.push(fieldViolation('reviewPolicy.mode', 'authentication', 'required needs authentication on (AUTH_ENABLED=true): without it every caller is the same user and no change could be approved'));
  }
}

export function reviewPolicyOf(namespace: NamespaceEntity): ReviewPolicyView {
  return { mode: namespace.reviewMode, minApprovals: namespace.reviewMinApprovals };
}

// Whether a change made by this actor needs no review in this namespace: the policy is off, the
// change carries out an approved change request, the server makes it itself (plan steps, the
// health gate), another node made it, or a token granted publish-direct asks for it.
export function changesDirectly(namespace: NamespaceEntity, actor: Actor): boolean {
  return namespace.reviewMode !== 'required' || actor.changeRequest !== undefined || actor.user === 'system' || actor.remote === true || actor.publishDirect === true;
}

// Every way of changing a config's content ends here before anything is written.
export function requireDirectChange(namespace: NamespaceEntity, actor: Actor, what: string): void {
  if (changesDirectly(namespace, actor)) return;
  throw new DomainError(
    'REVIEW_REQUIRED',
    `${what} refused: namespace "${namespace.namespaceId}" requires review (review policy: required, ${namespace.reviewMinApprovals} approval${namespace.reviewMinApprovals === 1 ? '' : 's'}); open a change request instead`,
    { namespaceId: namespace.namespaceId, reviewPolicy: reviewPolicyOf(namespace) },
  );
}
