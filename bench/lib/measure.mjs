// Capturing and verifying one answer, and one autocannon run against one server.
import { authHeaders } from './api.mjs';
import autocannon from 'autocannon';

/**
 * @typedef {{ method: string, path: string, status: number, contentType: string | null, headers: Record<string, string>, body: Buffer }} Captured
 * @typedef {{ rps: number, p99: number, requests: number, bad: number, badDetail: string }} Run
 */

/**
 * Sends the scenario's request once and returns what came back, byte for byte.
 * @param {string} baseUrl
 * @param {import('../scenarios.mjs').Scenario} scenario
 * @returns {Promise<Captured>}
 */
export async function capture(baseUrl, scenario) {
  const res = await fetch(baseUrl + scenario.path, {
    method: scenario.method,
    headers: { ...authHeaders(), ...scenario.headers },
    body: scenario.body,
    signal: AbortSignal.timeout(10_000),
  });
  const body = Buffer.from(await res.arrayBuffer());
  /** @type {Record<string, string>} */
  const headers = {};
  // Every header of the answer but those of the connection and the clock: the baseline sends the
  // same header bytes too, so both sides cost their clients the same to read.
  res.headers.forEach((value, name) => {
    if (!['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(name)) headers[name] = value;
  });
  return {
    method: scenario.method,
    path: scenario.path,
    status: res.status,
    contentType: res.headers.get('content-type'),
    headers,
    body,
  };
}

/**
 * One bounded autocannon run. Every non-2xx answer, connection error or timeout is counted in `bad`.
 * @param {string} baseUrl
 * @param {import('../scenarios.mjs').Scenario} scenario
 * @param {{ connections: number, pipelining: number }} settings
 * @param {number} durationS
 * @returns {Promise<Run>}
 */
export async function load(baseUrl, scenario, settings, durationS) {
  const result = await autocannon({
    url: baseUrl + scenario.path,
    method: /** @type {any} */ (scenario.method),
    headers: { ...authHeaders(), ...scenario.headers },
    body: scenario.body,
    ...(scenario.nextBody ? { requests: [{ setupRequest: (/** @type {any} */ request) => ({ ...request, body: scenario.nextBody?.() }) }] } : {}),
    connections: settings.connections,
    pipelining: settings.pipelining,
    duration: durationS,
    timeout: 10,
  });
  const bad = result.non2xx + result.errors;
  const codes = Object.entries(result.statusCodeStats ?? {})
    .map(([code, { count }]) => `${code}×${count}`)
    .join(' ');
  return {
    // Mean of autocannon's per-second samples: the figure its own CLI prints as "Req/Sec Avg".
    rps: result.requests.average,
    p99: result.latency.p99,
    requests: result.requests.total,
    bad,
    badDetail: bad
      ? `non-2xx ${result.non2xx}, errors ${result.errors} (timeouts ${result.timeouts}); status codes: ${codes}`
      : '',
  };
}

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
