import type { CanaryGuardState, CanaryPlan } from '@switchboard/shared';

export interface GuardedInstance {
  id: string; // "cluster ip:port"
  ip: string;
  healthy: boolean;
}

// The health gate: of the guarded instances that received the candidate, how many are now
// unhealthy or gone. Instances that are gone are not counted while `countVanished` is false
// (just after a restart, ephemeral instances have not re-registered yet).
export function guardState(received: readonly string[], current: ReadonlyMap<string, GuardedInstance>, countVanished: boolean): CanaryGuardState {
  let unhealthy = 0;
  let vanished = 0;
  for (const id of received) {
    const instance = current.get(id);
    if (!instance) vanished += 1;
    else if (!instance.healthy) unhealthy += 1;
  }
  if (!countVanished) vanished = 0;
  const judged = received.length;
  return { received: judged, unhealthy, vanished, unhealthyPercent: judged ? ((unhealthy + vanished) / judged) * 100 : 0 };
}

export type PlanDecision = { kind: 'hold' } | { kind: 'step'; step: number } | { kind: 'promote' } | { kind: 'abort'; reason: string };

// What a running plan does now: abort when the gate is exceeded, otherwise move on once the
// current step has baked (promote after the last step).
export function decide(plan: CanaryPlan, step: number, stepStartedAtMs: number, nowMs: number, guard: CanaryGuardState | null): PlanDecision {
  if (plan.guard && guard && guard.unhealthyPercent > plan.guard.maxUnhealthyPercent) {
    const gone = guard.vanished ? ` (${guard.vanished} gone)` : '';
    return {
      kind: 'abort',
      reason: `health gate: ${guard.unhealthy + guard.vanished} of ${guard.received} instances of ${plan.guard.groupName}@@${plan.guard.serviceName} that received the candidate are unhealthy or gone${gone}, ${round(guard.unhealthyPercent)}% > ${plan.guard.maxUnhealthyPercent}%`,
    };
  }
  if (nowMs < stepStartedAtMs + plan.steps[step].bakeMs) return { kind: 'hold' };
  return step + 1 < plan.steps.length ? { kind: 'step', step: step + 1 } : { kind: 'promote' };
}

const round = (value: number) => Math.round(value * 10) / 10;
