#!/usr/bin/env node
// `npm run soak`: a long run of the traffic real Nacos clients send (bench/soak/traffic.mjs), on one
// node (temporary SQLite) and then on two cluster nodes (PostgreSQL + Redis), checking that the
// server holds up: no beating instance ever lost, memory flat after the warm-up, no long-poll
// listener leaked, every published change delivered, every beat answered 2xx. Prints a table,
// writes the soak section of bench/RESULTS.md, and exits non-zero when a check failed.
// Not part of `npm test` (it runs for SOAK_MINUTES per mode). Traffic goes to 127.0.0.1 only.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { buildServer, startSwitchboard, stop } from './lib/processes.mjs';
import { writeSection } from './lib/sections.mjs';
import { checksTable, detailLines, soakMarkdown, soakTable } from './soak/report.mjs';
import { Beater, DeliveryTracker, GROUP, ListPoller, Listener, MetricsSampler, Publisher, Tally, Watcher, metric, metricsText, md5, registerAll, soakInstances } from './soak/traffic.mjs';
import { postgres } from './lib/postgres.mjs';

const benchDir = import.meta.dirname;
const root = resolve(benchDir, '..');
const log = (/** @type {string} */ msg) => console.error(`[soak ${new Date().toISOString().slice(11, 19)}] ${msg}`);

// Fixed shape of the traffic (the brief of the soak): beats every 5 s, 20 instances a service,
// 40 configs with 2 per listener, a publish every 3 s, a change due within 10 s.
const BEAT_INTERVAL_MS = 5000;
const INSTANCES_PER_SERVICE = 20;
const CONFIGS = 40;
const PUBLISH_EVERY_MS = 3000;
const DELIVERY_DEADLINE_MS = 10_000;
const SAMPLE_EVERY_MS = 5000;
const LIST_EVERY_MS = 5000;
const WINDOW_MS = 60_000; // the samples whose median is "end of warm-up" and "end" (RSS swings ±10 % with GC)
const QUIET_MS = 15_000; // no publish in the last 15 s: every delivery settles within the run
// Bounded connections per node: registrations and beats share 8, publishes, lists and /metrics 4.
const BEAT_CONNECTIONS = 8;
const AUX_CONNECTIONS = 4;

function readSettings() {
  /** @type {string[]} */
  const bad = [];
  const num = (/** @type {string} */ name, /** @type {number} */ fallback, integer = true) => {
    const raw = process.env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!(n > 0) || (integer && !Number.isInteger(n))) bad.push(`${name}=${raw} (must be a positive ${integer ? 'integer' : 'number'})`);
    return n;
  };
  const modes = (process.env.SOAK_MODES ?? 'single,cluster').split(',').map((m) => m.trim()).filter(Boolean);
  for (const m of modes) if (m !== 'single' && m !== 'cluster') bad.push(`SOAK_MODES: unknown mode "${m}" (single, cluster)`);
  const settings = {
    minutes: num('SOAK_MINUTES', 10, false),
    instances: num('SOAK_INSTANCES', 1000),
    listeners: num('SOAK_LISTENERS', 200),
    configs: CONFIGS,
    publishEveryS: PUBLISH_EVERY_MS / 1000,
    deliveryDeadlineS: DELIVERY_DEADLINE_MS / 1000,
    modes,
    postgresUrl: process.env.SOAK_POSTGRES_URL ?? process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    redisUrl: process.env.SOAK_REDIS_URL ?? process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
  if (bad.length) {
    console.error(`soak: bad settings: ${bad.join(', ')}`);
    process.exit(2);
  }
  return settings;
}

/** @param {number[]} values */
const median = (values) => {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
/** @param {number[]} sorted @param {number} q */
const quantile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);

/** Waits until `probe` returns true, checking every 250 ms; false after `timeoutMs`. @param {() => Promise<boolean>} probe @param {number} timeoutMs */
async function until(probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return true;
    await sleep(250);
  }
  return false;
}

/** Sleeps until performance.now() reaches `at`, logging progress every minute. @param {number} at @param {number} t0 */
async function sleepUntil(at, t0) {
  while (performance.now() < at) {
    await sleep(Math.min(60_000 - ((performance.now() - t0) % 60_000), at - performance.now()) + 1);
    if (progress) progress();
  }
}
/** @type {(() => void) | undefined} */
let progress;

/** @type {(() => Promise<void>)[]} */
const cleanups = [];
async function cleanupAll() {
  while (cleanups.length) {
    const next = /** @type {() => Promise<void>} */ (cleanups.pop());
    await next().catch((err) => log(`cleanup: ${err instanceof Error ? err.message : err}`));
  }
}

/**
 * Starts the mode's nodes; returns them with their connection pools. Every cleanup is registered.
 * @param {'single' | 'cluster'} mode
 * @param {string} entry
 * @param {ReturnType<typeof readSettings>} settings
 */
async function startNodes(mode, entry, settings) {
  /** @type {Record<string, string>} */
  const env = {
    AUTH_ENABLED: 'false',
    // The server's defaults, which the bench's helper overrides for its registry scenarios.
    NAMING_UNHEALTHY_AFTER_MS: '15000',
    NAMING_EXPIRE_AFTER_MS: '30000',
  };
  const count = mode === 'cluster' ? 2 : 1;
  if (mode === 'cluster') {
    const schema = `sb_soak_${randomBytes(4).toString('hex')}`;
    await postgres(settings.postgresUrl, `CREATE SCHEMA "${schema}"`);
    cleanups.push(() => postgres(settings.postgresUrl, `DROP SCHEMA "${schema}" CASCADE`).then(() => log(`dropped schema ${schema}`)));
    Object.assign(env, { DB_TYPE: 'postgres', DB_URL: settings.postgresUrl, DB_SCHEMA: schema, REDIS_URL: settings.redisUrl, CLUSTER_NAME: schema, AUTH_TOKEN_SECRET: randomBytes(32).toString('hex') });
    log(`schema ${schema} on ${settings.postgresUrl}, Redis ${settings.redisUrl}`);
  }
  /** @type {import('./soak/traffic.mjs').SoakNode[]} */
  const nodes = [];
  for (let i = 0; i < count; i++) {
    // One after the other: the first creates the schema's tables.
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-soak-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const started = await startSwitchboard(root, entry, dataDir, 60_000, env);
    cleanups.push(() => stop(started.child));
    const node = {
      index: i,
      baseUrl: started.baseUrl,
      pid: started.child.pid,
      beats: new Pool(started.baseUrl, { connections: BEAT_CONNECTIONS, keepAliveTimeout: 60_000 }),
      aux: new Pool(started.baseUrl, { connections: AUX_CONNECTIONS, keepAliveTimeout: 60_000 }),
    };
    cleanups.push(async () => {
      await node.beats.destroy();
      await node.aux.destroy();
    });
    nodes.push(node);
    log(`node ${i + 1} ready at ${started.baseUrl} in ${Math.round(started.readyMs)} ms (pid ${started.child.pid})`);
  }
  if (count > 1) {
    const heard = await until(async () => {
      const texts = await Promise.all(nodes.map(metricsText));
      return texts.every((t) => metric(t, 'switchboard_cluster_connected') === 1 && metric(t, 'switchboard_cluster_nodes_heard') >= count - 1);
    }, 30_000);
    if (!heard) throw new Error('the cluster nodes did not hear each other within 30 s');
  }
  return nodes;
}

/**
 * One run of SOAK_MINUTES against one or two nodes.
 * @param {'single' | 'cluster'} mode
 * @param {string} entry
 * @param {ReturnType<typeof readSettings>} settings
 * @returns {Promise<import('./soak/report.mjs').ModeResult>}
 */
async function runMode(mode, entry, settings) {
  const durationMs = settings.minutes * 60_000;
  // Warm-up: 20 % of the run, at least a minute (at most half of a run shorter than 2 min).
  const warmupMs = Math.min(Math.max(0.2 * durationMs, 60_000), 0.5 * durationMs);
  const label = mode === 'cluster' ? 'two nodes (PostgreSQL + Redis)' : 'one node (SQLite)';
  /** @type {import('./soak/report.mjs').ModeResult} */
  const result = { mode, label, nodes: mode === 'cluster' ? 2 : 1, durationS: durationMs / 1000, warmupS: warmupMs / 1000, checks: [] };
  try {
    const nodes = await startNodes(mode, entry, settings);

    // Configs, readable on every node before anyone listens.
    const configs = Array.from({ length: settings.configs }, (_, index) => ({ index, dataId: `soak-config-${String(index).padStart(2, '0')}.properties` }));
    for (const config of configs) {
      const res = await nodes[0].aux.request({ method: 'POST', path: '/nacos/v1/cs/configs', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ dataId: config.dataId, group: GROUP, content: `soak.round=0\nsoak.config=${config.dataId}\n`, type: 'properties' }).toString() });
      const text = await res.body.text();
      if (res.statusCode !== 200 || text !== 'true') throw new Error(`creating ${config.dataId}: ${res.statusCode} ${text.slice(0, 200)}`);
    }
    const everywhere = await until(async () => {
      for (const node of nodes)
        for (const config of configs) {
          const res = await node.aux.request({ method: 'GET', path: `/nacos/v1/cs/configs?dataId=${encodeURIComponent(config.dataId)}&group=${GROUP}` });
          const text = await res.body.text();
          if (res.statusCode !== 200 || md5(text) !== md5(`soak.round=0\nsoak.config=${config.dataId}\n`)) return false;
        }
      return true;
    }, 15_000);
    if (!everywhere) throw new Error('the configs did not read the same on every node within 15 s');

    // Instances: registered, then beating at once (the npm client beats from its registration on).
    const instances = soakInstances(settings.instances, INSTANCES_PER_SERVICE);
    const services = [...new Set(instances.map((i) => i.serviceName))];
    log(`${label}: registering ${instances.length} instances (${services.length} services)`);
    const registerStart = performance.now();
    await registerAll(instances, nodes, 16);
    log(`registered in ${Math.round(performance.now() - registerStart)} ms`);
    const beater = new Beater(instances, nodes, BEAT_INTERVAL_MS);
    beater.start();
    cleanups.push(() => beater.stop());
    const lastOfService = (/** @type {string} */ s) => instances.filter((i) => i.serviceName === s).length;
    const listed = await until(async () => {
      for (const node of nodes)
        for (const s of services) {
          const res = await node.aux.request({ method: 'GET', path: `/nacos/v1/ns/instance/list?serviceName=${encodeURIComponent(`${GROUP}@@${s}`)}&healthyOnly=false` });
          const list = JSON.parse(await res.body.text());
          if (list.hosts?.length !== lastOfService(s)) return false;
        }
      return true;
    }, 15_000);
    if (!listed) throw new Error('not every node listed every instance within 15 s of the registrations');

    // The false-expiry watchers: the console's topic of every service, on every node.
    const watchers = nodes.map((node) => new Watcher(node, services, INSTANCES_PER_SERVICE));
    for (const w of watchers) await w.start();
    cleanups.push(async () => watchers.forEach((w) => w.close()));

    // Listeners: listener j on node j mod N, on configs a = j mod C and b, a few after a.
    const tracker = new DeliveryTracker(DELIVERY_DEADLINE_MS);
    const listenerStats = { polls: 0, changeAnswers: 0, emptyAnswers: 0, reads: 0, non2xx: new Tally(), errors: new Tally() };
    /** @type {Map<number, number[]>} */
    const listenersOf = new Map(configs.map((c) => [c.index, []]));
    const listeners = Array.from({ length: settings.listeners }, (_, j) => {
      const a = j % configs.length;
      const b = (a + 1 + (Math.floor(j / configs.length) % (configs.length - 1))) % configs.length;
      listenersOf.get(a)?.push(j);
      listenersOf.get(b)?.push(j);
      return new Listener(j, nodes[j % nodes.length], [configs[a], configs[b]], tracker, listenerStats);
    });
    cleanups.push(async () => {
      await Promise.all(listeners.map((l) => l.close()));
    });
    for (const l of listeners) l.start();
    const live = nodes.map((n) => listeners.filter((l) => l.node === n).length);
    const heldAll = await until(async () => {
      const texts = await Promise.all(nodes.map(metricsText));
      return texts.every((t, i) => metric(t, 'switchboard_config_long_poll_waiting') === live[i]);
    }, 20_000);
    if (!heldAll) throw new Error('the listeners were not all held within 20 s of starting');

    // Steady state from here on.
    const waitingMax = nodes.map(() => 0);
    const sampler = new MetricsSampler(nodes, SAMPLE_EVERY_MS, (node, s) => {
      waitingMax[node.index] = Math.max(waitingMax[node.index], s.waiting);
    });
    const poller = new ListPoller(nodes, services.map((s) => `${GROUP}@@${s}`), INSTANCES_PER_SERVICE, LIST_EVERY_MS);
    const publisher = new Publisher(nodes, configs, listenersOf, tracker, PUBLISH_EVERY_MS);
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    const beatsBefore = beater.stats.sent;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    loopDelay.enable();
    sampler.start();
    poller.start();
    publisher.start();
    cleanups.push(async () => {
      await publisher.stop();
      await poller.stop();
      await sampler.stop();
    });
    progress = () => {
      const elapsedMin = (performance.now() - t0) / 60_000;
      const last = sampler.samples.map((s) => s.at(-1));
      log(
        `${label}: ${elapsedMin.toFixed(1)} min; beats ${beater.stats.sent} (non-2xx ${beater.stats.non2xx.total}, errors ${beater.stats.errors.total}); ` +
          `publishes ${publisher.stats.published}, delivered ${tracker.latencies.length}/${tracker.expected}; ` +
          `RSS ${last.map((s) => (s ? (s.rss / 1048576).toFixed(1) : '?')).join(' / ')} MB; held ${last.map((s) => s?.waiting ?? '?').join(' / ')}; ` +
          `changes seen ${watchers.reduce((n, w) => n + w.changes.total, 0)}, list anomalies ${poller.stats.anomalies}`,
      );
    };
    log(`${label}: steady state for ${settings.minutes} min (warm-up ${Math.round(warmupMs / 1000)} s)`);
    await sleepUntil(t0 + durationMs - QUIET_MS, t0);
    await publisher.stop();
    await sleepUntil(t0 + durationMs, t0);
    progress = undefined;
    const elapsedS = (performance.now() - t0) / 1000;
    const beatsInRun = beater.stats.sent - beatsBefore;
    const cpu = process.cpuUsage(cpu0);
    loopDelay.disable();
    await poller.stop();
    await sampler.stop();
    tracker.settle();

    // Held polls at the end: every live listener, none more (three looks, 1 s apart: one may be
    // between its answer and its next poll).
    const waitingEnd = nodes.map(() => 0);
    for (let i = 0; i < 3; i++) {
      const texts = await Promise.all(nodes.map(metricsText));
      texts.forEach((t, n) => (waitingEnd[n] = Math.max(waitingEnd[n], metric(t, 'switchboard_config_long_poll_waiting'))));
      await sleep(1000);
    }
    for (const w of watchers) w.counting = false;
    // Listeners go away (connections closed mid-poll): the server must drop their held polls.
    await Promise.all(listeners.map((l) => l.close()));
    /** @type {import('./soak/traffic.mjs').Sample[]} */
    let after = [];
    await until(async () => {
      after = await Promise.all(nodes.map((n) => sampler.sample(n)));
      return after.every((s) => s.waiting === 0);
    }, 10_000);
    await sleep(2000); // sockets closing on the server's side settle
    after = await Promise.all(nodes.map((n) => sampler.sample(n)));
    await beater.stop();
    for (const w of watchers) w.close();

    // Figures.
    const warmEnd = t0 + warmupMs;
    const runEnd = t0 + durationMs;
    /** @param {import('./soak/traffic.mjs').Sample[]} samples @param {(s: import('./soak/traffic.mjs').Sample) => number} f */
    const pair = (samples, f) => ({
      warm: median(samples.filter((s) => s.t > warmEnd - Math.min(WINDOW_MS, warmupMs) && s.t <= warmEnd).map(f)),
      end: median(samples.filter((s) => s.t > runEnd - WINDOW_MS && s.t <= runEnd).map(f)),
    });
    result.perNode = nodes.map((node, i) => {
      const samples = sampler.samples[i];
      const rss = pair(samples, (s) => s.rss);
      const first = samples[0];
      const lastInRun = samples.filter((s) => s.t <= runEnd).at(-1);
      const cpuUs = (lastInRun?.cpuUs ?? NaN) - (first?.cpuUs ?? NaN);
      return {
        rss,
        rssGrowthPct: ((rss.end - rss.warm) / rss.warm) * 100,
        rssMax: Math.max(...samples.map((s) => s.rss)),
        rssByMinute: Array.from({ length: Math.ceil(durationMs / 60_000) + 1 }, (_, m) => samples.find((s) => s.t >= t0 + m * 60_000 - 1)?.rss ?? NaN).filter(Number.isFinite),
        heap: pair(samples, (s) => s.heapUsed),
        fds: pair(samples, (s) => s.fds),
        handles: pair(samples, (s) => s.handles),
        fdsAfterClose: after[i].fds,
        handlesAfterClose: after[i].handles,
        live: live[i],
        waitingMax: waitingMax[i],
        waitingEnd: waitingEnd[i],
        waitingAfterClose: after[i].waiting,
        cpuPct: lastInRun && first ? (cpuUs / ((lastInRun.t - first.t) * 1000)) * 100 : NaN,
        lagP99MaxMs: Math.max(...samples.map((s) => s.lagP99)) * 1000,
      };
    });
    const b = beater.stats;
    result.beats = {
      instances: instances.length,
      services: services.length,
      sent: b.sent,
      perSecond: beatsInRun / elapsedS,
      ok: b.ok,
      skipped: b.skipped,
      non2xx: b.non2xx.total,
      non2xxDetail: b.non2xx.toString(),
      errors: b.errors.total,
      errorDetail: b.errors.toString(),
      badCode: b.badCode.total,
      p50: b.latency.percentile(50) / 1000,
      p99: b.latency.percentile(99) / 1000,
      max: b.latency.max / 1000,
    };
    const changes = watchers.reduce((n, w) => n + w.changes.total, 0);
    result.expiry = {
      watcherChanges: changes,
      watcherDetail: watchers.map((w) => w.changes.toString()).filter(Boolean).join('; '),
      disconnects: watchers.reduce((n, w) => n + w.disconnects, 0),
      polls: poller.stats.polls,
      anomalies: poller.stats.anomalies,
      pollErrors: poller.stats.errors.total,
      detail: [...watchers.flatMap((w) => w.detail), ...poller.stats.detail, ...(poller.stats.errors.total ? [`list errors: ${poller.stats.errors}`] : [])],
    };
    const lat = [...tracker.latencies].sort((x, y) => x - y);
    result.config = {
      listeners: listeners.length,
      configs: configs.length,
      published: publisher.stats.published,
      publishFailed: publisher.stats.failed.total,
      publishP99: publisher.stats.latency.percentile(99) / 1000,
      expected: tracker.expected,
      delivered: lat.length,
      missed: tracker.missed,
      lateArrived: tracker.lateArrived,
      p50: quantile(lat, 0.5),
      p99: quantile(lat, 0.99),
      max: lat.at(-1) ?? NaN,
      polls: listenerStats.polls,
      changeAnswers: listenerStats.changeAnswers,
      emptyAnswers: listenerStats.emptyAnswers,
      reads: listenerStats.reads,
      listenerNon2xx: listenerStats.non2xx.total,
      listenerErrors: listenerStats.errors.total,
      listenerDetail: [listenerStats.non2xx.toString(), listenerStats.errors.toString()].filter(Boolean).join('; '),
      missedDetail: [...tracker.missedDetail, ...(publisher.stats.failed.total ? [`publish failures: ${publisher.stats.failed}`] : [])],
    };
    result.client = {
      cpuPct: ((cpu.user + cpu.system) / (elapsedS * 1e6)) * 100,
      lagP99Ms: loopDelay.percentile(99) / 1e6,
      lagMaxMs: loopDelay.max / 1e6,
      connections: nodes.length * (BEAT_CONNECTIONS + AUX_CONNECTIONS) + listeners.length + watchers.length,
    };
    result.load = { median: median(sampler.loads), max: Math.max(...sampler.loads) };
    // The servers' own count of answers by status, every route.
    /** @type {Map<string, number>} */
    const bad = new Map();
    for (const text of await Promise.all(nodes.map(metricsText))) {
      for (const m of text.matchAll(/^http_request_duration_seconds_count\{method="(\w+)",route="([^"]*)",status_code="(\d+)"\} (\S+)$/gm)) {
        if (m[3].startsWith('2')) continue;
        const key = `${m[1]} ${m[2]} ${m[3]}`;
        bad.set(key, (bad.get(key) ?? 0) + Number(m[4]));
      }
    }
    result.serverNon2xx = bad.size ? [...bad].map(([k, n]) => `${n} × ${k}`).join('; ') : '0';

    // Checks.
    const check = (/** @type {string} */ name, /** @type {boolean} */ ok, /** @type {string} */ detail) => result.checks.push({ name, ok, detail });
    const e = result.expiry;
    check('no false expiry', changes === 0 && e.disconnects === 0 && e.anomalies === 0 && e.pollErrors === 0, `${changes} instance changes seen${changes ? ` (${e.watcherDetail})` : ''}, ${e.anomalies} of ${e.polls} lists short or unhealthy${e.disconnects ? `, ${e.disconnects} watcher disconnects` : ''}${e.pollErrors ? `, ${e.pollErrors} list errors` : ''}`);
    const rb = result.beats;
    check('beats answered 2xx', rb.non2xx === 0 && rb.errors === 0 && rb.badCode === 0, `${rb.non2xx} non-2xx, ${rb.errors} errors, ${rb.badCode} not code 10200 of ${int(rb.sent)}`);
    const nodesNamed = (/** @type {(n: import('./soak/report.mjs').NodeFigures) => string} */ f) => result.perNode?.map(f).join('; ') ?? '';
    const per = /** @type {import('./soak/report.mjs').NodeFigures[]} */ (result.perNode);
    check('RSS growth < 10 % after warm-up', per.every((n) => n.rssGrowthPct < 10), nodesNamed((n) => `${n.rssGrowthPct >= 0 ? '+' : ''}${n.rssGrowthPct.toFixed(1)} %`));
    const stable = (/** @type {{ warm: number, end: number }} */ p) => p.end - p.warm <= Math.max(10, 0.05 * p.warm);
    check(
      'no listener leak',
      per.every((n) => n.waitingMax <= n.live && n.waitingEnd === n.live && n.waitingAfterClose === 0 && stable(n.fds) && stable(n.handles)),
      nodesNamed((n) => `held ≤ ${n.waitingMax} of ${n.live} live, ${n.waitingEnd} at end, ${n.waitingAfterClose} once gone; fds ${int(n.fds.warm)} → ${int(n.fds.end)}, handles ${int(n.handles.warm)} → ${int(n.handles.end)}`),
    );
    const c = result.config;
    check(
      'every change delivered within 10 s',
      c.missed === 0 && c.publishFailed === 0 && c.delivered === c.expected && c.listenerNon2xx === 0 && c.listenerErrors === 0 && c.published > 0,
      `${c.delivered} of ${c.expected} to listeners of ${c.published} publishes (${c.publishFailed} failed)${c.missed ? `, ${c.missed} missed (${c.lateArrived} arrived later)` : ''}${c.listenerNon2xx + c.listenerErrors ? `, ${c.listenerNon2xx + c.listenerErrors} listener errors` : ''}`,
    );
  } catch (err) {
    result.failure = err instanceof Error ? err.message : String(err);
    result.checks.push({ name: 'run completed', ok: false, detail: result.failure });
    log(`${label}: aborted: ${result.failure}`);
  } finally {
    progress = undefined;
    await cleanupAll();
  }
  return result;
}

const int = (/** @type {number} */ n) => Math.round(n).toLocaleString('en-US');

const settings = readSettings();
const startedAt = new Date();
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    log(`${signal}: stopping servers, dropping the schema`);
    cleanupAll().finally(() => process.exit(130));
  });
}

/** @type {import('./soak/report.mjs').ModeResult[]} */
const results = [];
try {
  let entry = process.env.SOAK_SERVER_ENTRY ? resolve(process.env.SOAK_SERVER_ENTRY) : undefined;
  if (!entry) {
    entry = join(root, 'apps', 'server', 'dist', 'main.js');
    if (process.env.SOAK_SKIP_BUILD === '1') log('SOAK_SKIP_BUILD=1: using the existing build');
    else {
      log('building @switchboard/server (production build)');
      buildServer(root);
      await sleep(2000); // let the build's processes and writes settle
    }
  }
  for (const mode of settings.modes) results.push(await runMode(/** @type {'single' | 'cluster'} */ (mode), entry, settings));
} catch (err) {
  log(`aborted: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
} finally {
  await cleanupAll();
}

if (results.length) {
  console.log(soakTable(results));
  console.log('');
  console.log(checksTable(results));
  const details = detailLines(results);
  if (details.length) console.log(['', ...details].join('\n'));
  writeSection(join(benchDir, 'RESULTS.md'), 'soak', soakMarkdown(results, settings, startedAt));
  log('wrote the soak section of bench/RESULTS.md');
  if (results.some((r) => r.checks.some((c) => !c.ok))) process.exitCode = 1;
}
process.exit(process.exitCode ?? 0);
