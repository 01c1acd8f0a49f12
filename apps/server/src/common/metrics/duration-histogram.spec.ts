import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { DurationHistogram } from './duration-histogram';

describe('DurationHistogram', () => {
  const bounds = [0.001, 0.01, 0.1, 1];

  it("should render what prom-client's Histogram renders for the same observations", async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const histogram = new DurationHistogram('req_seconds', 'request time', ['method', 'route'], bounds);
    ours.registerMetric(histogram as never);
    const reference = new Histogram({ name: 'req_seconds', help: 'request time', labelNames: ['method', 'route'], buckets: bounds, registers: [theirs] });
    const observations: [string, string, number][] = [
      ['GET', '/a', 0.0005],
      ['GET', '/a', 0.001], // on a bound: counted in it
      ['GET', '/a', 0.05],
      ['PUT', '/b "q"\\', 3], // above every bound: only +Inf; quotes and backslashes escaped
      ['GET', '/a', 0.2],
    ];
    for (const [method, route, seconds] of observations) {
      histogram.seriesOf(method, route).observe(seconds);
      reference.labels(method, route).observe(seconds);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.metrics()).toContain('req_seconds_bucket{le="0.01",method="GET",route="/a"} 2');
  });

  it('should keep a series a caller holds across a reset, from zero', async () => {
    const registry = new Registry();
    const histogram = new DurationHistogram('t_seconds', 't', ['route'], bounds);
    registry.registerMetric(histogram as never);
    const series = histogram.seriesOf('/x');
    series.observe(0.5);
    registry.resetMetrics();
    series.observe(0.002);
    const text = await registry.metrics();
    expect(text).toContain('t_seconds_count{route="/x"} 1');
    expect(text).toContain('t_seconds_sum{route="/x"} 0.002');
    expect(histogram.seriesOf('/x')).toBe(series);
  });
});
