import { isIP } from 'node:net';
import { NAMING_RULES, NAMING_RULE_TEXT, type CanaryPlan, type CanaryTarget, type FieldViolation } from '@switchboard/shared';
import { fieldViolation } from '../../../common/errors/domain-error';

export const CANARY_LIMITS = { maxIps: 1000, maxSteps: 20, maxBakeMs: 7 * 24 * 3600_000, maxReasonLength: 512 } as const;

const isPercent = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100;

// Checks the parts of a target that are given; absent parts keep their value.
export function checkTarget(field: string, target: Partial<CanaryTarget> | undefined, violations: FieldViolation[]): void {
  if (target === undefined) return;
  if (target === null || typeof target !== 'object') {
    violations.push(fieldViolation(field, 'type', 'must be an object with ips, tags and weight'));
    return;
  }
  const { ips, tags, weight } = target;
  if (ips !== undefined && (!Array.isArray(ips) || ips.length > CANARY_LIMITS.maxIps || !ips.every((ip) => typeof ip === 'string' && isIP(ip) !== 0))) {
    violations.push(fieldViolation(`${field}.ips`, 'format', `must be a list of at most ${CANARY_LIMITS.maxIps} IPv4 or IPv6 addresses`));
  }
  if (tags !== undefined && (!Array.isArray(tags) || tags.length > NAMING_RULES.maxTags || !tags.every((t) => typeof t === 'string' && NAMING_RULES.tagPattern.test(t)))) {
    violations.push(fieldViolation(`${field}.tags`, 'pattern', `must be ${NAMING_RULE_TEXT.tag}`));
  }
  if (weight !== undefined && !isPercent(weight)) violations.push(fieldViolation(`${field}.weight`, 'range', 'must be a number from 0 to 100'));
}

export function checkPlan(field: string, plan: CanaryPlan | undefined, violations: FieldViolation[]): void {
  if (plan === undefined) return;
  if (plan === null || typeof plan !== 'object' || !Array.isArray(plan.steps) || plan.steps.length === 0 || plan.steps.length > CANARY_LIMITS.maxSteps) {
    violations.push(fieldViolation(`${field}.steps`, 'length', `must list 1 to ${CANARY_LIMITS.maxSteps} steps`));
    return;
  }
  let previous = 0;
  plan.steps.forEach((step, i) => {
    if (!step || typeof step !== 'object') {
      violations.push(fieldViolation(`${field}.steps[${i}]`, 'type', 'must be an object with weight and bakeMs'));
      return;
    }
    if (!isPercent(step.weight)) violations.push(fieldViolation(`${field}.steps[${i}].weight`, 'range', 'must be a number from 0 to 100'));
    else if (step.weight < previous) violations.push(fieldViolation(`${field}.steps[${i}].weight`, 'order', 'must not be below the weight of the step before'));
    else previous = step.weight;
    if (typeof step.bakeMs !== 'number' || !Number.isInteger(step.bakeMs) || step.bakeMs < 0 || step.bakeMs > CANARY_LIMITS.maxBakeMs) {
      violations.push(fieldViolation(`${field}.steps[${i}].bakeMs`, 'range', `must be an integer from 0 to ${CANARY_LIMITS.maxBakeMs} (milliseconds)`));
    }
  });
  const guard = plan.guard;
  if (guard === undefined || guard === null) return;
  if (typeof guard !== 'object') {
    violations.push(fieldViolation(`${field}.guard`, 'type', 'must be an object with groupName, serviceName and maxUnhealthyPercent'));
    return;
  }
  for (const name of ['groupName', 'serviceName'] as const) {
    const value = guard[name];
    if (typeof value !== 'string' || !value || value.length > NAMING_RULES.nameMaxLength || !NAMING_RULES.namePattern.test(value)) {
      violations.push(fieldViolation(`${field}.guard.${name}`, 'pattern', `must be ${NAMING_RULE_TEXT.name}`));
    }
  }
  if (!isPercent(guard.maxUnhealthyPercent)) violations.push(fieldViolation(`${field}.guard.maxUnhealthyPercent`, 'range', 'must be a number from 0 to 100'));
}

export function checkReason(field: string, reason: unknown, violations: FieldViolation[]): void {
  if (reason === undefined) return;
  if (typeof reason !== 'string' || reason.length > CANARY_LIMITS.maxReasonLength) {
    violations.push(fieldViolation(field, 'maxLength', `must be text of at most ${CANARY_LIMITS.maxReasonLength} characters`));
  }
}
