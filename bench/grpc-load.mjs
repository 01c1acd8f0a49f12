// The gRPC load driver, a child process of its own (bench/grpc-bench.mjs forks it), so its work
// does not share the event loop of the process that measures. It writes HTTP/2 frames itself
// (lib/grpc-raw.mjs): a call costs it a few microseconds, so the figure is the server's. Over IPC:
//   { type: 'prepare', host, port, channels, module }   opens `channels` HTTP/2 connections and
//                                                        sets each up as the SDK does
//   { type: 'run', plan, inFlight, durationS }         keeps `inFlight` requests outstanding
//                                                        (spread over the connections) for
//                                                        `durationS`, then waits for the last
//   { type: 'close' }                                   closes the connections
// each answered with { type: 'done', id, ... } or { type: 'failed', id, error } (the message's
// id). Every answer during a run is checked: the expected response type with resultCode 200 (a
// failed gRPC call has none).
import { bodyOf, connectionSetupRequest, decodePayload, encodePayload, frame, FrameReader, payloadType, pushAnswer, requestHeaders, serverCheckRequest } from './lib/grpc-wire.mjs';
import { RawGrpcConnection } from './lib/grpc-raw.mjs';

/** @type {RawGrpcConnection[]} */
let connections = [];
const SUCCESS = Buffer.from('"resultCode":200');
const DRAIN_MS = 10_000;

/**
 * @typedef {{ kind: 'repeat', payload: string, expectType: string }
 *   | { kind: 'instance', accessToken: string, services: number, prefix: string }
 *   | { kind: 'publish', accessToken: string, configs: number, prefix: string, content: string }} Plan
 */

/**
 * What each in-flight slot sends next: a function of the slot returning the framed request and
 * the response type expected.
 * @param {Plan} plan
 * @param {number} inFlight
 * @returns {(slot: number) => [Buffer, string]}
 */
function requestsOf(plan, inFlight) {
  if (plan.kind === 'repeat') {
    const bytes = frame(Buffer.from(plan.payload, 'base64'));
    return () => [bytes, plan.expectType];
  }
  if (plan.kind === 'instance') {
    // Each slot registers its own ephemeral instance, then deregisters it, and again.
    const headers = requestHeaders('naming', plan.accessToken);
    const pairs = Array.from({ length: inFlight }, (_, slot) => {
      const fields = {
        headers: {},
        namespace: 'public',
        serviceName: `${plan.prefix}-${slot % plan.services}`,
        groupName: 'DEFAULT_GROUP',
        instance: { ip: `10.9.${Math.floor(slot / 250)}.${(slot % 250) + 1}`, port: 9000, weight: 1, healthy: true, enabled: true, ephemeral: true, clusterName: 'DEFAULT', metadata: {} },
        module: 'naming',
      };
      return [
        frame(encodePayload('InstanceRequest', { ...fields, type: 'registerInstance' }, headers, '127.0.0.1')),
        frame(encodePayload('InstanceRequest', { ...fields, type: 'deregisterInstance' }, headers, '127.0.0.1')),
      ];
    });
    const turn = new Uint8Array(inFlight);
    return (slot) => {
      const bytes = pairs[slot][turn[slot]];
      turn[slot] ^= 1;
      return [bytes, 'InstanceResponse'];
    };
  }
  // Durable publishes: consecutive requests write the next of `configs` configs, each time with
  // a content of its own, as independent publishers do.
  const headers = requestHeaders('config', plan.accessToken);
  let n = 0;
  return () => {
    n += 1;
    const body = { headers: {}, dataId: `${plan.prefix}-${n % plan.configs}.properties`, group: 'DEFAULT_GROUP', tenant: '', content: `${plan.content}# ${n}\n`, additionMap: { type: 'properties' }, module: 'config' };
    return [frame(encodePayload('ConfigPublishRequest', body, headers, '127.0.0.1')), 'ConfigPublishResponse'];
  };
}

/** An answer that failed the check, for the report. @param {Buffer} answer */
function describe(answer) {
  try {
    const payload = decodePayload(answer);
    return `${payload.type} ${payload.body.toString('utf8', 0, 300)}`;
  } catch {
    return `${answer.length} bytes that are no Payload`;
  }
}

/**
 * @param {Plan} plan
 * @param {number} inFlight
 * @param {number} durationS
 */
async function run(plan, inFlight, durationS) {
  const next = requestsOf(plan, inFlight);
  /** @type {number[]} */
  const latencies = [];
  let inTime = 0;
  let bad = 0;
  /** @type {string[]} */
  const problems = [];
  let outstanding = 0;
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  const deadline = startedAt + durationS * 1000;
  /** @type {() => void} */
  let drained = () => undefined;

  /** @param {number} slot */
  const send = (slot) => {
    const [bytes, expectType] = next(slot);
    const connection = connections[slot % connections.length];
    const sentAt = performance.now();
    outstanding++;
    connection.unary(bytes, (answer, problem) => {
      outstanding--;
      const now = performance.now();
      if (answer && payloadType(answer) === expectType && answer.includes(SUCCESS)) {
        latencies.push(now - sentAt);
        if (now <= deadline) inTime++;
      } else {
        bad++;
        if (problems.length < 3) problems.push(answer ? `answered ${describe(answer)}` : String(problem));
      }
      if (now < deadline && !connection.closed) send(slot);
      else if (outstanding === 0) drained();
    });
  };
  const done = new Promise((resolve) => {
    drained = () => resolve(undefined);
  });
  for (let slot = 0; slot < inFlight; slot++) send(slot);
  const timer = setTimeout(() => drained(), durationS * 1000 + DRAIN_MS);
  await done;
  clearTimeout(timer);
  if (outstanding > 0) {
    bad += outstanding;
    problems.push(`${outstanding} requests unanswered ${DRAIN_MS / 1000} s after the run`);
  }
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  const q = (/** @type {number} */ p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  // The driver's own CPU per answer: when it nears the time an answer takes, the driver, not the
  // server, is what limits req/s.
  const driverCpuUsPerRequest = latencies.length ? (cpu.user + cpu.system) / latencies.length : undefined;
  return { rps: inTime / durationS, requests: latencies.length, p50: q(0.5), p99: q(0.99), bad, badDetail: problems.join('; '), driverCpuUsPerRequest };
}

/**
 * The SDK's set-up on a raw connection: ServerCheckRequest, the bi-stream opened with
 * ConnectionSetupRequest, SetupAckRequest awaited; later server requests on the stream
 * (ClientDetectionRequest) are answered as the SDK answers them.
 * @param {RawGrpcConnection} connection
 * @param {'config' | 'naming'} module
 */
async function handshake(connection, module) {
  const call = (/** @type {Buffer} */ payload) =>
    new Promise((resolve, reject) => connection.unary(frame(payload), (answer, problem) => (answer ? resolve(answer) : reject(new Error(`ServerCheckRequest: ${problem}`)))));
  const check = decodePayload(/** @type {Buffer} */ (await call(serverCheckRequest('127.0.0.1'))));
  if (check.type !== 'ServerCheckResponse') throw new Error(`ServerCheckRequest answered ${check.type}`);
  const reader = new FrameReader();
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no SetupAckRequest within 10 s')), 10_000);
    const stream = connection.openStream((chunk) => {
      for (const bytes of reader.push(chunk)) {
        const payload = decodePayload(bytes);
        if (payload.type === 'SetupAckRequest') {
          clearTimeout(timer);
          resolve(undefined);
        } else if (payload.type.endsWith('Request')) stream.write(pushAnswer(payload.type, bodyOf(payload).requestId));
      }
    });
    stream.write(frame(connectionSetupRequest(module, '127.0.0.1')));
  });
}

/** @param {{ host: string, port: number, channels: number, module: 'config' | 'naming' }} msg */
async function prepare(msg) {
  await close();
  for (let i = 0; i < msg.channels; i++) {
    const connection = await RawGrpcConnection.open(msg.host, msg.port);
    connections.push(connection);
    await handshake(connection, msg.module);
  }
}

async function close() {
  const closing = connections.map((connection) => connection.close());
  connections = [];
  await Promise.all(closing);
}

process.on('message', (/** @type {any} */ msg) => {
  const work = msg.type === 'prepare' ? prepare(msg) : msg.type === 'run' ? run(msg.plan, msg.inFlight, msg.durationS) : close();
  work.then(
    (result) => process.send?.({ type: 'done', id: msg.id, ...(result ?? {}) }),
    (error) => process.send?.({ type: 'failed', id: msg.id, error: error instanceof Error ? error.message : String(error) }),
  );
});

// The parent going away (even by SIGKILL) closes the IPC channel: do not outlive it.
process.on('disconnect', () => process.exit(0));
