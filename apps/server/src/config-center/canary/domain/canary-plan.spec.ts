import type { CanaryGuardState, CanaryPlan } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { decide, guardState, type GuardedInstance } from './canary-plan';

const instances = (...list: GuardedInstance[]): ReadonlyMap<string, GuardedInstance> =>
  new Map(list.map((instance) => [instance.id, instance]));

const healthyA: GuardedInstance = { id: 'DEFAULT 10.0.0.1:8080', ip: '10.0.0.1', healthy: true };
const sickB: GuardedInstance = { id: 'DEFAULT 10.0.0.2:8080', ip: '10.0.0.2', healthy: false };
const sickD: GuardedInstance = { id: 'DEFAULT 10.0.0.4:8080', ip: '10.0.0.4', healthy: false };
const goneC = 'DEFAULT 10.0.0.3:8080';

describe('guardState', () => {
  it('should count the unhealthy and the vanished among the instances that received the candidate', () => {
    const state = guardState([healthyA.id, sickB.id, goneC], instances(healthyA, sickB), true);
    expect(state).toMatchObject({ received: 3, unhealthy: 1, vanished: 1 });
    expect(state.unhealthyPercent).toBeCloseTo((2 / 3) * 100, 10);
  });

  it('should ignore instances that did not receive the candidate', () => {
    const state = guardState([healthyA.id], instances(healthyA, sickB, sickD), true);
    expect(state).toEqual({ received: 1, unhealthy: 0, vanished: 0, unhealthyPercent: 0 });

    const partly = guardState([healthyA.id, sickB.id], instances(healthyA, sickB, sickD), true);
    expect(partly).toEqual({ received: 2, unhealthy: 1, vanished: 0, unhealthyPercent: 50 });
  });

  it('should not count the vanished while countVanished is false', () => {
    const state = guardState([healthyA.id, sickB.id, goneC], instances(healthyA, sickB), false);
    expect(state).toMatchObject({ received: 3, unhealthy: 1, vanished: 0 });
    expect(state.unhealthyPercent).toBeCloseTo((1 / 3) * 100, 10);

    expect(guardState([goneC], instances(healthyA), false)).toEqual({
      received: 1,
      unhealthy: 0,
      vanished: 0,
      unhealthyPercent: 0,
    });
    expect(guardState([goneC], instances(healthyA), true)).toEqual({
      received: 1,
      unhealthy: 0,
      vanished: 1,
      unhealthyPercent: 100,
    });
  });

  it('should report 0% when no instance received the candidate', () => {
    expect(guardState([], instances(sickB, sickD), true)).toEqual({
      received: 0,
      unhealthy: 0,
      vanished: 0,
      unhealthyPercent: 0,
    });
    expect(guardState([], new Map(), false)).toEqual({
      received: 0,
      unhealthy: 0,
      vanished: 0,
      unhealthyPercent: 0,
    });
  });
});

describe('decide', () => {
  const START = 1_000_000;
  const plan: CanaryPlan = {
    steps: [
      { weight: 10, bakeMs: 60_000 },
      { weight: 50, bakeMs: 120_000 },
      { weight: 100, bakeMs: 30_000 },
    ],
    guard: { groupName: 'DEFAULT_GROUP', serviceName: 'orders-api', maxUnhealthyPercent: 20 },
  };
  const healthy: CanaryGuardState = {
    received: 10,
    unhealthy: 0,
    vanished: 0,
    unhealthyPercent: 0,
  };
  const state = (unhealthy: number, vanished: number, received = 10): CanaryGuardState => ({
    received,
    unhealthy,
    vanished,
    unhealthyPercent: ((unhealthy + vanished) / received) * 100,
  });

  it('should hold until the bake time of the current step ends', () => {
    expect(decide(plan, 0, START, START, healthy)).toEqual({ kind: 'hold' });
    expect(decide(plan, 0, START, START + 59_999, healthy)).toEqual({ kind: 'hold' });
    // Step 1 bakes for its own 120 s, not for the 60 s of step 0.
    expect(decide(plan, 1, START, START + 60_000, healthy)).toEqual({ kind: 'hold' });
    expect(decide(plan, 1, START, START + 119_999, healthy)).toEqual({ kind: 'hold' });
  });

  it('should step to the next step once the current one has baked', () => {
    expect(decide(plan, 0, START, START + 60_000, healthy)).toEqual({ kind: 'step', step: 1 });
    expect(decide(plan, 1, START, START + 120_000, healthy)).toEqual({ kind: 'step', step: 2 });
    expect(decide(plan, 0, START, START + 10 * 3600_000, healthy)).toEqual({
      kind: 'step',
      step: 1,
    });
  });

  it('should promote once the last step has baked', () => {
    expect(decide(plan, 2, START, START + 29_999, healthy)).toEqual({ kind: 'hold' });
    expect(decide(plan, 2, START, START + 30_000, healthy)).toEqual({ kind: 'promote' });
    const single: CanaryPlan = { steps: [{ weight: 5, bakeMs: 0 }], guard: null };
    expect(decide(single, 0, START, START, null)).toEqual({ kind: 'promote' });
  });

  it('should abort when the unhealthy share exceeds the gate, even before the bake time ends', () => {
    const decision = decide(plan, 0, START, START, state(2, 1));
    expect(decision.kind).toBe('abort');
    if (decision.kind !== 'abort') return;
    expect(decision.reason).toContain('DEFAULT_GROUP@@orders-api');
    expect(decision.reason).toContain('3 of 10');
    expect(decision.reason).toContain('(1 gone)');
    expect(decision.reason).toContain('30% > 20%');
  });

  it('should abort also after the bake time and on the last step', () => {
    expect(decide(plan, 0, START, START + 60_000, state(3, 0))).toMatchObject({ kind: 'abort' });
    expect(decide(plan, 2, START, START + 30_000, state(3, 0))).toMatchObject({ kind: 'abort' });
  });

  it('should round the percentage in the reason and leave out "gone" when nothing vanished', () => {
    const decision = decide(plan, 0, START, START, state(1, 0, 3));
    expect(decision.kind).toBe('abort');
    if (decision.kind !== 'abort') return;
    expect(decision.reason).toContain('1 of 3');
    expect(decision.reason).toContain('33.3% > 20%');
    expect(decision.reason).not.toContain('gone)');
  });

  it('should not abort when the unhealthy share equals the gate', () => {
    const atGate = state(2, 0);
    expect(atGate.unhealthyPercent).toBe(20);
    expect(decide(plan, 0, START, START, atGate)).toEqual({ kind: 'hold' });
    expect(decide(plan, 0, START, START + 60_000, atGate)).toEqual({ kind: 'step', step: 1 });
    expect(decide(plan, 2, START, START + 30_000, atGate)).toEqual({ kind: 'promote' });
  });

  it('should abort on any unhealthy instance when the gate is 0%', () => {
    const strict: CanaryPlan = {
      ...plan,
      guard: { groupName: 'DEFAULT_GROUP', serviceName: 'orders-api', maxUnhealthyPercent: 0 },
    };
    expect(decide(strict, 0, START, START, healthy)).toEqual({ kind: 'hold' });
    expect(decide(strict, 0, START, START, state(0, 1))).toMatchObject({ kind: 'abort' });
  });

  it('should never abort a plan without a guard', () => {
    const unguarded: CanaryPlan = { ...plan, guard: null };
    const allDown = state(4, 6);
    expect(decide(unguarded, 0, START, START, allDown)).toEqual({ kind: 'hold' });
    expect(decide(unguarded, 0, START, START + 60_000, allDown)).toEqual({ kind: 'step', step: 1 });
    expect(decide(unguarded, 2, START, START + 30_000, allDown)).toEqual({ kind: 'promote' });
  });

  it('should not abort when no guard state is known yet', () => {
    expect(decide(plan, 0, START, START, null)).toEqual({ kind: 'hold' });
    expect(decide(plan, 0, START, START + 60_000, null)).toEqual({ kind: 'step', step: 1 });
  });
});
