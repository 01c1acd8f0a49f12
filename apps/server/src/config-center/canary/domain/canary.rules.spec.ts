import type { CanaryPlan, CanaryTarget, FieldViolation } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { CANARY_LIMITS, checkPlan, checkReason, checkTarget } from './canary.rules';

// The field and rule of each violation (the messages are for people).
const summary = (violations: FieldViolation[]) =>
  violations.map(({ field, rule }) => ({ field, rule }));

const targetViolations = (target: unknown, field = 'target') => {
  const violations: FieldViolation[] = [];
  checkTarget(field, target as Partial<CanaryTarget> | undefined, violations);
  return summary(violations);
};

const planViolations = (plan: unknown, field = 'plan') => {
  const violations: FieldViolation[] = [];
  checkPlan(field, plan as CanaryPlan | undefined, violations);
  return summary(violations);
};

const reasonViolations = (reason: unknown, field = 'reason') => {
  const violations: FieldViolation[] = [];
  checkReason(field, reason, violations);
  return summary(violations);
};

const validPlan = (): CanaryPlan => ({
  steps: [
    { weight: 10, bakeMs: 60_000 },
    { weight: 50, bakeMs: 600_000 },
  ],
  guard: { groupName: 'DEFAULT_GROUP', serviceName: 'orders-api', maxUnhealthyPercent: 20 },
});

describe('checkTarget', () => {
  it('should accept a valid target, a partial one and none', () => {
    expect(
      targetViolations({
        ips: ['10.0.0.1', '::1', '2001:db8::1'],
        tags: ['canary', 'zone:a-1'],
        weight: 30,
      }),
    ).toEqual([]);
    expect(targetViolations({ ips: [], tags: [], weight: 0 })).toEqual([]);
    expect(targetViolations({ weight: 100 })).toEqual([]);
    expect(targetViolations({})).toEqual([]);
    expect(targetViolations(undefined)).toEqual([]);
  });

  it('should accept IPv6 addresses', () => {
    expect(
      targetViolations({
        ips: ['fe80::1', '2001:0db8:0000:0000:0000:ff00:0042:8329', '::ffff:192.0.2.1'],
      }),
    ).toEqual([]);
  });

  it('should reject an entry that is not an IP address', () => {
    expect(targetViolations({ ips: ['10.0.0.1', 'not-an-ip'] })).toEqual([
      { field: 'target.ips', rule: 'format' },
    ]);
    expect(targetViolations({ ips: ['host.example.com'] })).toEqual([
      { field: 'target.ips', rule: 'format' },
    ]);
    expect(targetViolations({ ips: ['10.0.0.256'] })).toEqual([
      { field: 'target.ips', rule: 'format' },
    ]);
    expect(targetViolations({ ips: ['10.0.0.0/24'] })).toEqual([
      { field: 'target.ips', rule: 'format' },
    ]);
    expect(targetViolations({ ips: [42] })).toEqual([{ field: 'target.ips', rule: 'format' }]);
    expect(targetViolations({ ips: '10.0.0.1' })).toEqual([
      { field: 'target.ips', rule: 'format' },
    ]);
  });

  it('should reject more addresses than the limit', () => {
    const ips = (count: number) =>
      Array.from({ length: count }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
    expect(targetViolations({ ips: ips(CANARY_LIMITS.maxIps) })).toEqual([]);
    expect(targetViolations({ ips: ips(CANARY_LIMITS.maxIps + 1) })).toEqual([
      { field: 'target.ips', rule: 'format' },
    ]);
  });

  it('should reject malformed tags', () => {
    expect(targetViolations({ tags: ['has space'] })).toEqual([
      { field: 'target.tags', rule: 'pattern' },
    ]);
    expect(targetViolations({ tags: ['a,b'] })).toEqual([
      { field: 'target.tags', rule: 'pattern' },
    ]);
    expect(targetViolations({ tags: [''] })).toEqual([{ field: 'target.tags', rule: 'pattern' }]);
    expect(targetViolations({ tags: 'canary' })).toEqual([
      { field: 'target.tags', rule: 'pattern' },
    ]);
    expect(targetViolations({ tags: Array.from({ length: 33 }, (_, i) => `t${i}`) })).toEqual([
      { field: 'target.tags', rule: 'pattern' },
    ]);
  });

  it('should reject a weight outside 0 to 100', () => {
    for (const weight of [-1, 100.5, 101, Number.NaN, Number.POSITIVE_INFINITY, '50', null]) {
      expect(targetViolations({ weight })).toEqual([{ field: 'target.weight', rule: 'range' }]);
    }
    expect(targetViolations({ weight: 0 })).toEqual([]);
    expect(targetViolations({ weight: 12.5 })).toEqual([]);
  });

  it('should reject a target that is not an object', () => {
    expect(targetViolations(null)).toEqual([{ field: 'target', rule: 'type' }]);
    expect(targetViolations('everyone')).toEqual([{ field: 'target', rule: 'type' }]);
  });

  it('should report every bad part under the given field', () => {
    expect(targetViolations({ ips: ['x'], tags: ['a b'], weight: 200 }, 'canary.target')).toEqual([
      { field: 'canary.target.ips', rule: 'format' },
      { field: 'canary.target.tags', rule: 'pattern' },
      { field: 'canary.target.weight', rule: 'range' },
    ]);
  });
});

describe('checkPlan', () => {
  it('should accept a valid plan, one without a guard, and none', () => {
    expect(planViolations(validPlan())).toEqual([]);
    expect(planViolations({ ...validPlan(), guard: null })).toEqual([]);
    expect(planViolations({ steps: [{ weight: 100, bakeMs: 0 }] })).toEqual([]);
    expect(planViolations(undefined)).toEqual([]);
  });

  it('should accept equal step weights and the extreme bake times', () => {
    const plan = {
      steps: [
        { weight: 0, bakeMs: 0 },
        { weight: 0, bakeMs: CANARY_LIMITS.maxBakeMs },
        { weight: 100, bakeMs: 1 },
      ],
      guard: null,
    };
    expect(planViolations(plan)).toEqual([]);
  });

  it('should reject a plan without steps or with more than 20', () => {
    const steps = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ weight: i, bakeMs: 1000 }));
    expect(CANARY_LIMITS.maxSteps).toBe(20);
    expect(planViolations({ steps: steps(20), guard: null })).toEqual([]);
    expect(planViolations({ steps: steps(21), guard: null })).toEqual([
      { field: 'plan.steps', rule: 'length' },
    ]);
    expect(planViolations({ steps: [], guard: null })).toEqual([
      { field: 'plan.steps', rule: 'length' },
    ]);
    expect(planViolations({ guard: null })).toEqual([{ field: 'plan.steps', rule: 'length' }]);
    expect(planViolations(null)).toEqual([{ field: 'plan.steps', rule: 'length' }]);
  });

  it('should reject a step weight below the one before', () => {
    const plan = {
      steps: [
        { weight: 10, bakeMs: 0 },
        { weight: 50, bakeMs: 0 },
        { weight: 30, bakeMs: 0 },
      ],
      guard: null,
    };
    expect(planViolations(plan)).toEqual([{ field: 'plan.steps[2].weight', rule: 'order' }]);
    expect(
      planViolations({
        steps: [
          { weight: 50, bakeMs: 0 },
          { weight: 30, bakeMs: 0 },
        ],
        guard: null,
      }),
    ).toEqual([{ field: 'plan.steps[1].weight', rule: 'order' }]);
  });

  it('should reject a step weight outside 0 to 100', () => {
    expect(planViolations({ steps: [{ weight: 101, bakeMs: 0 }], guard: null })).toEqual([
      { field: 'plan.steps[0].weight', rule: 'range' },
    ]);
    expect(
      planViolations({
        steps: [
          { weight: 10, bakeMs: 0 },
          { weight: -5, bakeMs: 0 },
        ],
        guard: null,
      }),
    ).toEqual([{ field: 'plan.steps[1].weight', rule: 'range' }]);
    expect(planViolations({ steps: [{ bakeMs: 0 }], guard: null })).toEqual([
      { field: 'plan.steps[0].weight', rule: 'range' },
    ]);
  });

  it('should reject a bake time that is negative, fractional, not a number or over the limit', () => {
    for (const bakeMs of [-1, 1.5, CANARY_LIMITS.maxBakeMs + 1, '1000', undefined, Number.NaN]) {
      expect(planViolations({ steps: [{ weight: 10, bakeMs }], guard: null })).toEqual([
        { field: 'plan.steps[0].bakeMs', rule: 'range' },
      ]);
    }
  });

  it('should reject a step that is not an object', () => {
    expect(planViolations({ steps: [{ weight: 10, bakeMs: 0 }, null], guard: null })).toEqual([
      { field: 'plan.steps[1]', rule: 'type' },
    ]);
  });

  it('should reject a guard naming an invalid service or group', () => {
    for (const serviceName of ['', 'orders api', 'a/b', 'a@@b', 'x'.repeat(257), 42, undefined]) {
      const plan = {
        ...validPlan(),
        guard: { groupName: 'DEFAULT_GROUP', serviceName, maxUnhealthyPercent: 20 },
      };
      expect(planViolations(plan)).toEqual([{ field: 'plan.guard.serviceName', rule: 'pattern' }]);
    }
    const badGroup = {
      ...validPlan(),
      guard: { groupName: 'my group', serviceName: 'orders-api', maxUnhealthyPercent: 20 },
    };
    expect(planViolations(badGroup)).toEqual([{ field: 'plan.guard.groupName', rule: 'pattern' }]);
  });

  it('should reject a gate outside 0 to 100', () => {
    for (const maxUnhealthyPercent of [-1, 101, Number.NaN, '20', undefined]) {
      const plan = {
        ...validPlan(),
        guard: { groupName: 'DEFAULT_GROUP', serviceName: 'orders-api', maxUnhealthyPercent },
      };
      expect(planViolations(plan)).toEqual([
        { field: 'plan.guard.maxUnhealthyPercent', rule: 'range' },
      ]);
    }
    for (const maxUnhealthyPercent of [0, 100]) {
      const plan = {
        ...validPlan(),
        guard: { groupName: 'DEFAULT_GROUP', serviceName: 'orders-api', maxUnhealthyPercent },
      };
      expect(planViolations(plan)).toEqual([]);
    }
  });

  it('should reject a guard that is not an object', () => {
    expect(planViolations({ ...validPlan(), guard: 'orders-api' })).toEqual([
      { field: 'plan.guard', rule: 'type' },
    ]);
  });

  it('should report every bad step and guard field under the given field', () => {
    const plan = {
      steps: [
        { weight: 50, bakeMs: -1 },
        { weight: 20, bakeMs: 0 },
      ],
      guard: { groupName: 'DEFAULT_GROUP', serviceName: '', maxUnhealthyPercent: 150 },
    };
    expect(planViolations(plan, 'canary.plan')).toEqual([
      { field: 'canary.plan.steps[0].bakeMs', rule: 'range' },
      { field: 'canary.plan.steps[1].weight', rule: 'order' },
      { field: 'canary.plan.guard.serviceName', rule: 'pattern' },
      { field: 'canary.plan.guard.maxUnhealthyPercent', rule: 'range' },
    ]);
  });
});

describe('checkReason', () => {
  it('should accept no reason and text up to the limit', () => {
    expect(reasonViolations(undefined)).toEqual([]);
    expect(reasonViolations('')).toEqual([]);
    expect(reasonViolations('x'.repeat(CANARY_LIMITS.maxReasonLength))).toEqual([]);
  });

  it('should reject text over the limit and anything that is not text', () => {
    expect(reasonViolations('x'.repeat(CANARY_LIMITS.maxReasonLength + 1))).toEqual([
      { field: 'reason', rule: 'maxLength' },
    ]);
    expect(reasonViolations(42)).toEqual([{ field: 'reason', rule: 'maxLength' }]);
    expect(reasonViolations(null, 'abort.reason')).toEqual([
      { field: 'abort.reason', rule: 'maxLength' },
    ]);
  });
});
