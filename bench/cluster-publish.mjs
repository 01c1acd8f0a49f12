// Cluster mode: durable publishes on PostgreSQL, by one node and by two nodes sharing the database
// and Redis, with the same 50 publishers spread over the nodes. Every answer is verified before
// the runs and counted during them (a non-2xx fails the bench); after the two-node runs, every
// config written must read the same (content and md5) on both nodes, which proves each publish
// reached the other node. Bounded: the same rounds and durations as the scenarios.
//
// What it shows here: whether a second node adds throughput on this machine, where both nodes,
// PostgreSQL, Redis and the load generator share two cores; and each node's CPU per publish,
// which is what a node on a machine of its own would spend.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_ADMIN_PASSWORD, authHeaders, check, sendJson, setAuthToken } from './lib/api.mjs';
import { load, median, processCpuUs } from './lib/measure.mjs';
import { limitCpu } from './lib/cpu-budget.mjs';
import { startSwitchboard, stop } from './lib/processes.mjs';
import { postgres } from './lib/postgres.mjs';

const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
// Every node of a cluster signs and accepts the same login tokens.
const TOKEN_SECRET = randomBytes(32).toString('hex');

/**
 * @typedef {{ nodes: number, rps: number, p99: number, requests: number, cpuUsPerPublish?: number, runs: number[] }} ClusterRow
 * @typedef {{ rps: number, writerUs: number, hearingUs: number }} ClusterSplit
 * @typedef {{ cpus: number, rows: ClusterRow[], failure?: string }} ClusterBudgeted
 * @typedef {{ rows: ClusterRow[], split?: ClusterSplit, budgeted: ClusterBudgeted, failure?: string }} ClusterOutcome
 */


// Each node's CPU budget in the budgeted runs (BENCH_CLUSTER_NODE_CPUS, in CPUs): small enough that
// three nodes leave most of the machine to PostgreSQL, Redis and the load generator, so the
// nodes, not the machine, are the limit.
const NODE_CPUS = Number(process.env.BENCH_CLUSTER_NODE_CPUS ?? 0.25);
// Flags of the budgeted nodes' Node (BENCH_CLUSTER_NODE_ARGS). V8 collects garbage with helper
// threads, one per core; on a node held to a fraction of one CPU they only share the same quota
// with the main thread, so the budgeted nodes collect on the main thread, as README advises for
// nodes under a CPU limit below one core (bench/PROFILE.md: "Nodes on a CPU budget").
const NODE_ARGS = (process.env.BENCH_CLUSTER_NODE_ARGS ?? '--single-threaded-gc').split(' ').filter(Boolean);

/**
 * @param {string} root
 * @param {string} entry
 * @param {{ rounds: number, durationS: number, warmupS: number, connections: number, pipelining: number }} settings
 * @param {(msg: string) => void} log
 * @returns {Promise<ClusterOutcome>}
 */
export async function measureClusterPublish(root, entry, settings, log) {
  /** @type {ClusterOutcome} */
  const outcome = { rows: [], budgeted: { cpus: NODE_CPUS, rows: [] } };
  try {
    for (const count of [1, 2]) {
      const run = await runNodes(root, entry, settings, log, count, undefined);
      if ('row' in run) outcome.rows.push(run.row);
      if ('split' in run) outcome.split = run.split;
    }
    for (const count of [1, 2, 3]) {
      const run = await runNodes(root, entry, settings, log, count, NODE_CPUS);
      if ('unmeasured' in run) {
        outcome.budgeted.failure = run.unmeasured;
        break;
      }
      outcome.budgeted.rows.push(run.row);
    }
  } catch (err) {
    outcome.failure = err instanceof Error ? err.message : String(err);
  }
  return outcome;
}

/**
 * `count` nodes on a schema of their own; with `cpus`, each node limited to that much CPU once
 * warm (on a machine that cannot limit it: why, and nothing measured). Two unlimited nodes also
 * measure the split of CPU between the writing node and the hearing one.
 * @param {string} root
 * @param {string} entry
 * @param {{ rounds: number, durationS: number, warmupS: number, connections: number, pipelining: number }} settings
 * @param {(msg: string) => void} log
 * @param {number} count
 * @param {number | undefined} cpus
 * @returns {Promise<{ row: ClusterRow, split?: ClusterSplit } | { unmeasured: string }>}
 */
async function runNodes(root, entry, settings, log, count, cpus) {
  const { publishScenario } = await import('./scenarios.mjs');
  const label = `${count} node(s)${cpus ? ` of ${cpus} CPU each` : ''}`;
  const schema = `sb_bench_${randomBytes(4).toString('hex')}`;
  /** @type {{ child: import('node:child_process').ChildProcess, baseUrl: string, dataDir: string }[]} */
  const nodes = [];
  /** @type {(() => void)[]} */
  const releases = [];
  await postgres(POSTGRES_URL, `CREATE SCHEMA "${schema}"`);
  try {
    const env = { DB_TYPE: 'postgres', DB_URL: POSTGRES_URL, DB_SCHEMA: schema, AUTH_TOKEN_SECRET: TOKEN_SECRET, ...(count > 1 ? { REDIS_URL, CLUSTER_NAME: schema } : {}) };
    for (let i = 0; i < count; i++) {
      // One after the other: the first creates the schema's tables and the administrator.
      const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-cluster-'));
      const started = await startSwitchboard(root, entry, dataDir, 30_000, env, cpus ? NODE_ARGS : []);
      nodes.push({ ...started, dataDir });
    }
    log(`cluster: ${label} on PostgreSQL${count > 1 ? ' and Redis' : ''}`);
    setAuthToken((await sendJson(nodes[0].baseUrl, 'POST', '/api/v1/auth/login', { username: 'admin', password: BENCH_ADMIN_PASSWORD })).accessToken);
    // The publishers spread over the nodes, each node's writing configs of its own.
    const scenarios = nodes.map((_, i) => publishScenario(`bench-cluster-${i}`));
    // Unlimited nodes share the same publishers (does a node more help the same clients on this
    // machine?); nodes on a budget each carry a full set (do N nodes carry N times the clients?).
    const share = cpus ? settings : { ...settings, connections: Math.max(1, Math.floor(settings.connections / count)) };
    for (const [i, node] of nodes.entries()) {
      const scenario = scenarios[i];
      const res = await fetch(node.baseUrl + scenario.path, { method: scenario.method, headers: { ...authHeaders(), ...scenario.headers }, body: scenario.body });
      scenario.verify(res.status, await res.text());
    }
    await Promise.all(nodes.map((node, i) => load(node.baseUrl, scenarios[i], share, settings.warmupS)));
    if (cpus) {
      // Limited once warm: code compiled at full speed, as on a node that has been serving a while.
      for (const node of nodes) {
        const limited = node.child.pid ? limitCpu(node.child.pid, cpus) : { failure: 'no process id' };
        if ('failure' in limited) {
          log(`cluster: budgeted runs not measured: ${limited.failure}`);
          return { unmeasured: limited.failure };
        }
        releases.push(limited.release);
      }
      await Promise.all(nodes.map((node, i) => load(node.baseUrl, scenarios[i], share, settings.warmupS)));
    }
    /** @type {{ rps: number, p99: number, requests: number, cpu?: number }[]} */
    const rounds = [];
    for (let round = 0; round < settings.rounds; round++) {
      const runs = await Promise.all(nodes.map((node, i) => load(node.baseUrl, scenarios[i], share, settings.durationS, node.child.pid)));
      const bad = runs.filter((r) => r.bad);
      check(bad.length === 0, `${label}, round ${round + 1}: ${bad.map((r) => r.badDetail).join('; ')}`);
      const requests = runs.reduce((sum, r) => sum + r.requests, 0);
      const cpu = runs.every((r) => r.cpuUsPerRequest !== undefined) ? runs.reduce((sum, r) => sum + (r.cpuUsPerRequest ?? 0) * r.requests, 0) / requests : undefined;
      rounds.push({ rps: runs.reduce((sum, r) => sum + r.rps, 0), p99: Math.max(...runs.map((r) => r.p99)), requests, cpu });
    }
    /** @type {ClusterSplit | undefined} */
    let split;
    if (count === 2 && !cpus) {
      // Every publisher on the first node: what the writing node spends per publish, and what
      // a node that only hears of them spends.
      const others = nodes.slice(1).map((n) => processCpuUs(n.child.pid));
      const run = await load(nodes[0].baseUrl, scenarios[0], settings, settings.durationS, nodes[0].child.pid);
      check(!run.bad, `all publishers on one node: ${run.badDetail}`);
      const heard = nodes.slice(1).map((n, i) => ((processCpuUs(n.child.pid) ?? NaN) - (others[i] ?? NaN)) / run.requests);
      split = { rps: run.rps, writerUs: run.cpuUsPerRequest ?? NaN, hearingUs: median(heard) };
    }
    if (count > 1) await checkReplicated(nodes.map((n) => n.baseUrl), count);
    const cpuFigures = rounds.map((r) => r.cpu).filter((c) => c !== undefined);
    const row = {
      nodes: count,
      rps: median(rounds.map((r) => r.rps)),
      p99: median(rounds.map((r) => r.p99)),
      requests: rounds.reduce((sum, r) => sum + r.requests, 0),
      cpuUsPerPublish: cpuFigures.length ? median(cpuFigures) : undefined,
      runs: rounds.map((r) => r.rps),
    };
    return split ? { row, split } : { row };
  } catch (err) {
    throw new Error(`${label}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  } finally {
    for (const node of nodes) {
      await stop(node.child);
      rmSync(node.dataDir, { recursive: true, force: true });
    }
    for (const release of releases) release();
    await postgres(POSTGRES_URL, `DROP SCHEMA "${schema}" CASCADE`);
  }
}

/**
 * Every config each node's publishers wrote reads the same on every node (content and md5),
 * within 10 s of the last publish.
 * @param {string[]} baseUrls
 * @param {number} count
 */
async function checkReplicated(baseUrls, count) {
  const deadline = Date.now() + 10_000;
  for (let i = 0; i < count; i++) {
    for (let n = 0; n < 50; n++) {
      const query = `dataId=bench-cluster-${i}-${n}.properties&group=DEFAULT_GROUP`;
      for (;;) {
        const answers = await Promise.all(
          baseUrls.map(async (baseUrl) => {
            const res = await fetch(`${baseUrl}/nacos/v1/cs/configs?${query}`, { headers: authHeaders() });
            return { status: res.status, md5: res.headers.get('content-md5'), body: await res.text() };
          }),
        );
        const same = answers.every((a) => a.status === 200 && a.md5 === answers[0].md5 && a.body === answers[0].body);
        if (same) break;
        check(Date.now() < deadline, `config bench-cluster-${i}-${n} differs between the nodes: ${answers.map((a) => `${a.status} md5 ${a.md5}`).join(' / ')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}

/**
 * @param {ClusterOutcome} outcome
 * @param {{ connections: number }} settings
 */
export function clusterMarkdown(outcome, settings) {
  const one = outcome.rows.find((r) => r.nodes === 1);
  const lines = [
    '## Cluster mode: durable publishes on PostgreSQL',
    '',
    `The same ${'50'} publishers (1 KB each, acknowledged after the commit) against one node on PostgreSQL, then spread over two nodes sharing the database and Redis (each node's share writing configs of its own). After the two-node runs every config read the same on both nodes. Median of the rounds (each round's figure in brackets); CPU: the nodes' own CPU time per publish. Both nodes, PostgreSQL, Redis and the load generator share this machine's two cores.`,
    '',
    '| nodes | publishes / s | p99 ms | vs one node | server CPU µs / publish |',
    '|---|---|---|---|---|',
    ...outcome.rows.map(
      (r) =>
        `| ${r.nodes} | ${Math.round(r.rps).toLocaleString('en-US')} (${r.runs.map((x) => Math.round(x).toLocaleString('en-US')).join(', ')}) | ${r.p99.toFixed(1)} | ${one ? (r.rps / one.rps).toFixed(2) : '–'} | ${r.cpuUsPerPublish === undefined ? '–' : Math.round(r.cpuUsPerPublish)} |`,
    ),
  ];
  const split = outcome.split;
  if (split && Number.isFinite(split.writerUs) && Number.isFinite(split.hearingUs)) {
    // N nodes on a core each, sharing R publishes / s evenly: each spends R / N × writer +
    // R × (N − 1) / N × hearing µs per second, so R ≤ N × 1 s / (writer + hearing × (N − 1)).
    const rate = (/** @type {number} */ perPublishUs) => `${Math.round(1e6 / perPublishUs).toLocaleString('en-US')} / s`;
    const alone = one?.cpuUsPerPublish;
    const projected = [2, 3].map((n) => rate((split.writerUs + split.hearingUs * (n - 1)) / n));
    lines.push(
      '',
      `Every publisher on the first of the two nodes (${Math.round(split.rps).toLocaleString('en-US')} / s): the writing node spent ${Math.round(split.writerUs)} µs of CPU per publish, the other node ${Math.round(split.hearingUs)} µs per publish it heard of. With a core per node and the publishers spread evenly, N nodes carry up to N × 1 s / (writer + hearing × (N − 1)): ${alone ? `${rate(alone)} for one node (its own ${Math.round(alone)} µs, no notices), ` : ''}${projected[0]} for two and ${projected[1]} for three. A projection from these costs, not a measurement, with the database not counted.`,
    );
  }
  const budgeted = outcome.budgeted;
  const alone = budgeted.rows.find((r) => r.nodes === 1);
  lines.push('', `### Nodes on a CPU budget each`, '');
  if (budgeted.rows.length) {
    lines.push(
      `Each node limited to ${budgeted.cpus} CPU (a cgroup CPU quota of its own, set once the node is warm; Node flags: ${NODE_ARGS.join(' ') || 'none'}), as a node on a machine of its own would be, so that the nodes, not the machine, are the limit: three nodes take ${(budgeted.cpus * 3).toFixed(2)} of the two cores and leave the rest to PostgreSQL, Redis and the load generator. Each node carries ${settings.connections} publishers of its own (N nodes: N × ${settings.connections} clients). After each run of several nodes every config read the same on all of them.`,
      '',
      '| nodes | publishes / s | p99 ms | vs one node | server CPU µs / publish |',
      '|---|---|---|---|---|',
      ...budgeted.rows.map(
        (r) =>
          `| ${r.nodes} × ${budgeted.cpus} CPU | ${Math.round(r.rps).toLocaleString('en-US')} (${r.runs.map((x) => Math.round(x).toLocaleString('en-US')).join(', ')}) | ${r.p99.toFixed(1)} | ${alone ? (r.rps / alone.rps).toFixed(2) : '–'} | ${r.cpuUsPerPublish === undefined ? '–' : Math.round(r.cpuUsPerPublish)} |`,
      ),
    );
  }
  if (budgeted.failure) lines.push(`Not measured: ${budgeted.failure}.`);
  if (outcome.failure) lines.push('', `FAILED: ${outcome.failure}`);
  return lines.join('\n') + '\n';
}
