// The cluster-kill table, its summary and its section of bench/RESULTS.md (between the markers
// <!-- cluster-kill:start --> and <!-- cluster-kill:end -->: bench/lib/sections.mjs).
import { machineFacts } from '../lib/report.mjs';

/**
 * @typedef {{
 *   run: number, schema: string, ok: boolean, failures: string[], logsKept?: string,
 *   killAfterMs?: number, acked?: { byNode: number[], afterKill: number }, notAcked?: number, survivorErrors?: number, configs?: number,
 *   committed?: number, killedHeads?: number, unansweredCommitted?: number, unansweredHeads?: number,
 *   afterKillMs?: number, afterLastAckMs?: number, tailMs?: number,
 *   restartReadyMs?: number, restartServedMs?: number,
 * }} RunResult
 */

const ms = (/** @type {number | undefined} */ n) => (n === undefined || !Number.isFinite(n) ? '–' : `${Math.round(n).toLocaleString('en-US')} ms`);
const int = (/** @type {number | undefined} */ n) => (n === undefined ? '–' : n.toLocaleString('en-US'));

/** @param {RunResult[]} results */
export function runsTable(results) {
  const lines = [
    '| run | kill after load | acked publishes: node 1 / 2 / 3 (after the kill) | not acked | configs | heads written by node 2 | node 2 cut off, committed (heads) | nodes 1, 3 serve every head: after the kill / after the last ack | node 2 restarted: ready / serves every head after ready | result |',
    '|---:|---:|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of results) {
    const acked = r.acked ? `${r.acked.byNode.map(int).join(' / ')} (${int(r.acked.afterKill)})` : '–';
    const cut = r.unansweredCommitted === undefined ? '–' : `${r.unansweredCommitted} (${r.unansweredHeads})`;
    const result = r.ok ? 'pass' : `**FAIL**: ${r.failures.join('; ')}`;
    lines.push(
      `| ${r.run} | ${ms(r.killAfterMs)} | ${acked} | ${r.notAcked === undefined ? '–' : `${r.notAcked}${r.survivorErrors ? ` (${r.survivorErrors} on nodes 1, 3)` : ''}`} | ${int(r.configs)} | ${int(r.killedHeads)} | ${cut} | ${ms(r.afterKillMs)} / ${ms(r.afterLastAckMs)} | ${ms(r.restartReadyMs)} / ${ms(r.restartServedMs)} | ${result} |`,
    );
  }
  return lines.join('\n');
}

/** @param {RunResult[]} results */
export function summaryLines(results) {
  const passed = results.filter((r) => r.ok).length;
  const max = (/** @type {(r: RunResult) => number | undefined} */ f) => {
    const values = results.map(f).filter((v) => v !== undefined && Number.isFinite(v));
    return values.length ? Math.max(.../** @type {number[]} */ (values)) : undefined;
  };
  const acked = results.reduce((sum, r) => sum + (r.acked ? r.acked.byNode.reduce((a, b) => a + b, 0) : 0), 0);
  const cut = results.reduce((sum, r) => sum + (r.unansweredCommitted ?? 0), 0);
  const cutHeads = results.reduce((sum, r) => sum + (r.unansweredHeads ?? 0), 0);
  return [
    `- runs passed: **${passed} / ${results.length}**`,
    `- max time until nodes 1 and 3 served every head: ${ms(max((r) => r.afterKillMs))} after the kill, ${ms(max((r) => r.afterLastAckMs))} after the last acknowledged publish (limit 2,000 ms after the last acknowledged publish)`,
    `- max time until the restarted node 2 served every head: ${ms(max((r) => r.restartServedMs))} after it was ready (its restart took at most ${ms(max((r) => r.restartReadyMs))} to ready)`,
    `- acknowledged publishes: ${acked.toLocaleString('en-US')}, every one in the database in an order its acknowledgement allows${results.every((r) => !r.failures.some((f) => f.startsWith('acks:'))) ? '' : ' (except where a run says otherwise)'}; publishes node 2 never answered that committed anyway: ${cut} (${cutHeads} of them the config's head at the end)`,
  ];
}

/**
 * @param {RunResult[]} results
 * @param {{ entry: string, withholdNotices: boolean, tailMs: number, startedAt: Date, publishers: number, configs: number, configsPerPublisher: number }} info
 */
export function resultsSection(results, info) {
  const facts = machineFacts();
  return [
    '## Cluster mode: SIGKILL of a node under load (`npm run cluster-kill`)',
    '',
    `Three nodes on one PostgreSQL schema and one Redis; ${info.publishers} publishers (Nacos v1 \`POST /nacos/v1/cs/configs\`, keep-alive, round-robin over the nodes) write ${info.configs} configs, ${info.configsPerPublisher} each, every config shared by several publishers. After 1–3 s of load node 2 gets SIGKILL; the publishers go on on nodes 1 and 3 for ${info.tailMs} ms and stop. Then nodes 1 and 3, and node 2 once restarted and ready, must serve the database's head of every config (content and Content-MD5) within 2 s of the last acknowledged publish (the restarted node: of its readiness), and every acknowledged publish must be in the config's history, ordered as its acknowledgement requires (bench/README.md). Times are from the kill and from the last acknowledged publish to the answer that completed the match; the first look is taken once every publisher has stopped, so a small figure means "already there".`,
    '',
    `Run ${info.startedAt.toISOString()} with ${info.entry}${info.withholdNotices ? ' (node 2 withholding its notices: CLUSTER_KILL_WITHHOLD_NOTICES=1)' : ''}; ${facts.cpu}, ${facts.memory}, Node ${facts.node}, ${facts.os}; the nodes, PostgreSQL, Redis and the publishers share the machine.`,
    '',
    runsTable(results),
    '',
    ...summaryLines(results),
  ].join('\n');
}
