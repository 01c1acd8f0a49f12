import { OPS_PATHS } from '@switchboard/shared';
import { eventually } from './wait';

// The value of a series in the server's Prometheus text, named as the server writes it (with its
// labels, if any: `name{label="value"}`); NaN when absent.
export async function metricValue(baseUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}${OPS_PATHS.metrics}`)).text();
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^${escaped} (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : NaN;
}

// Polls the series until the predicate admits its value; answers that value, or fails naming the
// last one seen.
export async function waitForMetric(baseUrl: string, name: string, predicate: (value: number) => boolean, timeoutMs = 5_000): Promise<number> {
  return eventually(
    async () => {
      const value = await metricValue(baseUrl, name);
      if (!predicate(value)) throw new Error(`${name} was ${value} when the wait of ${timeoutMs} ms ran out`);
      return value;
    },
    timeoutMs,
  );
}
