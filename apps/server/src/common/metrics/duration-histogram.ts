import type { MetricValueWithName } from 'prom-client';

// One label set's counts: observing is a bucket search and three additions, with nothing to
// look up, hash or validate (prom-client's Histogram does all of that on every observation,
// which cost more than the rest of a hot answer's bookkeeping).
export class DurationSeries {
  private readonly counts: number[]; // per bucket, not cumulative
  private sum = 0;
  private count = 0;

  constructor(
    readonly labels: Readonly<Record<string, string>>,
    private readonly bounds: readonly number[],
  ) {
    this.counts = bounds.map(() => 0);
  }

  observe(seconds: number): void {
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && seconds > bounds[i]) i++;
    if (i < bounds.length) this.counts[i]++;
    this.sum += seconds;
    this.count++;
  }

  // `times` observations of the same value at once.
  observeMany(seconds: number, times: number): void {
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && seconds > bounds[i]) i++;
    if (i < bounds.length) this.counts[i] += times;
    this.sum += seconds * times;
    this.count += times;
  }

  zero(): void {
    this.counts.fill(0);
    this.sum = 0;
    this.count = 0;
  }

  // Prometheus's histogram series: cumulative buckets, +Inf, sum, count.
  values(name: string): MetricValueWithName<string>[] {
    let cumulative = 0;
    const values: MetricValueWithName<string>[] = this.bounds.map((le, i) => {
      cumulative += this.counts[i];
      return { labels: { le, ...this.labels }, value: cumulative, metricName: `${name}_bucket` };
    });
    values.push(
      { labels: { le: '+Inf', ...this.labels }, value: this.count, metricName: `${name}_bucket` },
      { labels: { ...this.labels }, value: this.sum, metricName: `${name}_sum` },
      { labels: { ...this.labels }, value: this.count, metricName: `${name}_count` },
    );
    return values;
  }
}

// A histogram whose label sets are resolved once by the caller (a route keeps its own series),
// registered in a prom-client registry as any metric is (it renders what prom-client's
// Histogram renders for the same observations).
export class DurationHistogram<L extends string> {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, DurationSeries>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly L[],
    private readonly bounds: readonly number[],
  ) {}

  // The series of these label values, in the order of the label names.
  seriesOf(...values: string[]): DurationSeries {
    const id = values.join('\u0000');
    let series = this.series.get(id);
    if (!series) {
      const labels: Record<string, string> = {};
      this.labelNames.forEach((name, i) => (labels[name] = values[i]));
      this.series.set(id, (series = new DurationSeries(labels, this.bounds)));
    }
    return series;
  }

  get(): Promise<{ name: string; help: string; type: string; values: MetricValueWithName<string>[]; aggregator: string }> {
    const values = [...this.series.values()].flatMap((series) => series.values(this.name));
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator });
  }

  // Series stay (routes hold theirs); their counts start again.
  reset(): void {
    for (const series of this.series.values()) series.zero();
  }
}
