import { describe, expect, it } from 'vitest';
import type { CanaryClientView, CanaryView } from '@switchboard/shared';
import { createTranslate } from '../../i18n/translate';
import { formatDuration, planPosition, summarizeRollout, wholePercents } from './rollout-summary';

const client = (
  n: number,
  holds: CanaryClientView['holds'],
  expected: CanaryClientView['expected'],
): CanaryClientView => ({
  clientId: `127.0.0.${n}`,
  clientIp: `127.0.0.${n}`,
  transport: 'long-poll',
  md5: holds,
  holds,
  expected,
});

describe('summarizeRollout', () => {
  it('should count who holds what, who is in sync and whether the rollout converged', () => {
    const summary = summarizeRollout({
      clients: [
        client(1, 'stable', 'stable'),
        client(2, 'candidate', 'candidate'),
        client(3, 'stable', 'candidate'), // not picked up yet
        client(4, 'other', 'stable'),
      ],
    });
    expect(summary).toEqual({
      counts: { stable: 2, candidate: 1, other: 1, total: 4 },
      percents: { stable: 50, candidate: 25, other: 25 },
      expectedCandidate: 2,
      inSync: 2,
      converged: false,
    });
  });

  it('should call a rollout converged when every client holds what it should, and an empty one too', () => {
    expect(summarizeRollout({ clients: [client(1, 'candidate', 'candidate')] }).converged).toBe(
      true,
    );
    expect(summarizeRollout({ clients: [] })).toMatchObject({
      counts: { total: 0 },
      percents: { stable: 0, candidate: 0, other: 0 },
      converged: true,
    });
  });
});

describe('wholePercents', () => {
  it('should give whole percentages that add up to 100', () => {
    expect(wholePercents({ a: 1, b: 1, c: 1 })).toEqual({ a: 34, b: 33, c: 33 });
    expect(wholePercents({ a: 14, b: 6, c: 0 })).toEqual({ a: 70, b: 30, c: 0 });
    const odd = wholePercents({ a: 2, b: 5, c: 13 });
    expect(odd.a + odd.b + odd.c).toBe(100);
  });
});

describe('planPosition', () => {
  const canary = {
    target: { ips: [], tags: [], weight: 10 },
    plan: {
      steps: [
        { weight: 10, bakeMs: 60_000 },
        { weight: 50, bakeMs: 60_000 },
      ],
      guard: null,
    },
    progress: {
      step: 0,
      stepStartedAt: '2026-01-01T00:00:00.000Z',
      nextStepAt: '2026-01-01T00:01:00.000Z',
      guard: null,
    },
  } as unknown as CanaryView;

  it('should tell the current step, the next weight and the time left', () => {
    expect(planPosition(canary, Date.parse('2026-01-01T00:00:15.000Z'))).toEqual({
      step: 0,
      stepCount: 2,
      weight: 10,
      nextWeight: 50,
      nextStepAt: '2026-01-01T00:01:00.000Z',
      remainingMs: 45_000,
    });
  });

  it('should announce promotion on the last step and never count below zero', () => {
    const last = { ...canary, progress: { ...canary.progress!, step: 1 } } as CanaryView;
    expect(planPosition(last, Date.parse('2026-01-01T00:05:00.000Z'))).toMatchObject({
      nextWeight: null,
      remainingMs: 0,
    });
    expect(planPosition({ ...canary, plan: null }, 0)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it('should write a compact countdown in the language of the console', () => {
    const en = createTranslate('en');
    expect(formatDuration(3_725_000, en)).toBe('1h 02m');
    expect(formatDuration(249_000, en)).toBe('4m 09s');
    expect(formatDuration(1_200, en)).toBe('2s');
    expect(formatDuration(65_000, createTranslate('zh'))).toBe('1 分 05 秒');
  });
});
