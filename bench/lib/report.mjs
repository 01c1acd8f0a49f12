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
    'Where a figure misses its target (durable publishes, a poll of many configs, idle memory),',
    'bench/PROFILE.md says where the time or the memory goes.',
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

/**
 * The Nacos gRPC section (bench/grpc-bench.mjs): the request scenarios against the bare grpc-js
 * server, the figures beside Nacos 2.0's own report, and the push to gRPC listeners. Written
 * between `<!-- grpc:start -->` and `<!-- grpc:end -->` in RESULTS.md, also by filtered runs,
 * so it carries its own date, machine and settings.
 * @param {import('../grpc-bench.mjs').GrpcOutcome} grpc
 * @param {{ rounds: number, durationS: number, warmupS: number }} settings
 * @param {Date} startedAt
 */
export function grpcMarkdown(grpc, settings, startedAt) {
  const m = machineFacts();
  const lines = [
    '## Nacos gRPC (SDK 2.x/3.x protocol)',
    '',
    `Written by \`npm run bench\` (bench/grpc-bench.mjs) on ${startedAt.toISOString()}: ${m.cpu}, Node ${m.node}. ` +
      'Switchboard\'s gRPC port against a bare `@grpc/grpc-js` server of the same version (bench/grpc-baseline-server.mjs) ' +
      'answering `/Request/request` with the very Payload bytes Switchboard answered for a request of that type, and opening ' +
      'connections the same way (ServerCheckRequest answered, SetupAckRequest sent on the stream\'s ConnectionSetupRequest). ' +
      'Every request is first sent to Switchboard and its answer verified (the content, and for writes what they did), then ' +
      'the baseline\'s answer compared byte for byte. Load: bench/grpc-load.mjs, a child process writing the HTTP/2 and gRPC frames ' +
      `itself (lib/grpc-raw.mjs; its own CPU per call is listed below the table), ${grpc.inFlight} requests in flight over ${grpc.channels} HTTP/2 connections, each set up as the SDK ` +
      `does and carrying the administrator's accessToken; one warm-up of ${settings.warmupS} s per side, then ${settings.rounds} ` +
      `alternating rounds of ${settings.durationS} s; every answer checked (its response type and resultCode 200; a failed call carries none). ` +
      'Columns as in the HTTP table (medians over the rounds; CPU: the server process\'s CPU time per answer). Register + ' +
      'deregister: each in-flight slot registers an ephemeral instance of its own (10 services) and deregisters it, and again; ' +
      'each request counts. Publish: each request writes the next of 50 configs with a 1 KB content of its own, answered ' +
      'after its commit (SQLite).',
    '',
  ];
  if (grpc.rows.length) {
    lines.push(table(grpc.rows), '');
    const rounds = grpc.rows.filter((o) => o.baseline && o.switchboard).map((o) => `- ${o.name}: baseline ${o.baseline?.rounds.map(fmtInt).join(', ')}; Switchboard ${o.switchboard?.rounds.map(fmtInt).join(', ')}`);
    if (rounds.length) lines.push('req/s per round:', '', ...rounds, '');
    const driver = Object.entries(grpc.driverCpuUs).map(([name, us]) => `- ${name}: ${fmtMs(us)} µs`);
    if (driver.length) lines.push('Load driver CPU per call (median over the rounds of both sides):', '', ...driver, '');
    const figure = (/** @type {string} */ prefix) => {
      const s = grpc.rows.find((o) => o.name.startsWith(prefix))?.switchboard;
      return s ? `${fmtInt(s.rps)} /s, p99 ${fmtMs(s.p99)} ms` : 'not measured in this run';
    };
    lines.push(
      '### Beside Nacos 2.0\'s own report',
      '',
      'Nacos 2.0.0-ALPHA2 measured with its Java SDK over gRPC (nacos.io: https://nacos.io/docs/latest/guide/admin/nacos2-config-benchmark/ and https://nacos.io/docs/latest/guide/admin/nacos2-naming-benchmark/). ' +
        'Their servers had 8 cores each and the database a host of its own; here the server, SQLite and the load generator share 2 cores.',
      '',
      '| measure | Nacos 2.0 report | Switchboard here |',
      '|---|---|---|',
      `| config publish | 2,500 TPS at avg RT 10.9 ms (one 8-core node, CPU 55 %; MySQL on a 32-core host) | ${figure('gRPC config publish')} |`,
      `| config query | 14,000 QPS at avg RT 26 ms (200 configs of 5 KB; one 8-core node, CPU 83 %) | ${figure('gRPC config query')} (one 1 KB config) |`,
      `| register / deregister | 26,785 / 29,394 TPS (3 nodes of 8 cores, 5 load generators × 20 threads) | ${figure('gRPC register')} (register and deregister together) |`,
      `| instance query | 30,680 TPS (3 nodes of 8 cores; 100,000 services × 10 instances) | ${figure('gRPC instance query')} (one 10-host service) |`,
      '',
    );
  }
  if (grpc.pushes.length) {
    lines.push(
      pushTable(
        'Config push: publish → gRPC listeners',
        'Each listener is an SDK connection of its own (a raw node:http2 session, split over child processes of 2,500): ServerCheckRequest, the bi-stream set up, then ConfigBatchListenRequest on one config with its current md5. One ConfigPublishRequest (on another connection); every listener must get a ConfigChangeNotifyRequest naming the config, which it acks with ConfigChangeNotifyResponse (same requestId), as the SDK does. Latency runs from just before the publish request to the arrival of the notice (process.hrtime, one clock for every process). Baseline: the bare grpc-js server writing, on the publish, the change notice Switchboard sent to every listening stream (the same listeners, measured the same way, after Switchboard). Target: Switchboard\'s p99 at most 1.3 × the baseline\'s (p99 ratio ≥ 0.77);',
        'listeners',
        grpc.pushes.map((o) => ({ ...o, count: o.listeners })),
      ).trimEnd(),
      '',
    );
    const notes = grpc.pushes.flatMap((o) => [
      ...(o.cpuUsPerListener !== undefined && o.baseline?.cpuUsPerListener !== undefined
        ? [`- ${fmtInt(o.listeners)} listeners: server CPU time per listener from the publish to the last ack (the publish, the notice, its ack): baseline ${fmtMs(o.baseline.cpuUsPerListener)} µs, Switchboard ${fmtMs(o.cpuUsPerListener)} µs.`]
        : []),
      ...(o.rssBeforeBytes && o.rssListeningBytes ? [`- ${fmtInt(o.listeners)} listeners: Switchboard's resident memory ${(o.rssListeningBytes / 1048576).toFixed(0)} MB with every listener listening, ${(o.rssBeforeBytes / 1048576).toFixed(0)} MB before the first connected (\`process_resident_memory_bytes\`; the heap the earlier scenarios grew is in both).`] : []),
      ...(o.repeats > 0 ? [`- ${fmtInt(o.listeners)} listeners: Switchboard sent ${fmtInt(o.repeats)} notices again (an ack later than GRPC_PUSH_TIMEOUT_MS); latency counts the first.`] : []),
    ]);
    if (notes.length) lines.push(...notes, '');
  }
  const failures = [...grpc.rows, ...grpc.pushes.map((o) => ({ name: `config push to ${fmtInt(o.listeners)} gRPC listeners`, failure: o.failure }))].filter((o) => o.failure);
  if (failures.length) lines.push('### Failures', '', ...failures.map((o) => `- ${o.name}: ${o.failure}`), '');
  return lines.join('\n');
}
