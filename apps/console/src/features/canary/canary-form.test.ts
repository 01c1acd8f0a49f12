import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error';
import { createTranslate } from '../../i18n/translate';
import {
  formFieldOf,
  guardServiceValue,
  initialCanaryForm,
  parseGuardService,
  startFormErrors,
  toStartRequest,
} from './canary-form';

const t = createTranslate('en');

describe('toStartRequest', () => {
  it('should send a weighted target with trimmed, de-duplicated addresses and tags and no plan', () => {
    const values = {
      ...initialCanaryForm('a=2\n'),
      ips: [' 10.0.0.1', '10.0.0.1', '', '10.0.0.2 '],
      tags: ['canary', 'canary'],
      weight: 30,
    };
    expect(toStartRequest(values, 'properties')).toEqual({
      content: 'a=2\n',
      type: 'properties',
      target: { ips: ['10.0.0.1', '10.0.0.2'], tags: ['canary'], weight: 30 },
    });
  });

  it('should turn plan steps into milliseconds and leave the weight to the first step', () => {
    const values = {
      ...initialCanaryForm('x: 1\n'),
      weight: 70,
      usePlan: true,
      steps: [
        { weight: 5, bakeSeconds: 90 },
        { weight: 100, bakeSeconds: 0.5 },
      ],
      guardService: guardServiceValue({ groupName: 'DEFAULT_GROUP', serviceName: 'payments' }),
      maxUnhealthyPercent: 25,
    };
    expect(toStartRequest(values, 'yaml')).toEqual({
      content: 'x: 1\n',
      type: 'yaml',
      target: { ips: [], tags: [] },
      plan: {
        steps: [
          { weight: 5, bakeMs: 90_000 },
          { weight: 100, bakeMs: 500 },
        ],
        guard: { groupName: 'DEFAULT_GROUP', serviceName: 'payments', maxUnhealthyPercent: 25 },
      },
    });
  });

  it('should send a plan without a health gate when no service is chosen', () => {
    const request = toStartRequest({ ...initialCanaryForm(''), usePlan: true }, 'text');
    expect(request.plan?.guard).toBeNull();
    expect(request.plan?.steps).toEqual([
      { weight: 10, bakeMs: 300_000 },
      { weight: 50, bakeMs: 600_000 },
      { weight: 100, bakeMs: 0 },
    ]);
  });
});

describe('guard service values', () => {
  it('should round-trip a group and a service name through one select value', () => {
    const value = guardServiceValue({ groupName: 'g.1', serviceName: 'svc:a-b' });
    expect(parseGuardService(value)).toEqual({ groupName: 'g.1', serviceName: 'svc:a-b' });
    expect(parseGuardService(undefined)).toBeUndefined();
    expect(parseGuardService('no-separator')).toBeUndefined();
  });
});

describe('server errors on the start form', () => {
  it('should place each server field on its form field', () => {
    expect(formFieldOf('target.ips')).toEqual(['ips']);
    expect(formFieldOf('target.weight')).toEqual(['weight']);
    expect(formFieldOf('plan.steps[2].bakeMs')).toEqual(['steps', 2, 'bakeSeconds']);
    expect(formFieldOf('plan.steps[0].weight')).toEqual(['steps', 0, 'weight']);
    expect(formFieldOf('plan.guard.serviceName')).toEqual(['guardService']);
    expect(formFieldOf('plan.guard.maxUnhealthyPercent')).toEqual(['maxUnhealthyPercent']);
    expect(formFieldOf('plan.steps')).toBeUndefined();
  });

  it('should put violations on fields, mark content syntax errors in the editor and sum up the rest', () => {
    const error = new ApiError('VALIDATION_FAILED', 400, 'bad', [
      { field: 'target.ips', rule: 'format', message: 'must be addresses' },
      { field: 'content', rule: 'syntax', message: 'line 2, column 3: bad', line: 2, column: 3 },
      { field: 'plan.steps[1].weight', rule: 'order', message: 'must not go down' },
      { field: 'plan.steps', rule: 'length', message: 'too many' },
    ]);
    expect(startFormErrors(error, t)).toEqual({
      fields: [
        { name: ['ips'], errors: ['must be addresses'] },
        { name: ['content'], errors: ['line 2, column 3: bad'] },
        { name: ['steps', 1, 'weight'], errors: ['must not go down'] },
      ],
      summary: 'plan.steps: too many',
      diagnostics: [{ line: 2, column: 3, message: 'line 2, column 3: bad' }],
    });
  });

  it('should show other errors above the form in the words used everywhere', () => {
    const error = new ApiError('CANARY_ALREADY_ACTIVE', 409, 'active');
    expect(startFormErrors(error, t)).toEqual({
      fields: [],
      summary:
        'A canary release is already running for this configuration; promote or abort it first.',
      diagnostics: [],
    });
    expect(startFormErrors(new ApiError('CONFIG_TOO_LARGE', 413, 'big'), t).fields).toEqual([
      { name: ['content'], errors: ['The content is larger than the server accepts.'] },
    ]);
  });
});
