// The soak's clients, each sending what the Nacos npm clients send (node_modules/nacos-naming,
// node_modules/nacos-config), all to 127.0.0.1 over a bounded number of keep-alive connections:
// - Beater: ephemeral instances registered as `NacosNamingClient.registerInstance` does, then a
//   full beat (the `beat` JSON) per instance every interval, spread evenly over the interval.
// - Listener: a `nacos-config` client: it reads its configs, then long-polls
//   (Listening-Configs, Long-Pulling-Timeout 30000) on a connection of its own, reads what an
//   answer names as changed and polls again.
// - Publisher: a publish every few seconds to one config, round robin, each delivery tracked.
// - ListPoller and Watcher: the false-expiry detectors (instance lists, and the console's
//   socket.io topic of each service, which reports every health change and expiry).
// - MetricsSampler: /metrics of every node (and its CPU time from /proc) every few seconds.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createHistogram } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { io } from 'socket.io-client';
import { Client } from 'undici';

export const GROUP = 'DEFAULT_GROUP';
export const NAMESPACE = 'public';
// What the npm clients put in their headers (nacos-naming/lib/const.js, nacos-config's VERSION).
const NAMING_CLIENT = 'Nacos-Java-Client:v1.0.0';
const CONFIG_CLIENT = 'nodejs-diamond-client/2.6.3';
const LINE_SEPARATOR = '\u0001';
const WORD_SEPARATOR = '\u0002';

/** @param {string} text */
export const md5 = (text) => createHash('md5').update(text, 'utf8').digest('hex');

/**
 * One node as the clients see it: its address, its process, and the bounded connection pools
 * the soak uses towards it (`beats`: registrations and beats; `aux`: publishes, lists, /metrics).
 * @typedef {{ index: number, baseUrl: string, pid: number | undefined, beats: import('undici').Pool, aux: import('undici').Pool }} SoakNode
 */

/** @param {Record<string, string | number>} params */
const query = (params) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

/** The headers of `NameProxy._builderHeaders` (nacos-naming/lib/naming/proxy.js). */
const namingHeaders = () => ({
  'user-agent': NAMING_CLIENT,
  'client-version': NAMING_CLIENT,
  'accept-encoding': 'gzip,deflate,sdch',
  'request-module': 'Naming',
  connection: 'Keep-Alive',
  requestid: randomUUID(),
});

/** The headers `nacos-config`'s HttpAgent adds to every request (dist/http_agent.js). */
const CONFIG_HEADERS = { 'client-version': CONFIG_CLIENT, 'content-type': 'application/x-www-form-urlencoded; charset=utf8', exconfiginfo: 'true' };

/** A random element. @template T @param {T[]} list */
const anyOf = (list) => list[Math.floor(Math.random() * list.length)];

/** Counts of distinct things (statuses, error messages), bounded to a few keys in reports. */
export class Tally {
  /** @type {Map<string, number>} */
  counts = new Map();
  total = 0;
  /** @param {string} key */
  add(key) {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.total++;
  }
  toString() {
    return [...this.counts].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, n]) => `${n} × ${k}`).join('; ');
  }
}

/** A latency histogram in µs (node's HDR histogram: constant memory however long the run). */
export function latencyHistogram() {
  return createHistogram({ lowest: 1, highest: 120_000_000, figures: 3 });
}

/**
 * @typedef {{ i: number, serviceName: string, grouped: string, ip: string, port: number, registerPath: string, beatPath: string, inFlight: boolean }} SoakInstance
 */

/**
 * The instances: `perService` per service, all at 127.0.0.1 on ports of their own (nothing
 * connects to them: ephemeral instances are never probed, and no list asks for UDP pushes).
 * @param {number} count
 * @param {number} perService
 * @returns {SoakInstance[]}
 */
export function soakInstances(count, perService) {
  return Array.from({ length: count }, (_, i) => {
    const serviceName = `soak-svc-${String(Math.floor(i / perService)).padStart(3, '0')}`;
    const grouped = `${GROUP}@@${serviceName}`;
    const ip = '127.0.0.1';
    const port = 30_000 + i;
    const metadata = { app: 'soak', zone: `zone-${i % 3}` };
    // NameProxy.registerService's params, sent as a query string (dataAsQueryString).
    const registerPath =
      '/nacos/v1/ns/instance?' +
      query({ namespaceId: NAMESPACE, serviceName: grouped, groupName: GROUP, clusterName: 'DEFAULT', ip, port, weight: 1, enable: 'true', healthy: 'true', ephemeral: 'true', metadata: JSON.stringify(metadata) });
    // BeatReactor sets `scheduled` before sendBeat serialises the beat info, so it is sent true.
    const beat = { serviceName: grouped, ip, port, cluster: 'DEFAULT', weight: 1, metadata, scheduled: true };
    const beatPath = '/nacos/v1/ns/instance/beat?' + query({ beat: JSON.stringify(beat), namespaceId: NAMESPACE, serviceName: grouped });
    return { i, serviceName, grouped, ip, port, registerPath, beatPath, inFlight: false };
  });
}

/**
 * Registers every instance (each on a node picked at random, as the npm client picks a server per
 * request), `concurrency` at a time. Throws on any failure.
 * @param {SoakInstance[]} instances
 * @param {SoakNode[]} nodes
 * @param {number} concurrency
 */
export async function registerAll(instances, nodes, concurrency) {
  let next = 0;
  const worker = async () => {
    while (next < instances.length) {
      const instance = instances[next++];
      const node = anyOf(nodes);
      const res = await node.beats.request({ method: 'POST', path: instance.registerPath, headers: namingHeaders(), headersTimeout: 10_000, bodyTimeout: 10_000 });
      const text = await res.body.text();
      if (res.statusCode !== 200 || text !== 'ok') throw new Error(`register ${instance.grouped} ${instance.port} on node ${node.index + 1}: ${res.statusCode} ${text.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * Full beats: instance i beats at t0 + i × interval / N + k × interval, to a node picked at random
 * per beat. An instance whose previous beat is still unanswered skips its turn, as BeatReactor's
 * `scheduled` flag makes the npm client do.
 */
export class Beater {
  stats = { sent: 0, ok: 0, skipped: 0, non2xx: new Tally(), errors: new Tally(), badCode: new Tally(), latency: latencyHistogram() };
  /** @type {NodeJS.Timeout | undefined} */
  timer;
  inFlight = 0;
  cursor = 0;
  t0 = 0;

  /** @param {SoakInstance[]} instances @param {SoakNode[]} nodes @param {number} intervalMs */
  constructor(instances, nodes, intervalMs) {
    this.instances = instances;
    this.nodes = nodes;
    this.intervalMs = intervalMs;
  }

  start() {
    this.t0 = performance.now();
    this.timer = setInterval(() => this.tick(), 20);
  }

  tick() {
    const step = this.intervalMs / this.instances.length;
    const now = performance.now();
    while (this.t0 + this.cursor * step <= now) {
      const instance = this.instances[this.cursor % this.instances.length];
      this.cursor++;
      if (instance.inFlight) this.stats.skipped++;
      else void this.send(instance);
    }
  }

  /** @param {SoakInstance} instance */
  async send(instance) {
    instance.inFlight = true;
    this.inFlight++;
    this.stats.sent++;
    const node = anyOf(this.nodes);
    const startedAt = performance.now();
    try {
      const res = await node.beats.request({ method: 'PUT', path: instance.beatPath, headers: namingHeaders(), headersTimeout: 10_000, bodyTimeout: 10_000 });
      const text = await res.body.text();
      this.stats.latency.record(Math.max(1, Math.round((performance.now() - startedAt) * 1000)));
      if (res.statusCode < 200 || res.statusCode > 299) {
        this.stats.non2xx.add(`${res.statusCode} ${text.slice(0, 80)}`);
        return;
      }
      const answer = JSON.parse(text);
      // 10200: the instance was known (a beat that has to register it again would say so by the
      // re-registration the watcher sees); the interval the npm client then waits must be 5 s.
      if (answer.code !== 10200 || answer.clientBeatInterval !== this.intervalMs) this.stats.badCode.add(text.slice(0, 80));
      else this.stats.ok++;
    } catch (err) {
      this.stats.errors.add(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    } finally {
      instance.inFlight = false;
      this.inFlight--;
    }
  }

  /** Stops scheduling and waits (10 s at most) for the beats in flight. */
  async stop() {
    clearInterval(this.timer);
    for (let i = 0; i < 100 && this.inFlight > 0; i++) await sleep(100);
  }
}

/**
 * Which listeners wait for which publish, and when each learnt of it. One publish per config is
 * outstanding at a time (a config is published again only after every other one was).
 */
export class DeliveryTracker {
  /** @type {Map<number, { md5: string, at: number, waiting: Set<number>, late: Set<number> }>} */
  current = new Map();
  /** @type {number[]} */
  latencies = [];
  expected = 0;
  missed = 0; // not learnt within the deadline
  lateArrived = 0; // of those, learnt later still
  /** @type {string[]} */
  missedDetail = [];

  /** @param {number} deadlineMs */
  constructor(deadlineMs) {
    this.deadlineMs = deadlineMs;
  }

  /** @param {number} config @param {string} md5 @param {number} at @param {number[]} listenerIds */
  published(config, md5, at, listenerIds) {
    const previous = this.current.get(config);
    if (previous) this.expire(config, previous);
    this.current.set(config, { md5, at, waiting: new Set(listenerIds), late: new Set() });
    this.expected += listenerIds.length;
  }

  /** The publish failed: nobody is to be told. @param {number} config */
  cancel(config) {
    const p = this.current.get(config);
    if (p) this.expected -= p.waiting.size;
    this.current.delete(config);
  }

  /** A listener now holds `md5` for `config`. @param {number} listenerId @param {number} config @param {string} md5 */
  observed(listenerId, config, md5) {
    const p = this.current.get(config);
    if (!p || p.md5 !== md5) return;
    if (p.waiting.delete(listenerId)) {
      const latency = performance.now() - p.at;
      if (latency <= this.deadlineMs) this.latencies.push(latency);
      else this.missedOne(config, listenerId, `told after ${Math.round(latency)} ms`, true);
    } else if (p.late.delete(listenerId)) this.lateArrived++;
  }

  /** Listeners still waiting past the deadline count as missed. */
  settle() {
    const now = performance.now();
    for (const [config, p] of this.current) if (now - p.at > this.deadlineMs) this.expire(config, p);
  }

  /** @param {number} config @param {{ waiting: Set<number>, late: Set<number> }} p */
  expire(config, p) {
    for (const id of p.waiting) {
      this.missedOne(config, id, `not told within ${this.deadlineMs} ms`, false);
      p.late.add(id);
    }
    p.waiting.clear();
  }

  /** @param {number} config @param {number} listenerId @param {string} what @param {boolean} arrived */
  missedOne(config, listenerId, what, arrived) {
    this.missed++;
    if (arrived) this.lateArrived++;
    if (this.missedDetail.length < 20) this.missedDetail.push(`config ${config}, listener ${listenerId}: ${what}`);
  }
}

/**
 * @typedef {{ index: number, dataId: string }} SoakConfig
 * @typedef {{ polls: number, changeAnswers: number, emptyAnswers: number, reads: number, non2xx: Tally, errors: Tally }} ListenerStats
 */

/** A `nacos-config` client listening to a few configs over a connection of its own. */
export class Listener {
  running = true;
  /** @type {Promise<void> | undefined} */
  done;

  /**
   * @param {number} id
   * @param {SoakNode} node
   * @param {SoakConfig[]} configs
   * @param {DeliveryTracker} tracker
   * @param {ListenerStats} stats shared by all listeners
   */
  constructor(id, node, configs, tracker, stats) {
    this.id = id;
    this.node = node;
    this.configs = configs;
    this.tracker = tracker;
    this.stats = stats;
    /** @type {Map<number, string>} the md5 held per config */
    this.md5s = new Map(configs.map((c) => [c.index, '']));
    // One connection, kept alive: the long-poll and the reads it triggers go one after the other.
    this.client = new Client(node.baseUrl, { keepAliveTimeout: 60_000, headersTimeout: 40_000, bodyTimeout: 40_000 });
  }

  /** ClientWorker.syncConfigs: reads each config and keeps its md5. @param {SoakConfig[]} configs */
  async read(configs) {
    for (const config of configs) {
      const res = await this.client.request({ method: 'GET', path: '/nacos/v1/cs/configs?' + query({ dataId: config.dataId, group: GROUP }), headers: CONFIG_HEADERS });
      const text = await res.body.text();
      this.stats.reads++;
      if (res.statusCode !== 200) {
        this.stats.non2xx.add(`read ${res.statusCode} ${text.slice(0, 80)}`);
        continue;
      }
      const sum = md5(text);
      this.md5s.set(config.index, sum);
      this.tracker.observed(this.id, config.index, sum);
    }
  }

  /** ClientWorker.checkServerConfigInfo: one long-poll, then the reads of what changed. */
  async poll() {
    const listening = this.configs.map((c) => `${c.dataId}${WORD_SEPARATOR}${GROUP}${WORD_SEPARATOR}${this.md5s.get(c.index)}${LINE_SEPARATOR}`).join('');
    const res = await this.client.request({
      method: 'POST',
      path: '/nacos/v1/cs/configs/listener',
      headers: { ...CONFIG_HEADERS, 'long-pulling-timeout': '30000' },
      body: query({ 'Listening-Configs': listening }),
    });
    const text = await res.body.text();
    this.stats.polls++;
    if (res.statusCode !== 200) {
      this.stats.non2xx.add(`listen ${res.statusCode} ${text.slice(0, 80)}`);
      await sleep(2000);
      return;
    }
    /** @type {SoakConfig[]} */
    const changed = [];
    for (const line of decodeURIComponent(text).split(LINE_SEPARATOR)) {
      const [dataId, group] = line.split(WORD_SEPARATOR);
      const config = group === GROUP ? this.configs.find((c) => c.dataId === dataId) : undefined;
      if (config) changed.push(config);
    }
    if (changed.length) {
      this.stats.changeAnswers++;
      await this.read(changed);
    } else this.stats.emptyAnswers++;
  }

  start() {
    this.done = (async () => {
      try {
        await this.read(this.configs);
      } catch (err) {
        if (this.running) this.stats.errors.add(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
      }
      while (this.running) {
        try {
          await this.poll();
        } catch (err) {
          if (!this.running) break;
          // As ClientWorker.startLongPulling: report, wait 2 s, poll again.
          this.stats.errors.add(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
          await sleep(2000);
        }
      }
    })();
  }

  /** Goes away as a client process that ends does: its connection closes mid-poll. */
  async close() {
    this.running = false;
    await this.client.destroy();
    await this.done;
  }
}

/** A publish to one config every `everyMs`, round robin over the configs and the nodes. */
export class Publisher {
  stats = { published: 0, failed: new Tally(), latency: latencyHistogram() };
  count = 0;
  /** @type {NodeJS.Timeout | undefined} */
  timer;
  /** @type {Promise<void>[]} */
  pending = [];

  /**
   * @param {SoakNode[]} nodes
   * @param {SoakConfig[]} configs
   * @param {Map<number, number[]>} listenersOf listener ids per config index
   * @param {DeliveryTracker} tracker
   * @param {number} everyMs
   */
  constructor(nodes, configs, listenersOf, tracker, everyMs) {
    this.nodes = nodes;
    this.configs = configs;
    this.listenersOf = listenersOf;
    this.tracker = tracker;
    this.everyMs = everyMs;
  }

  start() {
    this.timer = setInterval(() => this.pending.push(this.publishNext()), this.everyMs);
  }

  async publishNext() {
    const n = ++this.count;
    const config = this.configs[n % this.configs.length];
    const node = this.nodes[n % this.nodes.length];
    const content = `soak.round=${n}\nsoak.config=${config.dataId}\nsoak.at=${new Date().toISOString()}\nsoak.nonce=${randomUUID()}\n`;
    const at = performance.now();
    this.tracker.published(config.index, md5(content), at, this.listenersOf.get(config.index) ?? []);
    try {
      const res = await node.aux.request({
        method: 'POST',
        path: '/nacos/v1/cs/configs',
        headers: CONFIG_HEADERS,
        body: query({ dataId: config.dataId, group: GROUP, content, type: 'properties' }),
        headersTimeout: 10_000,
        bodyTimeout: 10_000,
      });
      const text = await res.body.text();
      this.stats.latency.record(Math.max(1, Math.round((performance.now() - at) * 1000)));
      if (res.statusCode !== 200 || text !== 'true') {
        this.stats.failed.add(`${res.statusCode} ${text.slice(0, 80)}`);
        this.tracker.cancel(config.index);
      } else this.stats.published++;
    } catch (err) {
      this.stats.failed.add(err instanceof Error ? err.message : String(err));
      this.tracker.cancel(config.index);
    }
  }

  async stop() {
    clearInterval(this.timer);
    await Promise.all(this.pending);
  }
}

/**
 * Every service's instance list (healthyOnly=false) on every node, each service once per
 * `everyMs`, the requests spread over that period: a poll with fewer hosts than registered, or
 * any host unhealthy, is an anomaly.
 */
export class ListPoller {
  /** @type {{ polls: number, anomalies: number, errors: Tally, detail: string[] }} */
  stats = { polls: 0, anomalies: 0, errors: new Tally(), detail: [] };
  /** @type {NodeJS.Timeout[]} */
  timers = [];
  /** @type {Promise<void>[]} */
  inFlight = [];

  /** @param {SoakNode[]} nodes @param {string[]} services grouped names @param {number} perService @param {number} everyMs */
  constructor(nodes, services, perService, everyMs) {
    this.nodes = nodes;
    this.services = services;
    this.perService = perService;
    this.everyMs = everyMs;
  }

  start() {
    for (const node of this.nodes) {
      let next = 0;
      this.timers.push(
        setInterval(() => {
          const service = this.services[next++ % this.services.length];
          const p = this.check(node, service);
          this.inFlight.push(p);
          void p.then(() => this.inFlight.splice(this.inFlight.indexOf(p), 1));
        }, this.everyMs / this.services.length),
      );
    }
  }

  /** @param {SoakNode} node @param {string} service */
  async check(node, service) {
    try {
      const res = await node.aux.request({ method: 'GET', path: '/nacos/v1/ns/instance/list?' + query({ serviceName: service, healthyOnly: 'false', namespaceId: NAMESPACE }), headers: namingHeaders(), headersTimeout: 10_000, bodyTimeout: 10_000 });
      const text = await res.body.text();
      this.stats.polls++;
      if (res.statusCode !== 200) {
        this.stats.errors.add(`${res.statusCode} ${text.slice(0, 80)}`);
        return;
      }
      /** @type {{ hosts: { healthy: boolean, enabled: boolean }[], reachProtectionThreshold: boolean }} */
      const list = JSON.parse(text);
      // When the protect threshold is reached (every host unhealthy, with the default threshold
      // of 0), Nacos and Switchboard report every host healthy: the flag says so.
      const unhealthy = list.hosts.filter((h) => !h.healthy || !h.enabled).length;
      if (list.hosts.length !== this.perService || unhealthy || list.reachProtectionThreshold) {
        this.stats.anomalies++;
        if (this.stats.detail.length < 20)
          this.stats.detail.push(`${new Date().toISOString()} node ${node.index + 1} ${service}: ${list.hosts.length}/${this.perService} hosts, ${unhealthy} unhealthy${list.reachProtectionThreshold ? ', protect threshold reached' : ''}`);
      }
    } catch (err) {
      this.stats.errors.add(err instanceof Error ? err.message : String(err));
    }
  }

  async stop() {
    for (const timer of this.timers) clearInterval(timer);
    await Promise.all(this.inFlight);
  }
}

/**
 * The console's view of every service on one node (socket.io topic `service`): the snapshot must
 * show every instance healthy, and no instance may change afterwards (a health flip, an expiry,
 * a removal or a registration again are all signs that a beating instance was lost).
 */
export class Watcher {
  changes = new Tally();
  /** @type {string[]} */
  detail = [];
  disconnects = 0;
  counting = true;
  /** @type {import('socket.io-client').Socket | undefined} */
  socket;

  /** @param {SoakNode} node @param {string[]} services plain names @param {number} perService */
  constructor(node, services, perService) {
    this.node = node;
    this.services = services;
    this.perService = perService;
  }

  async start() {
    const { REALTIME_PATH } = await import('@switchboard/shared');
    const socket = io(this.node.baseUrl, { path: REALTIME_PATH, transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket = socket;
    await new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(undefined));
      socket.once('connect_error', reject);
    });
    socket.on('disconnect', (reason) => {
      if (!this.counting) return;
      this.disconnects++;
      this.detail.push(`node ${this.node.index + 1}: watcher disconnected (${reason})`);
    });
    socket.on('service.instancesChanged', (/** @type {{ service: { serviceName: string }, change: string, instance: { ip: string, port: number, healthy: boolean } }} */ e) => {
      if (!this.counting) return;
      const kind = e.change === 'healthChanged' ? (e.instance.healthy ? 'healthy again' : 'unhealthy') : e.change;
      this.changes.add(kind);
      if (this.detail.length < 20) this.detail.push(`${new Date().toISOString()} node ${this.node.index + 1} ${e.service.serviceName} ${e.instance.ip}:${e.instance.port} ${kind}`);
    });
    for (const serviceName of this.services) {
      const ack = await socket.timeout(10_000).emitWithAck('subscribe', { kind: 'service', namespaceId: NAMESPACE, groupName: GROUP, serviceName });
      if (!ack.ok) throw new Error(`subscribe to ${serviceName} on node ${this.node.index + 1} refused: ${JSON.stringify(ack.error)}`);
      /** @type {{ healthy: boolean }[]} */
      const instances = ack.snapshot.instances;
      const healthy = instances.filter((i) => i.healthy).length;
      if (instances.length !== this.perService || healthy !== this.perService) throw new Error(`${serviceName} on node ${this.node.index + 1} at start: ${instances.length} instances, ${healthy} healthy (want ${this.perService})`);
    }
  }

  close() {
    this.counting = false;
    this.socket?.close();
  }
}

/**
 * @typedef {{ t: number, rss: number, heapUsed: number, fds: number, handles: number, waiting: number, lagP99: number, cpuUs: number | undefined }} Sample
 */

/** CPU time (user + system, every thread) of a process so far, in µs, from /proc. @param {number | undefined} pid */
export function processCpuUs(pid) {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}

/** @param {string} text @param {string} name */
export const metric = (text, name) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);

/** @param {SoakNode} node */
export async function metricsText(node) {
  const res = await node.aux.request({ method: 'GET', path: '/metrics', headersTimeout: 10_000, bodyTimeout: 10_000 });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`/metrics on node ${node.index + 1}: ${res.statusCode}`);
  return text;
}

/** /metrics of every node every `everyMs`. */
export class MetricsSampler {
  /** @type {Sample[][]} */
  samples;
  errors = new Tally();
  /** @type {number[]} the machine's 1-minute load average at each round */
  loads = [];
  /** @type {NodeJS.Timeout | undefined} */
  timer;
  /** @type {Promise<void> | undefined} */
  last;

  /** @param {SoakNode[]} nodes @param {number} everyMs @param {(node: SoakNode, sample: Sample) => void} [onSample] */
  constructor(nodes, everyMs, onSample) {
    this.nodes = nodes;
    this.everyMs = everyMs;
    this.onSample = onSample;
    this.samples = nodes.map(() => []);
  }

  /** @param {SoakNode} node @returns {Promise<Sample>} */
  async sample(node) {
    const text = await metricsText(node);
    return {
      t: performance.now(),
      rss: metric(text, 'process_resident_memory_bytes'),
      heapUsed: metric(text, 'nodejs_heap_size_used_bytes'),
      fds: metric(text, 'process_open_fds'),
      handles: metric(text, 'nodejs_active_handles_total'),
      waiting: metric(text, 'switchboard_config_long_poll_waiting'),
      lagP99: metric(text, 'nodejs_eventloop_lag_p99_seconds'),
      cpuUs: processCpuUs(node.pid),
    };
  }

  async sampleAll() {
    this.loads.push(loadavg()[0]);
    await Promise.all(
      this.nodes.map(async (node) => {
        try {
          const s = await this.sample(node);
          this.samples[node.index].push(s);
          this.onSample?.(node, s);
        } catch (err) {
          this.errors.add(err instanceof Error ? err.message : String(err));
        }
      }),
    );
  }

  start() {
    this.last = this.sampleAll();
    this.timer = setInterval(() => {
      this.last = this.sampleAll();
    }, this.everyMs);
  }

  async stop() {
    clearInterval(this.timer);
    await this.last;
  }
}
