#!/usr/bin/env node
// `npm run cluster-kill`: three cluster nodes on one PostgreSQL schema and one Redis, 12 Nacos v1
// publishers spread over them, node 2 killed with SIGKILL mid-load; RUNS times (default 10). Each
// run checks that the surviving nodes serve the database's head of every config within 2 s of the
// last acknowledged publish, that node 2 does too once restarted and ready, and that every
// acknowledged publish is in the database (cluster-kill/checks.mjs). Prints a table per run and a
// summary, writes them to bench/RESULTS.md (between its cluster-kill markers) and exits 1 when a
// run failed. A failed run's node logs are kept (the path is printed). Traffic goes to 127.0.0.1.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { Pool } from 'undici';
import { buildServer, stop } from './lib/processes.mjs';
import { launchNode } from './cluster-kill/node.mjs';
import { GROUP, checkAcknowledged, readHeads } from './cluster-kill/checks.mjs';
import { resultsSection, runsTable, summaryLines } from './cluster-kill/report.mjs';
import { writeSection } from './lib/sections.mjs';
import { postgres } from './lib/postgres.mjs';

const benchDir = import.meta.dirname;
const root = resolve(benchDir, '..');
const log = (/** @type {string} */ msg) => console.error(`[cluster-kill ${new Date().toISOString().slice(11, 23)}] ${msg}`);

// The scenario (fixed): 12 publishers, 60 configs, 20 per publisher (each config shared by 4
// publishers, so several nodes write the same config), node 2 killed after 1–3 s of load.
const PUBLISHERS = 12;
const CONFIGS = 60;
const CONFIGS_PER_PUBLISHER = 20;
const KILL_AFTER_MIN_MS = 1000;
const KILL_AFTER_MAX_MS = 3000;
const KILLED = 1; // index of node 2
// Every surviving node must serve every head within this long of the last acknowledged publish
// (the restarted node: of its readiness); a mismatch left after STALE_AFTER_MS is stale for good.
const CONVERGE_LIMIT_MS = 2000;
const STALE_AFTER_MS = 10_000;
const REQUEST_TIMEOUT_MS = 10_000;
const START_TIMEOUT_MS = 60_000;
// A run that takes longer than this (it should take well under a minute) fails and is torn down.
const RUN_TIMEOUT_MS = 240_000;

function readSettings() {
  /** @type {string[]} */
  const bad = [];
  const int = (/** @type {string} */ name, /** @type {number} */ fallback, min = 1) => {
    const raw = process.env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) bad.push(`${name}=${raw} (must be an integer ≥ ${min})`);
    return n;
  };
  const entryOverride = process.env.CLUSTER_KILL_SERVER_ENTRY;
  const settings = {
    runs: int('RUNS', 10),
    entry: entryOverride ? resolve(entryOverride) : join(root, 'apps', 'server', 'dist', 'main.js'),
    // The default entry is built first (Nx, cached), unless CLUSTER_KILL_SKIP_BUILD=1; an entry
    // given in CLUSTER_KILL_SERVER_ENTRY is run as it is.
    build: !entryOverride && process.env.CLUSTER_KILL_SKIP_BUILD !== '1',
    tailMs: int('CLUSTER_KILL_TAIL_MS', 100, 0),
    // A check of the check: node 2 announces none of its commits (the server's fault-test switch
    // CLUSTER_WITHHOLD_NOTICES), so the survivors can learn them from the change feed only.
    withholdNotices: process.env.CLUSTER_KILL_WITHHOLD_NOTICES === '1',
    postgresUrl: process.env.CLUSTER_KILL_POSTGRES_URL ?? process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    redisUrl: process.env.CLUSTER_KILL_REDIS_URL ?? process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    logLevel: process.env.CLUSTER_KILL_LOG_LEVEL ?? 'info',
    writeResults: process.env.CLUSTER_KILL_RESULTS !== '0',
    keepLogs: process.env.CLUSTER_KILL_KEEP_LOGS === '1',
  };
  if (bad.length) {
    console.error(`cluster-kill: bad settings: ${bad.join(', ')}`);
    process.exit(2);
  }
  return settings;
}

/**
 * @typedef {{
 *   index: number, baseUrl: string, port: number, dataDir: string, logFile: string,
 *   child: import('node:child_process').ChildProcess, pool: Pool, alive: boolean,
 * }} Node
 * @typedef {import('./cluster-kill/checks.mjs').Publish} Publish
 * @typedef {import('./cluster-kill/report.mjs').RunResult} RunResult
 */

/** @param {number} i */
const dataIdOf = (i) => `cluster-kill-${String(i).padStart(2, '0')}.properties`;

/**
 * Everything one run started, so that a failure or Ctrl-C can tear it down.
 * @typedef {{ nodes: Node[], client?: pg.Client, schema?: string, workDir: string }} Live
 */
/** @type {Live | undefined} */
let live;

/**
 * Starts node `index` (0-based) with its output in `logFile`.
 * @param {ReturnType<typeof readSettings>} settings
 * @param {Record<string, string>} env
 * @param {number} index
 * @param {string} dataDir
 * @param {string} logFile
 * @param {number} [port] its port again (a restart)
 * @returns {Promise<Node & { readyMs: number }>}
 */
async function startNode(settings, env, index, dataDir, logFile, port) {
  const started = await launchNode(root, settings.entry, { ...env, DATA_DIR: dataDir }, logFile, START_TIMEOUT_MS, port);
  const pool = new Pool(started.baseUrl, { connections: PUBLISHERS, pipelining: 1, headersTimeout: REQUEST_TIMEOUT_MS, bodyTimeout: REQUEST_TIMEOUT_MS, connect: { timeout: 5000 } });
  return { index, baseUrl: started.baseUrl, port: started.port, dataDir, logFile, child: started.child, pool, alive: true, readyMs: started.readyMs };
}

/**
 * The 12 publishers: each writes random configs of its own 20 (every config shared by 4
 * publishers), round-robin over the nodes alive, until `stopped` says so.
 * @param {Node[]} nodes
 * @param {() => boolean} stopped
 */
function startLoad(nodes, stopped) {
  /** @type {Publish[]} */
  const publishes = [];
  let seq = 0;
  const publisher = async (/** @type {number} */ p) => {
    const configs = Array.from({ length: CONFIGS_PER_PUBLISHER }, (_, k) => (p * (CONFIGS / PUBLISHERS) + k) % CONFIGS);
    let turn = p;
    let n = 0;
    while (!stopped()) {
      const targets = nodes.filter((node) => node.alive);
      const node = targets[turn++ % targets.length];
      const config = configs[randomInt(configs.length)];
      n += 1;
      seq += 1;
      const content = `cluster-kill publisher=${p} n=${n} seq=${seq}`;
      /** @type {Publish} */
      const publish = { config, dataId: dataIdOf(config), publisher: p, n, seq, content, node: node.index + 1, sentAt: performance.now(), afterKill: !nodes[KILLED].alive };
      publishes.push(publish);
      try {
        const res = await node.pool.request({
          method: 'POST',
          path: '/nacos/v1/cs/configs',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ dataId: publish.dataId, group: GROUP, content }).toString(),
        });
        const text = await res.body.text();
        publish.doneAt = performance.now();
        if (res.statusCode === 200 && text === 'true') {
          publish.ackedAt = publish.doneAt;
          publish.outcome = 'acked';
        } else {
          publish.outcome = 'refused';
          publish.detail = `${res.statusCode} ${text.slice(0, 200)}`;
        }
      } catch (err) {
        publish.doneAt = performance.now();
        publish.outcome = 'failed';
        publish.detail = err instanceof Error ? `${/** @type {{ code?: string }} */ (err).code ?? err.name}: ${err.message}` : String(err);
        // A node that is gone answers nothing; do not spin on it while the others are still up.
        if (!node.alive) continue;
        await sleep(10);
      }
    }
  };
  const done = Promise.all(Array.from({ length: PUBLISHERS }, (_, p) => publisher(p)));
  return { publishes, done };
}

/**
 * Polls `targets` until each serves the database's head (read afresh every round: a commit of the
 * killed node may still land) of every config, or until `deadline`. Each (node, config) counts
 * as served from the answer that began its last unbroken run of matching answers.
 * @param {pg.Client} client
 * @param {string} schema
 * @param {Node[]} targets
 * @param {number} deadline performance.now() value
 * @param {(content: string) => string} [describe] who wrote a content (for the log)
 * @returns {Promise<{ servedAt?: number, mismatches: string[], rounds: number, trace: string[] }>}
 */
async function awaitHeads(client, schema, targets, deadline, describe = () => '') {
  /** @type {Map<string, number | null>} */
  const matchedAt = new Map();
  let rounds = 0;
  /** @type {string[]} each round: when it ended and what did not match yet (for the log) */
  const trace = [];
  for (;;) {
    rounds += 1;
    const heads = await readHeads(client, schema);
    /** @type {string[]} */
    const mismatches = [];
    await Promise.all(
      targets.flatMap((node) =>
        Array.from({ length: CONFIGS }, async (_, i) => {
          const dataId = dataIdOf(i);
          const head = heads.get(dataId);
          const expected = head && !head.deleted ? head : undefined;
          const key = `${node.index}:${dataId}`;
          let status = 0;
          let body;
          let md5 = '';
          try {
            const res = await node.pool.request({ method: 'GET', path: `/nacos/v1/cs/configs?${new URLSearchParams({ dataId, group: GROUP })}` });
            body = await res.body.text();
            status = res.statusCode;
            md5 = String(res.headers['content-md5'] ?? '');
          } catch (err) {
            body = err instanceof Error ? err.message : String(err);
          }
          const at = performance.now();
          const ok = expected ? status === 200 && body === expected.content && md5 === expected.md5 : status === 404;
          if (ok) {
            if ((matchedAt.get(key) ?? null) === null) matchedAt.set(key, at);
          } else {
            matchedAt.set(key, null);
            mismatches.push(
              `node ${node.index + 1} ${dataId}: served ${status} ${JSON.stringify(body.slice(0, 60))}${status === 200 ? describe(body) : ''}, ` +
                `database ${expected ? `v${expected.version} ${JSON.stringify(expected.content.slice(0, 60))}${describe(expected.content)}` : 'none'}`,
            );
          }
        }),
      ),
    );
    trace.push(`${Math.round(performance.now())}: ${mismatches.length} not served${mismatches.length ? ` (${mismatches.slice(0, 2).join('; ')})` : ''}`);
    if (mismatches.length === 0) {
      return { servedAt: Math.max(.../** @type {number[]} */ ([...matchedAt.values()])), mismatches, rounds, trace };
    }
    if (performance.now() >= deadline) return { mismatches, rounds, trace };
    await sleep(50);
  }
}

/**
 * One run: start, load, kill, check, restart, check, tear down.
 * @param {ReturnType<typeof readSettings>} settings
 * @param {number} run
 * @param {string} tokenSecret
 * @returns {Promise<RunResult>}
 */
async function oneRun(settings, run, tokenSecret) {
  const id = randomBytes(4).toString('hex');
  const schema = `sb_kill_${id}`;
  const workDir = mkdtempSync(join(tmpdir(), `switchboard-cluster-kill-${id}-`));
  /** @type {RunResult} */
  const result = { run, schema, ok: false, failures: [] };
  const fail = (/** @type {string} */ why) => result.failures.push(why);
  /** @type {Live} */
  const state = { nodes: [], workDir };
  live = state;
  let schemaCreated = false;
  try {
    await postgres(settings.postgresUrl, `CREATE SCHEMA "${schema}"`);
    schemaCreated = true;
    state.schema = schema;
    const env = {
      DB_TYPE: 'postgres',
      DB_URL: settings.postgresUrl,
      DB_SCHEMA: schema,
      REDIS_URL: settings.redisUrl,
      CLUSTER_NAME: `sb-kill-${id}`,
      AUTH_ENABLED: 'false',
      AUTH_TOKEN_SECRET: tokenSecret,
      LOG_LEVEL: settings.logLevel,
    };
    // One after the other: the first creates the schema's tables.
    for (let i = 0; i < 3; i++) {
      const dataDir = join(workDir, `node-${i + 1}`);
      mkdirSync(dataDir);
      const own = i === KILLED && settings.withholdNotices ? { ...env, CLUSTER_WITHHOLD_NOTICES: 'true' } : env;
      const node = await startNode(settings, own, i, dataDir, join(workDir, `node-${i + 1}.log`));
      state.nodes.push(node);
    }
    const nodes = state.nodes;
    log(`run ${run}: nodes ready (${nodes.map((n) => n.baseUrl).join(', ')}), schema ${schema}`);
    state.client = new pg.Client({ connectionString: settings.postgresUrl });
    await state.client.connect();
    const client = state.client;

    // Load, then SIGKILL node 2 after 1–3 s of it; the publishers leave it at once and go on on
    // nodes 1 and 3 for the tail, then stop.
    let stopping = false;
    const load = startLoad(nodes, () => stopping);
    const loadStart = performance.now();
    const killAfter = randomInt(KILL_AFTER_MIN_MS, KILL_AFTER_MAX_MS + 1);
    await sleep(killAfter);
    const killed = nodes[KILLED];
    killed.alive = false;
    const killAt = performance.now();
    killed.child.kill('SIGKILL');
    result.killAfterMs = killAt - loadStart;
    result.tailMs = settings.tailMs;
    await sleep(settings.tailMs);
    stopping = true;
    const drained = await Promise.race([load.done.then(() => true), sleep(REQUEST_TIMEOUT_MS + 5000).then(() => false)]);
    if (!drained) fail('publishers did not stop within 15 s');
    if (killed.child.exitCode === null && killed.child.signalCode === null) await once(killed.child, 'exit');
    await killed.pool.destroy().catch(() => undefined);

    const { publishes } = load;
    const acked = publishes.filter((p) => p.outcome === 'acked');
    result.acked = { byNode: [1, 2, 3].map((n) => acked.filter((p) => p.node === n).length), afterKill: acked.filter((p) => p.afterKill).length };
    const notAcked = publishes.filter((p) => p.outcome !== 'acked' && p.outcome !== undefined);
    const survivorErrors = notAcked.filter((p) => p.node !== KILLED + 1);
    result.notAcked = notAcked.length;
    result.survivorErrors = survivorErrors.length;
    result.configs = new Set(acked.map((p) => p.dataId)).size;
    if (survivorErrors.length) {
      const kinds = [...new Set(survivorErrors.map((p) => `node ${p.node}: ${p.detail}`))].slice(0, 3);
      log(`run ${run}: ${survivorErrors.length} publish(es) to nodes 1 and 3 not acknowledged, e.g. ${kinds.join(' | ')}`);
    }
    const lastAck = Math.max(...acked.map((p) => /** @type {number} */ (p.ackedAt)));
    const latencies = acked.map((p) => /** @type {number} */ (p.ackedAt) - p.sentAt).sort((a, b) => a - b);
    const pct = (/** @type {number} */ q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN);
    log(
      `run ${run}: killed node 2 after ${Math.round(result.killAfterMs)} ms of load; ${acked.length} publishes acknowledged ` +
        `(latency p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms; the last ${Math.round(lastAck - killAt)} ms after the kill), ${notAcked.length} not; ` +
        `every publisher stopped ${Math.round(performance.now() - killAt)} ms after the kill`,
    );

    // Nodes 1 and 3 must serve every head within 2 s of the last acknowledged publish.
    const survivors = [nodes[0], nodes[2]];
    const byContent = new Map(publishes.map((p) => [p.content, p]));
    const describe = (/** @type {string} */ content) => {
      const p = byContent.get(content);
      return p ? ` [sent to node ${p.node} ${Math.round(p.sentAt - killAt)} ms after the kill, ${p.outcome === 'acked' ? `acked after ${Math.round(/** @type {number} */ (p.ackedAt) - killAt)}` : p.outcome}]` : '';
    };
    const served = await awaitHeads(client, schema, survivors, Math.max(killAt, lastAck) + STALE_AFTER_MS, describe);
    if (served.rounds > 1) {
      const at = (/** @type {string} */ line) => line.replace(/^(\d+)/, (t) => `+${Math.round(Number(t) - killAt)} ms after the kill`);
      for (const line of served.trace.slice(0, 3)) log(`run ${run}: reads ${at(line)}`);
    }
    if (served.servedAt === undefined) {
      fail(`nodes 1, 3 still stale ${STALE_AFTER_MS / 1000} s after the kill: ${served.mismatches.length} (node, config) pairs not serving the head`);
      for (const m of served.mismatches.slice(0, 20)) log(`run ${run}: stale: ${m}`);
    } else {
      result.afterKillMs = served.servedAt - killAt;
      result.afterLastAckMs = served.servedAt - lastAck;
      log(`run ${run}: nodes 1, 3 served every head ${Math.round(result.afterKillMs)} ms after the kill (${served.rounds} round(s) of reads)`);
      if (result.afterLastAckMs > CONVERGE_LIMIT_MS) fail(`nodes 1, 3 served every head only ${Math.round(result.afterLastAckMs)} ms after the last acknowledged publish`);
    }

    // Every acknowledged publish in the database, in an order its acknowledgement allows.
    const acks = await checkAcknowledged(client, schema, publishes, KILLED + 1);
    result.committed = acks.committed;
    result.killedHeads = acks.killedHeads;
    result.unansweredCommitted = acks.unansweredCommitted;
    result.unansweredHeads = acks.unansweredHeads;
    if (acks.problems.length) {
      fail(`acks: ${acks.problems.length} problem(s), e.g. ${acks.problems[0]}`);
      for (const p of acks.problems) log(`run ${run}: acks: ${p}`);
    }

    // Node 2 again: the same settings, data directory and port (another port if that one is
    // taken meanwhile).
    const restartLog = join(workDir, 'node-2-restarted.log');
    const again = await startNode(settings, env, KILLED, killed.dataDir, restartLog, killed.port).catch((err) => {
      log(`run ${run}: restart on port ${killed.port} failed (${err instanceof Error ? err.message : err}); trying another port`);
      return startNode(settings, env, KILLED, killed.dataDir, restartLog);
    });
    nodes[KILLED] = again;
    const readyAt = performance.now();
    log(`run ${run}: node 2 restarted on ${again.baseUrl}, ready after ${Math.round(again.readyMs)} ms`);
    result.restartReadyMs = again.readyMs;
    const restarted = await awaitHeads(client, schema, [again], readyAt + STALE_AFTER_MS, describe);
    if (restarted.servedAt === undefined) {
      fail(`restarted node 2 still stale ${STALE_AFTER_MS / 1000} s after ready: ${restarted.mismatches.length} configs not serving the head`);
      for (const m of restarted.mismatches.slice(0, 20)) log(`run ${run}: stale: ${m}`);
    } else {
      result.restartServedMs = Math.max(0, restarted.servedAt - readyAt);
      if (result.restartServedMs > CONVERGE_LIMIT_MS) fail(`restarted node 2 served every head only ${Math.round(result.restartServedMs)} ms after ready`);
    }
  } catch (err) {
    fail(`error: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await teardown(state);
    if (live === state) live = undefined;
    if (schemaCreated) await postgres(settings.postgresUrl, `DROP SCHEMA "${schema}" CASCADE`).catch((err) => fail(`dropping schema ${schema}: ${err.message}`));
  }
  result.ok = result.failures.length === 0;
  if (result.ok && !settings.keepLogs) {
    rmSync(workDir, { recursive: true, force: true });
  } else {
    // The data directories hold nothing of use (the database is PostgreSQL); the logs stay.
    for (let i = 1; i <= 3; i++) rmSync(join(workDir, `node-${i}`), { recursive: true, force: true });
    result.logsKept = workDir;
    if (!result.ok) log(`run ${run} FAILED: ${result.failures.join('; ')}; node logs kept in ${workDir}`);
  }
  return result;
}

/** Stops every node of a run, closes its pools and database client. @param {Live} state */
async function teardown(state) {
  await Promise.all(state.nodes.map((n) => stop(n.child)));
  await Promise.all(state.nodes.map((n) => n.pool.destroy().catch(() => undefined)));
  await state.client?.end().catch(() => undefined);
  state.client = undefined;
}

/**
 * A run bounded in time: past RUN_TIMEOUT_MS it is torn down and counted as failed.
 * @param {ReturnType<typeof readSettings>} settings
 * @param {number} run
 * @param {string} tokenSecret
 * @returns {Promise<RunResult>}
 */
async function boundedRun(settings, run, tokenSecret) {
  const runPromise = oneRun(settings, run, tokenSecret);
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout('timeout'), RUN_TIMEOUT_MS);
  });
  const first = await Promise.race([runPromise, timeout]);
  clearTimeout(timer);
  if (first !== 'timeout') return /** @type {RunResult} */ (first);
  log(`run ${run}: still going after ${RUN_TIMEOUT_MS / 1000} s; stopping its nodes`);
  if (live) await teardown(live);
  const result = await runPromise;
  result.ok = false;
  result.failures.push(`did not finish within ${RUN_TIMEOUT_MS / 1000} s`);
  return result;
}

const settings = readSettings();
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    log(`${signal}: stopping the nodes`);
    const state = live;
    (async () => {
      if (!state) return;
      await teardown(state);
      rmSync(state.workDir, { recursive: true, force: true });
      if (state.schema) await postgres(settings.postgresUrl, `DROP SCHEMA IF EXISTS "${state.schema}" CASCADE`);
    })()
      .catch((err) => log(`cleaning up: ${err instanceof Error ? err.message : err}`))
      .finally(() => process.exit(130));
  });
}
process.on('exit', () => {
  for (const node of live?.nodes ?? []) if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGKILL');
});

const startedAt = new Date();
if (settings.build) {
  log('building @switchboard/server (production build)');
  buildServer(root);
}
log(`${settings.runs} run(s) with ${settings.entry}${settings.withholdNotices ? ', node 2 withholding its notices' : ''}`);
// Every node of a cluster signs and accepts the same tokens (AUTH_TOKEN_SECRET, 32+ characters).
const tokenSecret = randomBytes(32).toString('hex');
/** @type {RunResult[]} */
const results = [];
for (let run = 1; run <= settings.runs; run++) {
  const result = await boundedRun(settings, run, tokenSecret);
  results.push(result);
  log(`run ${run}: ${result.ok ? 'pass' : 'FAIL'}`);
}

const table = runsTable(results);
console.log(table);
console.log('');
console.log(summaryLines(results).join('\n'));
const kept = results.filter((r) => r.logsKept);
if (kept.length) console.log(`\nnode logs kept (every failed run${settings.keepLogs ? ', and every run: CLUSTER_KILL_KEEP_LOGS=1' : ''}): ${kept.map((r) => `run ${r.run}: ${r.logsKept}`).join(', ')}`);
if (settings.writeResults) {
  const file = join(benchDir, 'RESULTS.md');
  writeSection(file, 'cluster-kill', resultsSection(results, { entry: settings.entry.startsWith(root) ? settings.entry.slice(root.length + 1) : settings.entry, withholdNotices: settings.withholdNotices, tailMs: settings.tailMs, startedAt, publishers: PUBLISHERS, configs: CONFIGS, configsPerPublisher: CONFIGS_PER_PUBLISHER }));
  log(`wrote the cluster-kill section of ${file}`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
