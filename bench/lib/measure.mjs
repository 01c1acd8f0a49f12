// Capturing and verifying one answer, and one autocannon run against one server.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { authHeaders } from './api.mjs';
import autocannon from 'autocannon';

// Clock ticks per second of /proc/<pid>/stat's CPU times.
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time (user + system, every thread) a process has used so far, in µs; undefined where
 * /proc is not there.
 * @param {number | undefined} pid
 */
export function processCpuUs(pid) {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/**
 * @typedef {{ method: string, path: string, status: number, contentType: string | null, headers: Record<string, string>, body: Buffer }} Captured
 * @typedef {{ rps: number, p99: number, requests: number, bad: number, badDetail: string, cpuUsPerRequest?: number }} Run
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
    headers: { ...(scenario.anonymous ? {} : authHeaders()), ...scenario.headers },
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
 * @param {number} [serverPid] the server's process, whose CPU time per request is reported
 * @returns {Promise<Run>}
 */
export async function load(baseUrl, scenario, settings, durationS, serverPid) {
  const cpuBefore = processCpuUs(serverPid);
  const result = await autocannon({
    url: baseUrl + scenario.path,
    method: /** @type {any} */ (scenario.method),
    headers: { ...(scenario.anonymous ? {} : authHeaders()), ...scenario.headers },
    body: scenario.body,
    ...(scenario.nextBody ? { requests: [{ setupRequest: (/** @type {any} */ request) => ({ ...request, body: scenario.nextBody?.() }) }] } : {}),
    connections: settings.connections,
    pipelining: settings.pipelining,
    duration: durationS,
    timeout: 10,
  });
  const cpuAfter = processCpuUs(serverPid);
  const bad = result.non2xx + result.errors;
  const codes = Object.entries(result.statusCodeStats ?? {})
    .map(([code, { count }]) => `${code}×${count}`)
    .join(' ');
  return {
    // Mean of autocannon's per-second samples: the figure its own CLI prints as "Req/Sec Avg".
    rps: result.requests.average,
    p99: result.latency.p99,
    requests: result.requests.total,
    // The server's own cost per answer, whatever the load generator could send: steadier than
    // req/s when the machine's speed moves (both sides are measured the same way).
    cpuUsPerRequest: cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total > 0 ? (cpuAfter - cpuBefore) / result.requests.total : undefined,
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
