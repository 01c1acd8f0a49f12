import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVENT_LOOP_DELAY_METRIC, EventLoopMonitor } from './event-loop-monitor';

function blockFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy: nothing else runs meanwhile
  }
}

// Polls until the condition holds (the loop turns between checks, so the sampler runs).
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  await vi.waitUntil(condition, { timeout: 4_000, interval: 5 });
}

// Samples Node's sampler has taken since the last fold.
function pendingSamples(monitor: EventLoopMonitor): number {
  return (monitor as unknown as { sampler: { count: number } }).sampler.count;
}

function series(text: string, name: string): number {
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : NaN;
}

describe('EventLoopMonitor', () => {
  let monitor: EventLoopMonitor | undefined;
  afterEach(() => monitor?.stop());

  it('should log one warning and count the stall in the histogram when the loop is blocked past the threshold', async () => {
    const warnings: string[] = [];
    // Folded only when scraped here: the samples taken meanwhile are the test's to wait for.
    monitor = new EventLoopMonitor({ stallWarnMs: 150, checkIntervalMs: 3_600_000, warn: (message) => warnings.push(message) });
    const registry = new Registry();
    registry.registerMetric(monitor.metric as never);
    monitor.start();
    // A few ordinary samples first, then the stall, then the sample that measured it.
    await until(() => pendingSamples(monitor!) >= 3);
    const before = pendingSamples(monitor);
    blockFor(400);
    await until(() => pendingSamples(monitor!) > before);
    const text = await registry.metrics();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^event loop blocked for \d+ ms \(longer than EVENT_LOOP_STALL_WARN_MS=150\)/);
    expect(Number(/blocked for (\d+) ms/.exec(warnings[0])![1])).toBeGreaterThanOrEqual(300);

    expect(text).toContain(`# TYPE ${EVENT_LOOP_DELAY_METRIC} histogram`);
    const count = series(text, `${EVENT_LOOP_DELAY_METRIC}_count`);
    const upTo250ms = series(text, `${EVENT_LOOP_DELAY_METRIC}_bucket\\{le="0.25"\\}`);
    expect(count).toBeGreaterThan(1);
    // The stall is the one sample above 250 ms.
    expect(count - upTo250ms).toBeGreaterThanOrEqual(1);
    expect(series(text, `${EVENT_LOOP_DELAY_METRIC}_sum`)).toBeGreaterThanOrEqual(0.3);

    // Folding again (a later scrape) does not warn about the same stall twice.
    monitor.fold();
    expect(warnings).toHaveLength(1);
  });

  it('should not warn while the loop keeps up', async () => {
    const warnings: string[] = [];
    monitor = new EventLoopMonitor({ stallWarnMs: 1000, checkIntervalMs: 10, warn: (message) => warnings.push(message) });
    const registry = new Registry();
    registry.registerMetric(monitor.metric as never);
    monitor.start();
    // Several folds of ordinary samples, then a short block below the threshold.
    await until(async () => series(await registry.metrics(), `${EVENT_LOOP_DELAY_METRIC}_count`) >= 5);
    blockFor(50);
    const text = await registry.metrics();
    expect(series(text, `${EVENT_LOOP_DELAY_METRIC}_count`)).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
  });

  it('should let the process exit while running (its timers are unref\'d) and stop taking samples when stopped', () => {
    monitor = new EventLoopMonitor({ stallWarnMs: 1000, warn: () => undefined });
    monitor.start();
    const timer = (monitor as unknown as { timer: NodeJS.Timeout }).timer;
    expect(timer.hasRef()).toBe(false);
    monitor.stop();
    expect((monitor as unknown as { timer: NodeJS.Timeout | undefined }).timer).toBeUndefined();
  });
});
