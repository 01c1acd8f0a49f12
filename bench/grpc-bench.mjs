// The Nacos gRPC transport (SDK 2.x/3.x protocol) under load, against a bare grpc-js server
// (grpc-baseline-server.mjs) answering with the very Payload bytes Switchboard answered:
//   - request scenarios: config query (1 KB), instance query (10 hosts), register + deregister
//     pairs of ephemeral instances, durable config publishes (50 configs of 1 KB). Each request is
//     sent once to Switchboard and its answer verified (content, and what it did), the answer
//     handed to the baseline, the baseline's answer compared byte for byte; then the load driver
//     (grpc-load.mjs, a child process: raw node:http2 with gRPC framing) keeps BENCH_CONNECTIONS
//     requests in flight over BENCH_GRPC_CHANNELS HTTP/2 connections, one warm-up per side, then
//     alternating measured rounds; req/s, p99 and the server's CPU time per request.
//   - config push: N listeners (grpc-listeners.mjs children, an SDK connection each) listen to one
//     config with its current md5; one publish; every listener must get its
//     ConfigChangeNotifyRequest; latency from just before the publish to its arrival. Then the
//     same against the baseline, which writes the change notice Switchboard sent to every
//     listening stream on the publish.
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { check, sendForm } from './lib/api.mjs';
import { bodyOf, connect, decodePayload, handshake, requestPayload, successOf, unary } from './lib/grpc-wire.mjs';
import { median, processCpuUs } from './lib/measure.mjs';

const benchDir = import.meta.dirname;
const md5 = (/** @type {string} */ text) => createHash('md5').update(text, 'utf8').digest('hex');
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

const CONFIG_1K_ID = 'bench-grpc-1k.properties';
// 1024 bytes of properties: 32 lines of 32 bytes (the HTTP config read's content).
const CONTENT_1K = Array.from({ length: 32 }, (_, i) => `key.${String(i).padStart(2, '0')}=${'v'.repeat(24)}\n`).join('');
const LIST_SERVICE = 'bench-grpc-list';
const REGISTER_PREFIX = 'bench-grpc-register';
const REGISTER_SERVICES = 10;
const PUBLISH_PREFIX = 'bench-grpc-publish';
const PUBLISH_CONFIGS = 50;
const LISTENERS_PER_CHILD = 2_500;
const PUSH_WAIT_MS = 20_000;
const GROUP = 'DEFAULT_GROUP';

export const PUSH_PART = 'gRPC config push (publish → gRPC listeners)';

/**
 * @typedef {{ requestType: string, routes: { marker?: string, payload: Buffer, answer: Buffer }[] }} Captured
 * @typedef {{ baseUrl: string, token: string, call: (payload: Buffer) => Promise<Buffer> }} Context
 * @typedef {object} GrpcScenario
 * @property {string} name
 * @property {'config' | 'naming'} module
 * @property {(ctx: Context) => Promise<void>} [setup]
 * @property {(ctx: Context) => Promise<Captured>} capture   sends the requests to Switchboard, verifies the answers
 * @property {(ctx: Context) => import('./grpc-load.mjs').Plan} plan
 */

/** @param {string} token */
const configQuery = (token, dataId = CONFIG_1K_ID) => requestPayload('ConfigQueryRequest', { dataId, group: GROUP, tenant: '' }, 'config', token);
/** @param {string} token @param {string} serviceName */
const serviceQuery = (token, serviceName) => requestPayload('ServiceQueryRequest', { namespace: 'public', serviceName, groupName: GROUP, cluster: '', healthyOnly: false, udpPort: 0 }, 'naming', token);

/** @type {GrpcScenario[]} */
export const grpcScenarios = [
  {
    name: 'gRPC config query (ConfigQueryRequest, 1 KB)',
    module: 'config',
    async setup({ baseUrl }) {
      await sendForm(baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId: CONFIG_1K_ID, group: GROUP, content: CONTENT_1K, type: 'properties' });
    },
    async capture({ token, call }) {
      const payload = configQuery(token);
      const answer = await call(payload);
      const body = successOf(answer, 'ConfigQueryResponse');
      check(body.content === CONTENT_1K, `content of ${String(body.content).length} characters differs from the 1 KB published`);
      check(body.md5 === md5(CONTENT_1K), `md5 ${body.md5}`);
      return { requestType: 'ConfigQueryRequest', routes: [{ payload, answer }] };
    },
    plan: ({ token }) => ({ kind: 'repeat', payload: configQuery(token).toString('base64'), expectType: 'ConfigQueryResponse' }),
  },
  {
    name: 'gRPC instance query (ServiceQueryRequest, 10 hosts)',
    module: 'naming',
    async setup({ baseUrl }) {
      for (let i = 1; i <= 10; i++) {
        await sendForm(baseUrl, 'POST', '/nacos/v1/ns/instance', { serviceName: LIST_SERVICE, ip: `127.0.4.${i}`, port: 8080, metadata: JSON.stringify({ zone: `z${i % 3}` }) });
      }
    },
    async capture({ token, call }) {
      const payload = serviceQuery(token, LIST_SERVICE);
      const answer = await call(payload);
      const info = successOf(answer, 'QueryServiceResponse').serviceInfo;
      check(info?.name === LIST_SERVICE && info.groupName === GROUP, `service ${info?.groupName}@@${info?.name}`);
      check(Array.isArray(info.hosts) && info.hosts.length === 10, `${info.hosts?.length} hosts, expected 10`);
      check(info.hosts.every((/** @type {{ healthy: boolean }} */ h) => h.healthy), 'an unhealthy host');
      return { requestType: 'ServiceQueryRequest', routes: [{ payload, answer }] };
    },
    plan: ({ token }) => ({ kind: 'repeat', payload: serviceQuery(token, LIST_SERVICE).toString('base64'), expectType: 'QueryServiceResponse' }),
  },
  {
    name: 'gRPC register + deregister (InstanceRequest pairs, ephemeral; req/s = operations/s)',
    module: 'naming',
    async capture({ token, call }) {
      const serviceName = `${REGISTER_PREFIX}-0`;
      const instance = { ip: '10.9.255.1', port: 9000, weight: 1, healthy: true, enabled: true, ephemeral: true, clusterName: 'DEFAULT', metadata: {} };
      const fields = { namespace: 'public', serviceName, groupName: GROUP, instance };
      const hosts = async () => successOf(await call(serviceQuery(token, serviceName)), 'QueryServiceResponse').serviceInfo?.hosts ?? [];
      const register = requestPayload('InstanceRequest', { ...fields, type: 'registerInstance' }, 'naming', token);
      const registered = await call(register);
      check(successOf(registered, 'InstanceResponse').type === 'registerInstance', 'register answered another type');
      check((await hosts()).some((/** @type {{ ip: string }} */ h) => h.ip === instance.ip), 'the registered instance is not in the service');
      const deregister = requestPayload('InstanceRequest', { ...fields, type: 'deregisterInstance' }, 'naming', token);
      const deregistered = await call(deregister);
      check(successOf(deregistered, 'InstanceResponse').type === 'deregisterInstance', 'deregister answered another type');
      check(!(await hosts()).some((/** @type {{ ip: string }} */ h) => h.ip === instance.ip), 'the deregistered instance is still in the service');
      return {
        requestType: 'InstanceRequest',
        routes: [
          { marker: '"deregisterInstance"', payload: deregister, answer: deregistered },
          { payload: register, answer: registered },
        ],
      };
    },
    plan: ({ token }) => ({ kind: 'instance', accessToken: token, services: REGISTER_SERVICES, prefix: REGISTER_PREFIX }),
  },
  {
    name: 'gRPC config publish (ConfigPublishRequest, 50 configs, durable: acked after commit)',
    module: 'config',
    async capture({ token, call }) {
      const dataId = `${PUBLISH_PREFIX}-0.properties`;
      const content = `${CONTENT_1K}# 0\n`;
      const payload = requestPayload('ConfigPublishRequest', { dataId, group: GROUP, tenant: '', content, additionMap: { type: 'properties' } }, 'config', token);
      const answer = await call(payload);
      successOf(answer, 'ConfigPublishResponse');
      const read = successOf(await call(configQuery(token, dataId)), 'ConfigQueryResponse');
      check(read.content === content, 'the published content does not read back');
      return { requestType: 'ConfigPublishRequest', routes: [{ payload, answer }] };
    },
    plan: ({ token }) => ({ kind: 'publish', accessToken: token, configs: PUBLISH_CONFIGS, prefix: PUBLISH_PREFIX, content: CONTENT_1K }),
  },
];

/**
 * The gRPC parts a filter selects: all of them when it is a part of "grpc" (any case), else
 * those whose name contains it.
 * @param {string} filter
 */
export function selectGrpc(filter) {
  const names = [...grpcScenarios.map((s) => s.name), PUSH_PART];
  if (!filter || 'grpc'.includes(filter.toLowerCase())) return names;
  return names.filter((n) => n.includes(filter));
}

let asked = 0;

/**
 * Sends `message` to a child and resolves with its answer to it ({ type: 'done', id }, the id
 * matching, so a late answer to an earlier message is never taken for this one); throws on
 * { type: 'failed' }, on the child's exit and after `timeoutMs`.
 * @param {import('node:child_process').ChildProcess} child
 * @param {Record<string, unknown>} message
 * @param {number} timeoutMs
 * @returns {Promise<any>}
 */
function ask(child, message, timeoutMs) {
  const id = ++asked;
  return new Promise((resolve, reject) => {
    const settle = (/** @type {() => void} */ action) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      action();
    };
    const onMessage = (/** @type {any} */ answer) => {
      if (answer?.id !== id) return;
      settle(() => (answer.type === 'failed' ? reject(new Error(`${message.type}: ${answer.error}`)) : resolve(answer)));
    };
    const onExit = (/** @type {number | null} */ code, /** @type {string | null} */ signal) => settle(() => reject(new Error(`${message.type}: the child exited (${code ?? signal})`)));
    const timer = setTimeout(() => settle(() => reject(new Error(`${message.type}: no answer within ${timeoutMs / 1000} s`))), timeoutMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
    try {
      child.send({ ...message, id });
    } catch (error) {
      settle(() => reject(error));
    }
  });
}

/** @param {string} file */
function forkChild(file) {
  return fork(join(benchDir, file), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** @param {import('node:child_process').ChildProcess} child */
async function end(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * @typedef {{ rps: number, p99: number, requests: number, bad: number, badDetail: string, cpuUsPerRequest?: number, driverCpuUsPerRequest?: number }} GrpcRun
 * @typedef {{ name: string, port: number, pid: number | undefined, acks: () => Promise<number> }} GrpcSide  acks: the push responses the side has received
 */

/**
 * One measured run against one side: connections opened and set up, the server's CPU read, the
 * load, the CPU read again, the connections closed.
 * @param {import('node:child_process').ChildProcess} driver
 * @param {GrpcSide} side
 * @param {GrpcScenario} scenario
 * @param {import('./grpc-load.mjs').Plan} plan
 * @param {{ connections: number, channels: number }} settings
 * @param {number} durationS
 * @returns {Promise<GrpcRun>}
 */
async function loadRun(driver, side, scenario, plan, settings, durationS) {
  await ask(driver, { type: 'prepare', host: '127.0.0.1', port: side.port, channels: settings.channels, module: scenario.module }, 60_000);
  const before = processCpuUs(side.pid);
  const run = await ask(driver, { type: 'run', plan, inFlight: settings.connections, durationS }, (durationS + 30) * 1000);
  const after = processCpuUs(side.pid);
  await ask(driver, { type: 'close' }, 30_000);
  // Quantiles of a run without a single good answer come back as null (NaN over IPC).
  return { ...run, p99: run.p99 ?? NaN, cpuUsPerRequest: before !== undefined && after !== undefined && run.requests > 0 ? (after - before) / run.requests : undefined };
}

/**
 * @typedef {import('./lib/report.mjs').Outcome} Outcome
 * @typedef {{ listeners: number, delivered: number, p50: number, p99: number, max: number, repeats: number, cpuUsPerListener?: number, rssBeforeBytes?: number, rssListeningBytes?: number, failure?: string, baseline?: GrpcPushOutcome }} GrpcPushOutcome
 * @typedef {{ rows: Outcome[], driverCpuUs: Record<string, number>, pushes: GrpcPushOutcome[], channels: number, inFlight: number, complete: boolean }} GrpcOutcome
 */

/**
 * Connects `count` listeners over the listener children, publishes once, collects the arrivals.
 * @param {import('node:child_process').ChildProcess[]} children
 * @param {GrpcSide} side
 * @param {number} count
 * @param {string} token
 * @param {{ dataId: string, group: string, tenant: string, md5: string }} key
 * @param {() => Promise<void>} publish sends the publish; its start is the latency's origin
 * @param {(msg: string) => void} log
 * @param {() => Promise<void>} [listening] called once every listener is listening
 */
async function pushOnce(children, side, count, token, key, publish, log, listening = async () => undefined) {
  const used = children.slice(0, Math.ceil(count / LISTENERS_PER_CHILD));
  const shares = used.map((_, i) => Math.floor(count / used.length) + (i < count % used.length ? 1 : 0));
  try {
    const startedAt = performance.now();
    const connected = await Promise.all(used.map((child, i) => ask(child, { type: 'connect', host: '127.0.0.1', port: side.port, count: shares[i], accessToken: token, key }, 300_000)));
    const ready = connected.reduce((sum, c) => sum + c.listening, 0);
    log(`${ready} of ${count} listening after ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
    check(ready === count, `only ${ready} of ${count} listeners set up: ${connected.flatMap((c) => c.errors).join('; ')}`);
    await listening();
    const acksBefore = await side.acks();
    const cpuBefore = processCpuUs(side.pid);
    const publishedAt = nowMs();
    await publish();
    const collected = await Promise.all(used.map((child) => ask(child, { type: 'collect', waitMs: PUSH_WAIT_MS }, PUSH_WAIT_MS + 30_000)));
    // The server's CPU counts each notice's ack: read once the server has received every one.
    const delivered = collected.reduce((sum, c) => sum + c.arrivals.length, 0);
    const ackDeadline = Date.now() + 30_000;
    while ((await side.acks()) < acksBefore + delivered && Date.now() < ackDeadline) await new Promise((r) => setTimeout(r, 100));
    const cpuAfter = processCpuUs(side.pid);
    const latencies = collected.flatMap((c) => c.arrivals.map((/** @type {number} */ at) => at - publishedAt)).sort((a, b) => a - b);
    const q = (/** @type {number} */ p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
    const wrong = collected.reduce((sum, c) => sum + c.wrong, 0);
    /** @type {GrpcPushOutcome} */
    const outcome = {
      listeners: count,
      delivered: latencies.length,
      p50: q(0.5),
      p99: q(0.99),
      max: latencies.at(-1) ?? NaN,
      repeats: collected.reduce((sum, c) => sum + c.repeats, 0),
      cpuUsPerListener: cpuBefore !== undefined && cpuAfter !== undefined ? (cpuAfter - cpuBefore) / count : undefined,
      failure: latencies.length !== count ? `${count - latencies.length} of ${count} listeners got no ConfigChangeNotifyRequest within ${PUSH_WAIT_MS / 1000} s` : wrong ? `${wrong} change notices named another config` : undefined,
    };
    return { outcome, listenAnswer: connected[0].listenAnswer, notice: collected.find((c) => c.sample)?.sample };
  } finally {
    await Promise.all(used.map((child) => ask(child, { type: 'close' }, 60_000).catch(() => undefined)));
  }
}

/** One gauge of Switchboard's metrics. @param {string} baseUrl @param {string} name */
async function gauge(baseUrl, name) {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
}
const grpcConnections = (/** @type {string} */ baseUrl) => gauge(baseUrl, 'switchboard_grpc_connections');

/**
 * @param {{ baseUrl: string, grpcPort: number, child: import('node:child_process').ChildProcess }} switchboard
 * @param {Awaited<ReturnType<typeof import('./lib/processes.mjs').startGrpcBaseline>>} baseline
 * @param {string} token the administrator's access token
 * @param {{ rounds: number, durationS: number, warmupS: number, connections: number, filter: string }} settings
 * @param {(msg: string) => void} log
 * @returns {Promise<GrpcOutcome>}
 */
export async function measureGrpc(switchboard, baseline, token, settings, log) {
  const channels = Number(process.env.BENCH_GRPC_CHANNELS || 5);
  const listenerCounts = (process.env.BENCH_GRPC_LISTENERS || '1000,10000').split(',').map(Number);
  check(Number.isInteger(channels) && channels > 0, `BENCH_GRPC_CHANNELS=${process.env.BENCH_GRPC_CHANNELS} (must be a positive integer)`);
  check(listenerCounts.every((n) => Number.isInteger(n) && n > 0), `BENCH_GRPC_LISTENERS=${process.env.BENCH_GRPC_LISTENERS} (must be positive integers separated by commas)`);
  const selected = selectGrpc(settings.filter);
  /** @type {GrpcOutcome} */
  // complete: every part was selected, so the run's section may replace the recorded one.
  const result = { rows: [], driverCpuUs: {}, pushes: [], channels, inFlight: settings.connections, complete: selected.length === selectGrpc('').length };
  const sides = /** @type {GrpcSide[]} */ ([
    { name: 'baseline', port: baseline.port, pid: baseline.child.pid, acks: async () => (await baseline.send({ type: 'acks' })).acks },
    { name: 'switchboard', port: switchboard.grpcPort, pid: switchboard.child.pid, acks: async () => (await gauge(switchboard.baseUrl, 'switchboard_grpc_pushes_total\\{type="ConfigChangeNotifyRequest",result="acked"\\}')) || 0 },
  ]);
  // The parent's own SDK connection to each side: one-off requests (capture, verification, the
  // push's publish). Its handshake gives the bytes the baseline opens connections with.
  const sbSession = await connect('127.0.0.1', switchboard.grpcPort);
  const sbConnection = await handshake(sbSession, { module: 'config' });
  await baseline.send({ type: 'route', requestType: 'ServerCheckRequest', routes: [{ answer: sbConnection.serverCheck.toString('base64') }] });
  await baseline.send({ type: 'setup-ack', answer: sbConnection.setupAck.toString('base64') });
  const blSession = await connect('127.0.0.1', baseline.port);
  await handshake(blSession, { module: 'config' });
  const driver = forkChild('grpc-load.mjs');
  /** @type {import('node:child_process').ChildProcess[]} */
  const listenerChildren = [];
  try {
    for (const scenario of grpcScenarios.filter((s) => selected.includes(s.name))) {
      log(`scenario: ${scenario.name}`);
      /** @type {Outcome} */
      const outcome = { name: scenario.name, verified: false };
      result.rows.push(outcome);
      try {
        /** @type {Context} */
        const ctx = { baseUrl: switchboard.baseUrl, token, call: (payload) => unary(sbSession, payload) };
        await scenario.setup?.(ctx);
        const captured = await scenario.capture(ctx);
        await baseline.send({ type: 'route', requestType: captured.requestType, routes: captured.routes.map((r) => ({ marker: r.marker, answer: r.answer.toString('base64') })) });
        for (const route of captured.routes) {
          const copy = await unary(blSession, route.payload);
          check(copy.equals(route.answer), `the baseline answered ${decodePayload(copy).type} ${copy.length} bytes, not the ${route.answer.length} bytes Switchboard answered`);
        }
        outcome.verified = true;
        const plan = scenario.plan(ctx);
        const problems = [];
        /** @type {Record<string, GrpcRun[]>} */
        const runs = { baseline: [], switchboard: [] };
        for (const side of sides) {
          const run = await loadRun(driver, side, scenario, plan, { connections: settings.connections, channels }, settings.warmupS);
          log(`${side.name} warm-up: ${Math.round(run.rps)} req/s`);
          if (run.bad) problems.push(`${side.name} warm-up: ${run.bad} failed (${run.badDetail})`);
        }
        for (let round = 1; round <= settings.rounds; round++) {
          for (const side of sides) {
            const run = await loadRun(driver, side, scenario, plan, { connections: settings.connections, channels }, settings.durationS);
            log(`${side.name} round ${round}/${settings.rounds}: ${Math.round(run.rps)} req/s, p99 ${run.p99.toFixed(1)} ms` + (run.cpuUsPerRequest !== undefined ? `, ${run.cpuUsPerRequest.toFixed(1)} µs CPU per request` : '') + (run.driverCpuUsPerRequest !== undefined ? ` (load driver ${run.driverCpuUsPerRequest.toFixed(1)} µs)` : ''));
            if (run.bad) problems.push(`${side.name} round ${round}: ${run.bad} failed (${run.badDetail})`);
            runs[side.name].push(run);
          }
        }
        const summary = (/** @type {GrpcRun[]} */ list) => ({
          rps: median(list.map((r) => r.rps)),
          p99: median(list.map((r) => r.p99)),
          rounds: list.map((r) => r.rps),
          cpuUsPerRequest: list.every((r) => r.cpuUsPerRequest !== undefined) ? median(list.map((r) => /** @type {number} */ (r.cpuUsPerRequest))) : undefined,
        });
        const driverCpu = [...runs.baseline, ...runs.switchboard].flatMap((r) => (r.driverCpuUsPerRequest === undefined ? [] : [r.driverCpuUsPerRequest]));
        if (driverCpu.length) result.driverCpuUs[scenario.name] = median(driverCpu);
        outcome.baseline = summary(runs.baseline);
        outcome.switchboard = summary(runs.switchboard);
        if (problems.length) outcome.failure = `failed requests: ${problems.join('; ')}`;
      } catch (err) {
        outcome.failure = err instanceof Error ? err.message : String(err);
      }
      if (outcome.failure) log(`FAILED: ${outcome.failure}`);
    }
    if (selected.includes(PUSH_PART)) {
      for (let i = 0; i < Math.ceil(Math.max(...listenerCounts) / LISTENERS_PER_CHILD); i++) listenerChildren.push(forkChild('grpc-listeners.mjs'));
      for (const count of listenerCounts) {
        log(`config push to ${count} gRPC listeners`);
        /** @type {GrpcPushOutcome} */
        let push = { listeners: count, delivered: 0, p50: NaN, p99: NaN, max: NaN, repeats: 0 };
        try {
          const dataId = `bench-grpc-push-${count}.properties`;
          await sendForm(switchboard.baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId, group: GROUP, content: 'round=0' });
          const key = { dataId, group: GROUP, tenant: '', md5: md5('round=0') };
          const publishPayload = requestPayload('ConfigPublishRequest', { dataId, group: GROUP, tenant: '', content: 'round=1', additionMap: {} }, 'config', token);
          /** @type {Buffer | undefined} */
          let published;
          const before = await grpcConnections(switchboard.baseUrl);
          const rssBefore = await gauge(switchboard.baseUrl, 'process_resident_memory_bytes');
          let rssListening = NaN;
          const ours = await pushOnce(listenerChildren, sides[1], count, token, key, async () => {
            published = await unary(sbSession, publishPayload);
            successOf(published, 'ConfigPublishResponse');
          }, log, async () => {
            rssListening = await gauge(switchboard.baseUrl, 'process_resident_memory_bytes');
          });
          push = { ...ours.outcome, rssBeforeBytes: rssBefore, rssListeningBytes: rssListening };
          log(`Switchboard: ${push.delivered} delivered, p50 ${push.p50.toFixed(1)} ms, p99 ${push.p99.toFixed(1)} ms, max ${push.max.toFixed(1)} ms, ${push.cpuUsPerListener?.toFixed(1)} µs CPU per listener` + (push.repeats ? `, ${push.repeats} sent again` : ''));
          check(ours.notice && ours.listenAnswer && published, 'no change notice to give the baseline');
          const notice = bodyOf(decodePayload(Buffer.from(/** @type {string} */ (ours.notice), 'base64')));
          check(notice.dataId === dataId && notice.group === GROUP, `change notice ${JSON.stringify(notice)}`);
          // The baseline's run starts once Switchboard has let the listeners' connections go.
          const deadline = Date.now() + 60_000;
          while ((await grpcConnections(switchboard.baseUrl)) > before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
          await baseline.send({ type: 'route', requestType: 'ConfigBatchListenRequest', routes: [{ answer: ours.listenAnswer }] });
          await baseline.send({ type: 'route', requestType: 'ConfigPublishRequest', routes: [{ answer: /** @type {Buffer} */ (published).toString('base64') }] });
          await baseline.send({ type: 'push', notify: ours.notice });
          const bare = await pushOnce(listenerChildren, sides[0], count, token, key, async () => {
            check((await unary(blSession, publishPayload)).equals(/** @type {Buffer} */ (published)), 'the baseline answered the publish differently');
          }, log);
          await baseline.send({ type: 'push', notify: undefined });
          push.baseline = bare.outcome;
          log(`baseline: ${bare.outcome.delivered} delivered, p50 ${bare.outcome.p50.toFixed(1)} ms, p99 ${bare.outcome.p99.toFixed(1)} ms, ${bare.outcome.cpuUsPerListener?.toFixed(1)} µs CPU per listener`);
          push.failure ??= bare.outcome.failure && `baseline: ${bare.outcome.failure}`;
        } catch (err) {
          push.failure = err instanceof Error ? err.message : String(err);
        }
        if (push.failure) log(`FAILED: ${push.failure}`);
        result.pushes.push(push);
      }
    }
  } finally {
    await Promise.all([driver, ...listenerChildren].map(end));
    sbSession.destroy();
    blSession.destroy();
  }
  return result;
}
