// The soak's table (stdout) and its section of bench/RESULTS.md (between the markers
// <!-- soak:start --> and <!-- soak:end -->: bench/lib/sections.mjs).
import { availableParallelism } from 'node:os';
import { machineFacts } from '../lib/report.mjs';

/**
 * @typedef {{ name: string, ok: boolean, detail: string }} Check
 * @typedef {{ warm: number, end: number }} Pair
 * @typedef {{
 *   rss: Pair, rssGrowthPct: number, rssMax: number, rssByMinute: number[], heap: Pair, fds: Pair, handles: Pair,
 *   fdsAfterClose: number, handlesAfterClose: number, live: number, waitingMax: number, waitingEnd: number,
 *   waitingAfterClose: number, cpuPct: number, lagP99MaxMs: number,
 * }} NodeFigures
 * @typedef {{
 *   mode: string, label: string, nodes: number, durationS: number, warmupS: number,
 *   beats?: { instances: number, services: number, sent: number, perSecond: number, ok: number, skipped: number, non2xx: number, non2xxDetail: string, errors: number, errorDetail: string, badCode: number, p50: number, p99: number, max: number },
 *   expiry?: { watcherChanges: number, watcherDetail: string, disconnects: number, polls: number, anomalies: number, pollErrors: number, detail: string[] },
 *   config?: { listeners: number, configs: number, published: number, publishFailed: number, publishP99: number, expected: number, delivered: number, missed: number, lateArrived: number, p50: number, p99: number, max: number, polls: number, changeAnswers: number, emptyAnswers: number, reads: number, listenerNon2xx: number, listenerErrors: number, listenerDetail: string, missedDetail: string[] },
 *   perNode?: NodeFigures[],
 *   client?: { cpuPct: number, lagP99Ms: number, lagMaxMs: number, connections: number },
 *   load?: { median: number, max: number },
 *   serverNon2xx?: string,
 *   checks: Check[],
 *   failure?: string,
 * }} ModeResult
 */

const int = (/** @type {number} */ n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const ms = (/** @type {number} */ n) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : '–');
const mb = (/** @type {number} */ n) => (Number.isFinite(n) ? (n / 1048576).toFixed(1) : '–');
const pct = (/** @type {number} */ n) => (Number.isFinite(n) ? `${n >= 0 ? '+' : ''}${n.toFixed(1)} %` : '–');
/** Each node's figure, joined: "node 1; node 2". @param {ModeResult} r @param {(n: NodeFigures) => string} f */
const each = (r, f) => (r.perNode?.length ? r.perNode.map(f).join('; ') : '–');
/** A column's heading. @param {ModeResult} r */
const heading = (r) => (r.nodes > 1 ? `${r.label}: node 1; node 2` : r.label);

/** @param {ModeResult[]} results */
export function soakTable(results) {
  /** @type {[string, (r: ModeResult) => string][]} */
  const rows = [
    ['run (warm-up)', (r) => `${(r.durationS / 60).toFixed(1)} min (${Math.round(r.warmupS)} s)`],
    ['instances beating (services)', (r) => (r.beats ? `${int(r.beats.instances)} (${r.beats.services})` : '–')],
    ['beats sent, all (per s in the run)', (r) => (r.beats ? `${int(r.beats.sent)} (${r.beats.perSecond.toFixed(1)})` : '–')],
    ['beats non-2xx / errors / not 10200', (r) => (r.beats ? `${r.beats.non2xx} / ${r.beats.errors} / ${r.beats.badCode}` : '–')],
    ['beats skipped (previous one unanswered after 5 s)', (r) => (r.beats ? int(r.beats.skipped) : '–')],
    ['beat latency p50 / p99 / max', (r) => (r.beats ? `${ms(r.beats.p50)} / ${ms(r.beats.p99)} / ${ms(r.beats.max)}` : '–')],
    ['instance changes seen by the watchers (health, expiry, removal)', (r) => (r.expiry ? `${r.expiry.watcherChanges}${r.expiry.disconnects ? `, ${r.expiry.disconnects} disconnects` : ''}` : '–')],
    ['instance lists polled / with a host missing or unhealthy', (r) => (r.expiry ? `${int(r.expiry.polls)} / ${r.expiry.anomalies}${r.expiry.pollErrors ? ` (${r.expiry.pollErrors} errors)` : ''}` : '–')],
    ['long-poll listeners (configs)', (r) => (r.config ? `${r.config.listeners} (${r.config.configs})` : '–')],
    ['publishes (failed), publish p99', (r) => (r.config ? `${r.config.published} (${r.config.publishFailed}), ${ms(r.config.publishP99)}` : '–')],
    ['changes delivered / expected (missed 10 s)', (r) => (r.config ? `${int(r.config.delivered)} / ${int(r.config.expected)} (${r.config.missed})` : '–')],
    ['delivery latency p50 / p99 / max', (r) => (r.config ? `${ms(r.config.p50)} / ${ms(r.config.p99)} / ${ms(r.config.max)}` : '–')],
    ['long polls answered: with a change / empty (held 29.5 s); errors', (r) => (r.config ? `${int(r.config.changeAnswers)} / ${int(r.config.emptyAnswers)}; ${r.config.listenerNon2xx + r.config.listenerErrors}` : '–')],
    ['held long polls: live listeners / max seen / at end / after they left', (r) => each(r, (n) => `${n.live} / ${n.waitingMax} / ${n.waitingEnd} / ${n.waitingAfterClose}`)],
    ['RSS MB end of warm-up → end (growth)', (r) => each(r, (n) => `${mb(n.rss.warm)} → ${mb(n.rss.end)} (${pct(n.rssGrowthPct)})`)],
    ['RSS MB max', (r) => each(r, (n) => mb(n.rssMax))],
    ['JS heap used MB end of warm-up → end', (r) => each(r, (n) => `${mb(n.heap.warm)} → ${mb(n.heap.end)}`)],
    ['open fds end of warm-up → end → listeners gone', (r) => each(r, (n) => `${int(n.fds.warm)} → ${int(n.fds.end)} → ${int(n.fdsAfterClose)}`)],
    ['active handles end of warm-up → end → listeners gone', (r) => each(r, (n) => `${int(n.handles.warm)} → ${int(n.handles.end)} → ${int(n.handlesAfterClose)}`)],
    ['server CPU (of one core), event-loop lag p99 max', (r) => each(r, (n) => `${n.cpuPct.toFixed(1)} %, ${ms(n.lagP99MaxMs)}`)],
    ['soak client CPU (of one core), its event-loop delay p99 / max', (r) => (r.client ? `${r.client.cpuPct.toFixed(1)} %, ${ms(r.client.lagP99Ms)} / ${ms(r.client.lagMaxMs)}` : '–')],
    ['soak client connections (all kept alive)', (r) => (r.client ? int(r.client.connections) : '–')],
    [`machine load average (1 min; ${availableParallelism()} cores): median / max`, (r) => (r.load ? `${r.load.median.toFixed(2)} / ${r.load.max.toFixed(2)}` : '–')],
    ['non-2xx answers on the servers\' own counters (any route)', (r) => r.serverNon2xx ?? '–'],
  ];
  const lines = [`| measure | ${results.map(heading).join(' | ')} |`, `|---|${results.map(() => '---:').join('|')}|`];
  for (const [name, f] of rows) lines.push(`| ${name} | ${results.map(f).join(' | ')} |`);
  return lines.join('\n');
}

/** @param {ModeResult[]} results */
export function checksTable(results) {
  const names = [...new Set(results.flatMap((r) => r.checks.map((c) => c.name)))];
  const lines = [`| check | ${results.map(heading).join(' | ')} |`, `|---|${results.map(() => '---').join('|')}|`];
  for (const name of names) {
    const cells = results.map((r) => {
      const c = r.checks.find((x) => x.name === name);
      return c ? `${c.ok ? 'pass' : '**FAIL**'}: ${c.detail}` : '–';
    });
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Details worth reading when something failed. @param {ModeResult[]} results */
export function detailLines(results) {
  /** @type {string[]} */
  const out = [];
  for (const r of results) {
    if (r.failure) out.push(`- ${r.label}: aborted: ${r.failure}`);
    const more = [...(r.expiry?.detail ?? []), ...(r.config?.missedDetail ?? [])];
    if (r.beats?.non2xxDetail) more.push(`beats non-2xx: ${r.beats.non2xxDetail}`);
    if (r.beats?.errorDetail) more.push(`beat errors: ${r.beats.errorDetail}`);
    if (r.config?.listenerDetail) more.push(`listeners: ${r.config.listenerDetail}`);
    for (const line of more.slice(0, 30)) out.push(`- ${r.label}: ${line}`);
  }
  return out;
}

/**
 * @param {ModeResult[]} results
 * @param {{ minutes: number, instances: number, listeners: number, configs: number, publishEveryS: number, deliveryDeadlineS: number }} settings
 * @param {Date} startedAt
 */
export function soakMarkdown(results, settings, startedAt) {
  const m = machineFacts();
  const details = detailLines(results);
  const minuteRows = results.flatMap((r) => (r.perNode ?? []).map((n, i) => `- ${r.label}${r.nodes > 1 ? `, node ${i + 1}` : ''}: ${n.rssByMinute.map(mb).join(', ')}`));
  return [
    '## Soak',
    '',
    'Written by `npm run soak` (bench/soak.mjs); see bench/README.md. The traffic real clients send, for a long time:',
    `${settings.instances.toLocaleString('en-US')} ephemeral instances registered and beating as the \`nacos\` npm client does (a full beat, the \`beat\` JSON, every 5 s each, spread evenly),`,
    `${settings.listeners} \`nacos-config\` long-poll listeners (each on a connection of its own, 2 of ${settings.configs} configs each, polling again after every answer)`,
    `and a publish every ${settings.publishEveryS} s to one of the configs; on one node (SQLite), then on two cluster nodes (PostgreSQL and Redis; every beat to`,
    'either node at random, listeners and publishes alternating between them). The servers run with their default heartbeat timeouts (unhealthy after 15 s',
    'without a beat, removed after 30 s). Warm-up: the first 20 % of a run, at least a minute; "end of warm-up" and "end" are the medians of the',
    '/metrics samples (every 5 s) of the last minute of the warm-up and of the run.',
    '',
    `- Date: ${startedAt.toISOString()}; ${settings.minutes} min per run (SOAK_MINUTES)`,
    `- Machine: ${m.cpu}, ${m.memory}, Node ${m.node}, ${m.os}; the soak client, the servers, PostgreSQL and Redis share it`,
    '',
    soakTable(results),
    '',
    checksTable(results),
    '',
    'RSS (MB) at the start of each minute of the run:',
    '',
    ...minuteRows,
    '',
    ...(details.length ? ['Details:', '', ...details, ''] : []),
  ].join('\n');
}
