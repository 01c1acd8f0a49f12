// Config listeners over gRPC, a child process holding a share of the push fan-out's connections
// (bench/grpc-bench.mjs forks a few, so 10,000 HTTP/2 connections are not all in one process).
// Each listener is an SDK connection of its own (raw node:http2 session): ServerCheckRequest, the
// bi-stream set up, then ConfigBatchListenRequest on one config with its current md5, answered
// with no change. A ConfigChangeNotifyRequest arriving on the stream is checked (the config it
// names), its arrival time taken (process.hrtime, the same monotonic clock in every process of
// the machine) and acked with ConfigChangeNotifyResponse carrying the same requestId, as the SDK
// does. Over IPC:
//   { type: 'connect', host, port, count, accessToken, key: { dataId, group, tenant, md5 } }
//   { type: 'collect', waitMs }   the arrivals, once every listener has one or after waitMs
//   { type: 'close' }
// each answered with { type: 'done', id, ... } or { type: 'failed', id, error } (the message's id).
import { connect, encodePayload, handshake, requestHeaders, successOf, unary } from './lib/grpc-wire.mjs';

const CONCURRENT_SETUPS = 100;

/**
 * @typedef {{ session: import('node:http2').ClientHttp2Session, arrivedAtMs?: number }} Listener
 * @type {Listener[]}
 */
let listeners = [];
let repeats = 0;
let wrong = 0;
/** @type {string | undefined} the first change notice received, as its bytes came */
let sample;
/** @type {string | undefined} the first listen answer, as its bytes came */
let listenAnswer;
/** @type {(() => void) | undefined} */
let onArrival;

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * @param {{ host: string, port: number, count: number, accessToken: string, key: { dataId: string, group: string, tenant: string, md5: string } }} msg
 */
async function connectAll(msg) {
  await closeAll();
  repeats = 0;
  wrong = 0;
  sample = undefined;
  listenAnswer = undefined;
  const { key } = msg;
  const listen = encodePayload('ConfigBatchListenRequest', { headers: {}, listen: true, configListenContexts: [key], module: 'config' }, requestHeaders('config', msg.accessToken), '127.0.0.1');
  let next = 0;
  /** @type {string[]} */
  const errors = [];
  let failed = 0;
  const one = async () => {
    /** @type {Listener} */
    const listener = { session: await connect(msg.host, msg.port) };
    try {
      await listenOn(listener);
      listeners.push(listener);
    } catch (error) {
      listener.session.destroy();
      throw error;
    }
  };
  /** @param {Listener} listener */
  const listenOn = async (listener) => {
    await handshake(listener.session, {
      module: 'config',
      timeoutMs: 30_000,
      onPush: (payload, bytes, body) => {
        if (payload.type !== 'ConfigChangeNotifyRequest') return;
        const at = nowMs();
        if (body.dataId !== key.dataId || body.group !== key.group || (body.tenant ?? '') !== key.tenant) {
          wrong++;
          return;
        }
        if (listener.arrivedAtMs !== undefined) {
          repeats++;
          return;
        }
        listener.arrivedAtMs = at;
        sample ??= Buffer.from(bytes).toString('base64');
        onArrival?.();
      },
    });
    const answer = await unary(listener.session, listen, 30_000);
    const body = successOf(answer, 'ConfigChangeBatchListenResponse');
    if (!Array.isArray(body.changedConfigs) || body.changedConfigs.length !== 0) throw new Error(`a listen with the current md5 was answered ${answer.toString('utf8', 0, 300)}`);
    listenAnswer ??= answer.toString('base64');
  };
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENT_SETUPS, msg.count) }, async () => {
      while (next < msg.count) {
        next++;
        try {
          await one();
        } catch (error) {
          failed++;
          if (errors.length < 3) errors.push(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
  return { listening: msg.count - failed, failed, errors, listenAnswer };
}

/** @param {{ waitMs: number }} msg */
async function collect(msg) {
  const all = () => listeners.every((l) => l.arrivedAtMs !== undefined);
  if (!all()) {
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, msg.waitMs);
      onArrival = () => {
        if (!all()) return;
        clearTimeout(timer);
        resolve(undefined);
      };
    });
    onArrival = undefined;
  }
  const arrivals = listeners.flatMap((l) => (l.arrivedAtMs === undefined ? [] : [l.arrivedAtMs]));
  return { arrivals, missing: listeners.length - arrivals.length, repeats, wrong, sample };
}

async function closeAll() {
  const closing = listeners.map(
    ({ session }) =>
      new Promise((resolve) => {
        if (session.destroyed) return resolve(undefined);
        session.once('close', resolve);
        session.destroy();
      }),
  );
  listeners = [];
  await Promise.all(closing);
}

process.on('message', (/** @type {any} */ msg) => {
  const work = msg.type === 'connect' ? connectAll(msg) : msg.type === 'collect' ? collect(msg) : closeAll();
  work.then(
    (result) => process.send?.({ type: 'done', id: msg.id, ...(result ?? {}) }),
    (error) => process.send?.({ type: 'failed', id: msg.id, error: error instanceof Error ? error.message : String(error) }),
  );
});

// The parent going away (even by SIGKILL) closes the IPC channel: do not outlive it.
process.on('disconnect', () => process.exit(0));
