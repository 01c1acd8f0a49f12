import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { MetricValueWithName } from 'prom-client';
import { DurationHistogram, type DurationSeries } from '../common/metrics/duration-histogram';

export const EVENT_LOOP_DELAY_METRIC = 'switchboard_event_loop_delay_seconds';
// From a millisecond (a busy loop) to a minute (a loop held hostage).
export const EVENT_LOOP_DELAY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] as const;

export interface EventLoopMonitorOptions {
  stallWarnMs: number; // a delay longer than this is logged once
  warn: (message: string) => void;
  resolutionMs?: number; // how often Node samples the loop; default 10
  checkIntervalMs?: number; // how often samples are folded into the histogram; default 1000
}

// Event-loop delay as Node measures it (perf_hooks.monitorEventLoopDelay: a timer that should fire
// every `resolutionMs`, and how late it was), kept as a Prometheus histogram. Node's sampler is
// folded in every `checkIntervalMs` and before each scrape; a delay over the threshold is logged
// once. Neither timer keeps the process alive.
export class EventLoopMonitor {
  private readonly sampler: IntervalHistogram;
  private readonly histogram = new DurationHistogram(EVENT_LOOP_DELAY_METRIC, 'Event-loop delay (how late a timer fired), from perf_hooks.monitorEventLoopDelay', [], EVENT_LOOP_DELAY_BUCKETS);
  private readonly series: DurationSeries = this.histogram.seriesOf();
  private readonly resolutionMs: number;
  private readonly checkIntervalMs: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: EventLoopMonitorOptions) {
    this.resolutionMs = options.resolutionMs ?? 10;
    this.checkIntervalMs = options.checkIntervalMs ?? 1000;
    this.sampler = monitorEventLoopDelay({ resolution: this.resolutionMs });
  }

  // What a prom-client registry renders: the histogram, with the latest samples folded in.
  readonly metric = {
    name: EVENT_LOOP_DELAY_METRIC,
    help: 'Event-loop delay (how late a timer fired), from perf_hooks.monitorEventLoopDelay',
    type: 'histogram',
    aggregator: 'sum',
    get: (): Promise<{ name: string; help: string; type: string; values: MetricValueWithName<string>[]; aggregator: string }> => {
      this.fold();
      return this.histogram.get();
    },
    reset: (): void => this.histogram.reset(),
  };

  start(): void {
    if (this.timer) return;
    this.sampler.enable();
    this.timer = setInterval(() => this.fold(), this.checkIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sampler.disable();
  }

  // Moves Node's samples into the histogram and starts Node's sampler afresh. Node keeps a
  // percentile distribution, not buckets: each percentile step's share of the samples is counted
  // at that step's value (a sample lands in its bucket or the next one up).
  fold(): void {
    const total = this.sampler.count;
    if (total === 0) return;
    const maxDelayMs = this.delayMs(this.sampler.max);
    let counted = 0;
    for (const [percentile, nanos] of this.sampler.percentiles) {
      const upTo = Math.min(total, Math.round((percentile / 100) * total));
      if (upTo > counted) {
        this.series.observeMany(this.delayMs(nanos) / 1000, upTo - counted);
        counted = upTo;
      }
    }
    if (counted < total) this.series.observeMany(maxDelayMs / 1000, total - counted);
    this.sampler.reset();
    if (maxDelayMs > this.options.stallWarnMs) {
      this.options.warn(`event loop blocked for ${Math.round(maxDelayMs)} ms (longer than EVENT_LOOP_STALL_WARN_MS=${this.options.stallWarnMs}): requests and timers waited that long`);
    }
  }

  // A sample is the time between two firings of a timer set for `resolutionMs`; the delay is the rest.
  private delayMs(nanos: number): number {
    return Math.max(0, nanos / 1e6 - this.resolutionMs);
  }
}
