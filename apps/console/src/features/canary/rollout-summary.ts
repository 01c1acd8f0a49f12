import type { CanaryClientView, CanaryRolloutView, CanaryView } from '@switchboard/shared';
import type { Translate } from '../../i18n/translate';

export type Holding = CanaryClientView['holds'];

export interface RolloutSummary {
  counts: Record<Holding, number> & { total: number };
  percents: Record<Holding, number>; // whole numbers that add up to 100 (all 0 without clients)
  expectedCandidate: number; // clients the target selects
  inSync: number; // clients holding what they should
  converged: boolean; // every client holds what it should
}

export const isInSync = (client: CanaryClientView) => client.holds === client.expected;

// Percentages by the largest remainder, so the bar and its labels always add up to 100.
export function wholePercents<K extends string>(counts: Record<K, number>): Record<K, number> {
  const keys = Object.keys(counts) as K[];
  const total = keys.reduce((sum, key) => sum + counts[key], 0);
  const result = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  if (total === 0) return result;
  const exact = keys.map((key) => ({ key, value: (counts[key] * 100) / total }));
  for (const { key, value } of exact) result[key] = Math.floor(value);
  let left = 100 - keys.reduce((sum, key) => sum + result[key], 0);
  const byRemainder = [...exact].sort(
    (a, b) => b.value - Math.floor(b.value) - (a.value - Math.floor(a.value)),
  );
  for (const { key } of byRemainder) {
    if (left <= 0) break;
    result[key] += 1;
    left -= 1;
  }
  return result;
}

// Counted from the client list (the server's counts are the same numbers; the list is what the
// table shows, so both agree even between two events).
export function summarizeRollout(view: Pick<CanaryRolloutView, 'clients'>): RolloutSummary {
  const counts = { stable: 0, candidate: 0, other: 0, total: 0 };
  let expectedCandidate = 0;
  let inSync = 0;
  for (const client of view.clients) {
    counts[client.holds] += 1;
    counts.total += 1;
    if (client.expected === 'candidate') expectedCandidate += 1;
    if (isInSync(client)) inSync += 1;
  }
  const { stable, candidate, other } = counts;
  return {
    counts,
    percents: wholePercents({ stable, candidate, other }),
    expectedCandidate,
    inSync,
    converged: inSync === counts.total,
  };
}

export interface PlanPosition {
  step: number; // 0-based
  stepCount: number;
  weight: number;
  nextWeight: number | null; // null on the last step (promotion follows)
  nextStepAt: string;
  remainingMs: number; // until the bake time of this step ends (0 when over)
}

// Where a running plan stands at `nowMs`; undefined without a plan.
export function planPosition(canary: CanaryView, nowMs: number): PlanPosition | undefined {
  if (!canary.plan || !canary.progress) return undefined;
  const { step, nextStepAt } = canary.progress;
  const steps = canary.plan.steps;
  return {
    step,
    stepCount: steps.length,
    weight: steps[step]?.weight ?? canary.target.weight,
    nextWeight: step + 1 < steps.length ? steps[step + 1].weight : null,
    nextStepAt,
    remainingMs: Math.max(0, new Date(nextStepAt).getTime() - nowMs),
  };
}

// `1h 05m`, `4m 09s`, `12s`: a compact countdown.
export function formatDuration(ms: number, t: Translate): string {
  const seconds = Math.ceil(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return t('canary.duration.hours', { h, m: pad(m) });
  if (m > 0) return t('canary.duration.minutes', { m, s: pad(s) });
  return t('canary.duration.seconds', { s });
}
