#!/usr/bin/env node
// `npm run bench`: builds the server, starts it (temp SQLite) and a bare node:http baseline that
// returns the same bytes, verifies both answers, drives both with autocannon alternately and writes
// bench/RESULTS.md. Exits non-zero if any scenario's answer was wrong or any request failed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { BENCH_ADMIN_PASSWORD, sendJson, setAuthToken } from './lib/api.mjs';
import { median } from './lib/measure.mjs';
import { runScenario } from './lib/scenario-run.mjs';
import { buildServer, startBaseline, startGrpcBaseline, startSwitchboard, stop } from './lib/processes.mjs';
import { grpcMarkdown, resultsMarkdown, startupMarkdown, table } from './lib/report.mjs';
import { keptSections, writeSection } from './lib/sections.mjs';
import { clientScenarios, clientShapesMarkdown, measureClientShapes } from './client-shapes.mjs';
import { clusterMarkdown, measureClusterPublish } from './cluster-publish.mjs';
import { capturePushAnswers, measurePush, pushMarkdown } from './config-push.mjs';
import { contentCheckMarkdown, measureContentChecks } from './content-check.mjs';
import { measureGrpc, selectGrpc } from './grpc-bench.mjs';
import { measureRegistryMemory, memoryMarkdown } from './registry-memory.mjs';
import { measureSocketPush, socketPushMarkdown } from './socket-push.mjs';

const benchDir = import.meta.dirname;
const root = resolve(benchDir, '..');
const log = (/** @type {string} */ msg) => console.error(`[bench] ${msg}`);

function readSettings() {
  /** @type {string[]} */
  const bad = [];
  const int = (/** @type {string} */ name, /** @type {number} */ fallback) => {
    const raw = process.env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) bad.push(`${name}=${raw} (must be a positive integer)`);
    return n;
  };
  const settings = {
    rounds: int('BENCH_ROUNDS', 3),
    durationS: int('BENCH_DURATION_S', 5),
    warmupS: int('BENCH_WARMUP_S', 2),
    connections: int('BENCH_CONNECTIONS', 50),
    pipelining: 1,
    filter: process.env.BENCH_FILTER ?? '',
  };
  if (bad.length) {
    console.error(`bench: bad settings: ${bad.join(', ')}`);
    process.exit(2);
  }
  return settings;
}

const settings = readSettings();
const startedAt = new Date();
/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
/** @type {string | undefined} */
let dataDir;
const cleanup = async () => {
  await Promise.all(children.map((child) => stop(child)));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
};
// Ctrl-C mid-run: stop both servers before leaving; 'exit' is the last resort if that hangs.
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    log(`${signal}: stopping servers`);
    cleanup().finally(() => process.exit(130));
  });
}
process.on('exit', () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** @type {import('./lib/report.mjs').Outcome[]} */
const outcomes = [];
/** @type {import('./registry-memory.mjs').MemoryOutcome | undefined} */
let memory;
/** @type {import('./config-push.mjs').PushOutcome[]} */
const pushes = [];
/** @type {import('./socket-push.mjs').SocketPushOutcome[]} */
const socketPushes = [];
/** @type {import('./content-check.mjs').CheckOutcome[]} */
let contentChecks = [];
/** @type {import('./cluster-publish.mjs').ClusterOutcome | undefined} */
let cluster;
/** @type {import('./grpc-bench.mjs').GrpcOutcome | undefined} */
let grpc;
/** @type {import('./client-shapes.mjs').ClientShapesOutcome | undefined} */
let clients;
let runsClientsWholeRun = false;
let runsPushRun = false;
/** @type {import('./lib/report.mjs').Startup | undefined} */
let startup;
const IDLE_AFTER_MS = 40_000;

/** The server's resident memory, from its own metrics. @param {string} baseUrl */
async function rssOf(baseUrl) {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return Number(/^process_resident_memory_bytes (\S+)$/m.exec(text)?.[1] ?? NaN);
}
try {
  // BENCH_SERVER_ENTRY runs another already-built entry point (e.g. an older build to compare).
  let entry = process.env.BENCH_SERVER_ENTRY ? resolve(process.env.BENCH_SERVER_ENTRY) : undefined;
  if (!entry) {
    log('building @switchboard/server (production build)');
    buildServer(root);
    entry = join(root, 'apps', 'server', 'dist', 'main.js');
  }
  // Imported only now: scenarios use @switchboard/shared's dist, which the build has just produced.
  const { scenarios } = await import('./scenarios.mjs');
  const selected = scenarios.filter((s) => s.name.includes(settings.filter));
  // The sections beside the scenarios run with the full set or when the filter is a part of their name.
  const list = scenarios.find((s) => s.name.startsWith('GET instance list'));
  const runsRegistry = !!list && (!settings.filter || 'registry at scale'.includes(settings.filter) || selected.includes(list));
  const runsPush = !settings.filter || 'config push'.includes(settings.filter);
  runsPushRun = runsPush;
  const runsChecks = !settings.filter || 'large config checks'.includes(settings.filter);
  const runsCluster = !settings.filter || 'cluster mode'.includes(settings.filter);
  const runsWebhooks = !settings.filter || 'publish with webhooks'.includes(settings.filter);
  // The gRPC parts: all of them when the filter is a part of "grpc", else those it names.
  const runsGrpc = selectGrpc(settings.filter).length > 0;
  // Requests in the shapes Nacos clients send, on servers of their own: all of them when the
  // filter is a part of "client shapes", else the scenarios it names (or the held polls).
  const clientNames = [...clientScenarios('off', ''), ...clientScenarios('username/password', ''), ...clientScenarios('accessToken', '')].map((s) => s.name);
  const runsClientsWhole = 'client shapes'.includes(settings.filter);
  runsClientsWholeRun = runsClientsWhole;
  const runsClients = runsClientsWhole || 'held long polls'.includes(settings.filter) || clientNames.some((name) => name.includes(settings.filter));
  if (!selected.length && !runsRegistry && !runsPush && !runsChecks && !runsCluster && !runsGrpc && !runsClients && !runsWebhooks) throw new Error(`no scenario name contains "${settings.filter}"`);

  // Cold start (a new data directory: migrations and the first administrator included) and the
  // resident memory one second after it: the median of three starts, the last of which serves
  // the scenarios. The build just before leaves its writes to the disk and its processes ending:
  // the machine is given a moment to settle first.
  await new Promise((r) => setTimeout(r, 2_000));
  const starts = [];
  /** @type {Awaited<ReturnType<typeof startSwitchboard>> | undefined} */
  let started;
  for (let i = 0; i < 3; i++) {
    if (started) {
      await stop(started.child);
      rmSync(dataDir, { recursive: true, force: true });
    }
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
    started = await startSwitchboard(root, entry, dataDir);
    children.push(started.child); // stopped on any failure; stopping twice is harmless
    await new Promise((r) => setTimeout(r, 1_000));
    starts.push({ readyMs: started.readyMs, rssBytes: await rssOf(started.baseUrl) });
  }
  const switchboard = /** @type {Awaited<ReturnType<typeof startSwitchboard>>} */ (started);
  // Idle: the last server left alone until IDLE_AFTER_MS after it was ready. V8 keeps the heap it
  // grew while loading modules until its memory reducer sees the process idle (15–30 s here);
  // the figure one second after ready is that start-up heap.
  await new Promise((r) => setTimeout(r, IDLE_AFTER_MS - 1_000));
  startup = { readyMs: median(starts.map((s) => s.readyMs)), rssBytes: median(starts.map((s) => s.rssBytes)), idleRssBytes: await rssOf(switchboard.baseUrl), runs: starts };
  log(`cold start to ready: ${starts.map((s) => Math.round(s.readyMs)).join(', ')} ms; RSS 1 s after ready ${starts.map((s) => (s.rssBytes / 1048576).toFixed(1)).join(', ')} MB; idle RSS ${(startup.idleRssBytes / 1048576).toFixed(1)} MB`);
  const login = await sendJson(switchboard.baseUrl, 'POST', '/api/v1/auth/login', { username: 'admin', password: BENCH_ADMIN_PASSWORD });
  setAuthToken(login.accessToken);
  const baseline = await startBaseline(benchDir);
  children.push(baseline.child);
  log(`Switchboard at ${switchboard.baseUrl}, baseline at ${baseline.baseUrl}`);

  for (const scenario of selected) {
    log(`scenario: ${scenario.name}`);
    const outcome = await runScenario(scenario, switchboard, baseline, settings);
    if (outcome.failure) log(`FAILED: ${outcome.failure}`);
    outcomes.push(outcome);
  }
  if (runsClients) {
    log('client shapes: servers as `npm start` runs them, authentication off and on');
    clients = await measureClientShapes(root, entry, settings, baseline, log);
    setAuthToken(login.accessToken);
    for (const row of clients.rows) if (row.failure) outcomes.push({ name: row.name, verified: false, failure: row.failure });
    for (const held of clients.held) if (held.failure) outcomes.push({ name: `held long polls, ${held.configs} configs, auth ${held.mode}`, verified: false, failure: held.failure });
  }
  if (list && runsRegistry) {
    // On a server of its own: the garbage the scenarios above left would blur the memory figure.
    log('registry at scale: 50,000 ephemeral instances (a fresh server)');
    const registryDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-registry-'));
    const fresh = await startSwitchboard(root, entry, registryDir);
    children.push(fresh.child);
    try {
      setAuthToken((await sendJson(fresh.baseUrl, 'POST', '/api/v1/auth/login', { username: 'admin', password: BENCH_ADMIN_PASSWORD })).accessToken);
      await list.setup?.(fresh.baseUrl);
      memory = await measureRegistryMemory(fresh.baseUrl, settings, list);
    } catch (err) {
      memory = undefined;
      outcomes.push({ name: 'registry at scale', verified: false, failure: err instanceof Error ? err.message : String(err) });
    } finally {
      setAuthToken(login.accessToken);
      await stop(fresh.child);
      rmSync(registryDir, { recursive: true, force: true });
    }
    if (memory?.failure) outcomes.push({ name: 'registry at scale', verified: false, failure: memory.failure });
  }
  if (runsPush) {
    for (const connections of /** @type {const} */ (['fresh', 'kept-alive'])) {
      for (const listeners of [1_000, 10_000]) {
        log(`config push to ${listeners} long-poll listeners (${connections} connections)`);
        try {
          const push = await measurePush(switchboard.baseUrl, listeners, connections);
          const { listen, release, prime } = await capturePushAnswers(switchboard.baseUrl, listeners);
          await baseline.setPush(listen, release);
          await baseline.setRoute(prime);
          push.baseline = await measurePush(baseline.baseUrl, listeners, connections);
          pushes.push(push);
          const failure = push.failure ?? (push.baseline.failure && `baseline: ${push.baseline.failure}`);
          if (failure) {
            log(`FAILED: ${failure}`);
            outcomes.push({ name: `config push to ${listeners} listeners (${connections})`, verified: false, failure });
          }
        } catch (err) {
          log(`FAILED: ${err instanceof Error ? err.message : err}`);
          outcomes.push({ name: `config push to ${listeners} listeners (${connections})`, verified: false, failure: err instanceof Error ? err.message : String(err) });
        }
      }
    }
    for (const subscribers of [1_000, 10_000]) {
      log(`config push to ${subscribers} socket.io subscribers`);
      try {
        const push = await measureSocketPush(switchboard.baseUrl, subscribers);
        if (push.event && push.path) {
          // The baseline releases on a publish (its answer captured here) with the event Switchboard sent.
          const { listen, release } = await capturePushAnswers(switchboard.baseUrl, subscribers);
          await baseline.setPush(listen, release);
          await baseline.setSocketPush(push.path, 'config.published', push.event);
          push.baseline = await measureSocketPush(baseline.baseUrl, subscribers);
        }
        socketPushes.push(push);
        const failure = push.failure ?? (push.baseline?.failure && `baseline: ${push.baseline.failure}`);
        if (failure) outcomes.push({ name: `config push to ${subscribers} socket.io subscribers`, verified: false, failure });
      } catch (err) {
        outcomes.push({ name: `config push to ${subscribers} socket.io subscribers`, verified: false, failure: err instanceof Error ? err.message : String(err) });
      }
    }
  }
  if (runsGrpc) {
    log('Nacos gRPC: request scenarios and config push against a bare grpc-js server');
    const grpcBaseline = await startGrpcBaseline(benchDir);
    children.push(grpcBaseline.child);
    try {
      grpc = await measureGrpc(switchboard, grpcBaseline, login.accessToken, settings, log);
      for (const row of grpc.rows) if (row.failure) outcomes.push({ name: row.name, verified: false, failure: row.failure });
      for (const push of grpc.pushes) if (push.failure) outcomes.push({ name: `config push to ${push.listeners} gRPC listeners`, verified: false, failure: push.failure });
    } catch (err) {
      outcomes.push({ name: 'Nacos gRPC', verified: false, failure: err instanceof Error ? err.message : String(err) });
    } finally {
      await stop(grpcBaseline.child);
    }
  }
  if (runsChecks) {
    log('large config checks (256 KB and 1 MB)');
    contentChecks = await measureContentChecks(switchboard.baseUrl);
    for (const c of contentChecks) if (c.failure) outcomes.push({ name: `large config check: ${c.name}`, verified: false, failure: c.failure });
  }
  if (runsCluster) {
    // Servers of their own, on PostgreSQL (and Redis for two nodes); the admin token is theirs.
    cluster = await measureClusterPublish(root, entry, settings, log);
    setAuthToken(login.accessToken);
    if (cluster.failure) outcomes.push({ name: 'cluster mode', verified: false, failure: cluster.failure });
  }
  if (runsWebhooks) {
    // A server of its own, publishing with and without 5 slow webhooks; it writes the marked
    // `webhooks` section of RESULTS.md and fails below its target.
    log('publish with webhooks');
    const run = spawnSync(process.execPath, [join(benchDir, 'webhooks-publish.mjs')], { stdio: 'inherit', env: { ...process.env, BENCH_SERVER_ENTRY: entry, BENCH_FILTER: '' } });
    if (run.status !== 0) outcomes.push({ name: 'publish with webhooks', verified: false, failure: `ratio below its target or the run failed (exit ${run.status})` });
  }
} catch (err) {
  // Nothing was measured (build, start-up or selection failed): keep the previous RESULTS.md.
  log(`aborted: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}

if (outcomes.length || pushes.length || socketPushes.length || memory || contentChecks.length || cluster || grpc || clients) {
  const grpcText = grpc ? grpcMarkdown(grpc, settings, startedAt) : '';
  const clientsText = clients ? clientShapesMarkdown(clients, settings) : '';
  const pushText = (pushes.length ? `${pushMarkdown(pushes)}` : '') + (socketPushes.length ? `\n${socketPushMarkdown(socketPushes)}` : '');
  const extra =
    (startup ? `\n${startupMarkdown(startup)}` : '') + (memory ? `\n${memoryMarkdown(memory)}` : '') +
    (contentChecks.length ? `\n${contentCheckMarkdown(contentChecks)}` : '') +
    (cluster ? `\n${clusterMarkdown(cluster, settings)}` : '');
  console.log((outcomes.length ? table(outcomes) : '') + (clientsText ? `\n${clientsText}` : '') + (pushText ? `\n${pushText}` : '') + extra + (grpcText ? `\n${grpcText}` : ''));
  // Only a full run is recorded: a filtered one would replace the record with a part of it. The
  // gRPC section is a marked one of its own, which a filtered run that measured all of it
  // (BENCH_FILTER=grpc) replaces too.
  const results = join(benchDir, 'RESULTS.md');
  if (!settings.filter) {
    writeFileSync(results, resultsMarkdown(outcomes, settings, startedAt) + extra + keptSections(results));
    log('wrote bench/RESULTS.md');
  }
  // The client shapes are a marked section too, written by a full run and by BENCH_FILTER='client shapes'.
  if (clients && runsClientsWholeRun) {
    writeSection(results, 'client-shapes', `${clientsText}\nDate: ${startedAt.toISOString()}; Node ${process.version}.\n`);
    log('wrote the client shapes section of bench/RESULTS.md');
  }
  // So is the push to long-poll listeners and socket.io subscribers (BENCH_FILTER='config push').
  if (runsPushRun && pushes.length && socketPushes.length) {
    writeSection(results, 'push', `${pushText}\nDate: ${startedAt.toISOString()}; Node ${process.version}.\n`);
    log('wrote the push section of bench/RESULTS.md');
  }
  if (grpc?.complete) {
    writeSection(results, 'grpc', grpcText);
    log('wrote the gRPC section of bench/RESULTS.md');
  }
  if (outcomes.some((o) => o.failure)) process.exitCode = 1;
}
