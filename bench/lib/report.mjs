// Turns the outcomes into the markdown table printed to stdout and written to bench/RESULTS.md.
import os from 'node:os';

/**
 * @typedef {{ rps: number, p99: number, rounds: number[], cpuUsPerRequest?: number }} Side
 * @typedef {{ name: string, verified: boolean, failure?: string, baseline?: Side, switchboard?: Side }} Outcome
 */

const fmtInt = (/** @type {number} */ n) => Math.round(n).toLocaleString('en-US');
const fmtMs = (/** @type {number} */ n) => n.toFixed(1);

export function machineFacts() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown'}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
  };
}

/** @param {Outcome[]} outcomes */
export function table(outcomes) {
  const lines = [
    '| scenario | baseline req/s | Switchboard req/s | ratio | baseline p99 ms | Switchboard p99 ms | server CPU µs / request: baseline, Switchboard (ratio) | verified |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const o of outcomes) {
    const b = o.baseline;
    const s = o.switchboard;
    const ratio = b && s && b.rps > 0 ? (s.rps / b.rps).toFixed(2) : '—';
    const cpu =
      b?.cpuUsPerRequest !== undefined && s?.cpuUsPerRequest !== undefined && s.cpuUsPerRequest > 0
        ? `${fmtMs(b.cpuUsPerRequest)}, ${fmtMs(s.cpuUsPerRequest)} (${(b.cpuUsPerRequest / s.cpuUsPerRequest).toFixed(2)})`
        : '—';
    lines.push(
      `| ${o.name} | ${b ? fmtInt(b.rps) : '—'} | ${s ? fmtInt(s.rps) : '—'} | ${ratio} | ${b ? fmtMs(b.p99) : '—'} | ${s ? fmtMs(s.p99) : '—'} | ${cpu} | ${o.verified && !o.failure ? 'yes' : 'no (see Failures)'} |`,
    );
  }
  return lines.join('\n');
}

/**
 * @param {Outcome[]} outcomes
 * @param {{ rounds: number, durationS: number, warmupS: number, connections: number, pipelining: number, filter: string }} settings
 * @param {Date} startedAt
 */
export function resultsMarkdown(outcomes, settings, startedAt) {
  const m = machineFacts();
  const rounds = outcomes
    .filter((o) => o.baseline && o.switchboard)
    .map(
      (o) =>
        `- ${o.name}: baseline ${o.baseline?.rounds.map(fmtInt).join(', ')}; Switchboard ${o.switchboard?.rounds.map(fmtInt).join(', ')}`,
    );
  const failures = outcomes.filter((o) => o.failure).map((o) => `- ${o.name}: ${o.failure}`);
  return [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.mjs); see bench/README.md. Baseline = a bare `node:http` server',
    'returning the same status, headers and body bytes as Switchboard for the same route.',
    'req/s and p99 are medians over the measured rounds; ratio = Switchboard / baseline. Server CPU per',
    'request: the process CPU time (every thread, user + system) each server used during a round over the',
    'requests answered in it, median over the rounds; its ratio is baseline / Switchboard, so both ratios',
    'read the same way, and it moves less with the speed of the machine than req/s.',
    '',
    `- Date: ${startedAt.toISOString()}`,
    `- CPU: ${m.cpu}`,
    `- Memory: ${m.memory}`,
    `- Node: ${m.node}`,
    `- OS: ${m.os}`,
    `- Settings: ${settings.rounds} rounds per side (alternating A B A B after one warm-up each of ${settings.warmupS} s), ` +
      `${settings.durationS} s per run, ${settings.connections} connections, pipelining ${settings.pipelining}` +
      (settings.filter ? `, filter "${settings.filter}"` : ''),
    '- Load generator, baseline and Switchboard share this machine over 127.0.0.1.',
    '',
    table(outcomes),
    '',
    ...(rounds.length ? ['req/s per round:', '', ...rounds, ''] : []),
    ...(failures.length ? ['## Failures', '', ...failures, ''] : []),
  ].join('\n');
}

/**
 * @typedef {{ readyMs: number, rssBytes: number, idleRssBytes: number, runs: { readyMs: number, rssBytes: number }[] }} Startup
 */

/**
 * Cold start and idle memory (targets from issue 9: under 2 s to ready, under 150 MB idle).
 * @param {Startup} startup
 */
export function startupMarkdown(startup) {
  return [
    '## Start-up',
    '',
    'From spawning `node apps/server/dist/main.js` with a new data directory (migrations and the first administrator included) to `/health/ready` answering 200, and resident memory one second later: the median of three starts (each run in brackets). Idle RSS: the last of them left alone for 40 s after it was ready, once V8 has given back the heap it grew while loading modules (its memory reducer runs 15–30 s after start-up here).',
    '',
    '| measure | value | target |',
    '|---|---:|---:|',
    `| cold start to ready | ${Math.round(startup.readyMs)} ms (${startup.runs.map((r) => Math.round(r.readyMs)).join(', ')}) | < 2,000 ms |`,
    `| RSS 1 s after ready | ${(startup.rssBytes / 1048576).toFixed(1)} MB (${startup.runs.map((r) => (r.rssBytes / 1048576).toFixed(1)).join(', ')}) | |`,
    `| idle RSS (40 s after ready) | ${(startup.idleRssBytes / 1048576).toFixed(1)} MB | < 150 MB |`,
    '',
  ].join('\n');
}

/**
 * A push section: per fan-out size, Switchboard's delivery and latency beside the bare
 * baseline's, measured the same way (config-push.mjs, socket-push.mjs).
 * @typedef {{ delivered: number, p50: number, p99: number, max: number }} PushLatencies
 * @param {string} heading
 * @param {string} description
 * @param {string} countName what is counted: listeners, subscribers
 * @param {(PushLatencies & { count: number, baseline?: PushLatencies })[]} rows
 */
export function pushTable(heading, description, countName, rows) {
  const ms = (/** @type {number} */ v) => `${v.toFixed(1)} ms`;
  const n = (/** @type {number} */ v) => v.toLocaleString('en-US');
  return [
    `## ${heading}`,
    '',
    `${description} p99 ratio = baseline / Switchboard.`,
    '',
    `| ${countName} | delivered | p50 | p99 | max | baseline delivered | baseline p50 | baseline p99 | p99 ratio |`,
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((o) => {
      const b = o.baseline;
      const bare = b ? `${n(b.delivered)} | ${ms(b.p50)} | ${ms(b.p99)} | ${(b.p99 / o.p99).toFixed(2)}` : '– | – | – | –';
      return `| ${n(o.count)} | ${n(o.delivered)} | ${ms(o.p50)} | ${ms(o.p99)} | ${ms(o.max)} | ${bare} |`;
    }),
    '',
  ].join('\n');
}
