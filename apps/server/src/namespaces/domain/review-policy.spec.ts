import type { FieldViolation } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/errors/domain-error';
import type { Actor } from '../../identity/actor';
import type { NamespaceEntity } from './namespace.entity';
import { changesDirectly, checkReviewPolicy, requireDirectChange } from './review-policy';

const rules = (policy: unknown, authEnabled = true) => {
  const violations: FieldViolation[] = [];
  checkReviewPolicy(policy as never, authEnabled, violations);
  return violations.map((v) => `${v.field}:${v.rule}`);
};

const namespace = (reviewMode: 'off' | 'required', reviewMinApprovals = 1) => ({ namespaceId: 'prod', reviewMode, reviewMinApprovals }) as NamespaceEntity;
const alice: Actor = { user: 'alice', sourceIp: '10.0.0.1' };

describe('review policy rules', () => {
  it('should accept off and required with 1 to 10 approvals', () => {
    expect(rules({ mode: 'off' })).toEqual([]);
    expect(rules({ mode: 'required', minApprovals: 10 })).toEqual([]);
    expect(rules({ mode: 'sometimes' })).toEqual(['reviewPolicy.mode:enum']);
    expect(rules(null)).toEqual(['reviewPolicy.mode:enum']);
    expect(rules({ mode: 'required', minApprovals: 0 })).toEqual(['reviewPolicy.minApprovals:range']);
    expect(rules({ mode: 'required', minApprovals: 1.5 })).toEqual(['reviewPolicy.minApprovals:range']);
  });

  it('should refuse required without authentication, where nobody could approve', () => {
    expect(rules({ mode: 'required' }, false)).toEqual(['reviewPolicy.mode:authentication']);
    expect(rules({ mode: 'off' }, false)).toEqual([]);
  });
});

describe('direct changes', () => {
  it('should pass anything where the policy is off', () => {
    expect(changesDirectly(namespace('off'), alice)).toBe(true);
  });

  it('should pass only reviewed, system, replicated and publish-direct changes where review is required', () => {
    const prod = namespace('required', 2);
    expect(changesDirectly(prod, alice)).toBe(false);
    expect(changesDirectly(prod, { ...alice, changeRequest: 'cr-1' })).toBe(true);
    expect(changesDirectly(prod, { ...alice, publishDirect: true })).toBe(true);
    expect(changesDirectly(prod, { user: 'system', sourceIp: '' })).toBe(true);
    expect(changesDirectly(prod, { ...alice, remote: true })).toBe(true);
  });

  it('should refuse with REVIEW_REQUIRED naming the namespace and its policy', () => {
    let error: unknown;
    try {
      requireDirectChange(namespace('required', 2), alice, 'a publish of config "G/a"');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'REVIEW_REQUIRED', details: { namespaceId: 'prod', reviewPolicy: { mode: 'required', minApprovals: 2 } } });
    expect((error as Error).message).toBe('a publish of config "G/a" refused: namespace "prod" requires review (review policy: required, 2 approvals); open a change request instead');
  });
});
