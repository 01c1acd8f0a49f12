// Push latency over socket.io: N clients subscribe to one config's topic (each its own
// connection, websocket transport); one publish; each client's latency is the time from just
// before the publish request to its `config.published` event carrying the new md5. Bounded: one
// publish per N; every client disconnects afterwards.
import { createHash } from 'node:crypto';
import { io } from 'socket.io-client';
import { authHeaders, check, sendForm } from './lib/api.mjs';
import { pushTable } from './lib/report.mjs';

const md5 = (/** @type {string} */ text) => createHash('md5').update(text, 'utf8').digest('hex');

/** @param {number[]} sorted @param {number} q */
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/**
 * @param {string} baseUrl
 * @param {string} path the realtime path of the wire contract
 * @param {string} token
 * @param {{ namespaceId: string, group: string, dataId: string }} key
 * @returns {Promise<import('socket.io-client').Socket>}
 */
async function subscribed(baseUrl, path, token, key) {
  const socket = io(baseUrl, { path, transports: ['websocket'], reconnection: false, forceNew: true, auth: { token } });
  await new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(undefined));
    socket.once('connect_error', reject);
  });
  const ack = await socket.timeout(20_000).emitWithAck('subscribe', { kind: 'config', ...key });
  check(ack.ok, `subscribe refused: ${JSON.stringify(ack.error)}`);
  return socket;
}

/**
 * @typedef {{ subscribers: number, delivered: number, p50: number, p99: number, max: number, failure?: string, event?: unknown, path?: string, baseline?: SocketPushOutcome }} SocketPushOutcome
 * @param {string} baseUrl
 * @param {number} subscribers
 * @returns {Promise<SocketPushOutcome>}
 */
export async function measureSocketPush(baseUrl, subscribers) {
  const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `bench-socket-push-${subscribers}.properties` };
  await sendForm(baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId: key.dataId, group: key.group, content: 'round=0' });
  const token = authHeaders().authorization?.slice('Bearer '.length) ?? '';
  // Imported here, not at the top: the wire contract's dist exists only once the bench has built it.
  const { REALTIME_PATH } = await import('@switchboard/shared');
  /** @type {import('socket.io-client').Socket[]} */
  const sockets = [];
  try {
    for (let i = 0; i < subscribers; i += 250) {
      const batch = await Promise.all(Array.from({ length: Math.min(250, subscribers - i) }, () => subscribed(baseUrl, REALTIME_PATH, token, key)));
      sockets.push(...batch);
    }
    const wanted = md5('round=1');
    /** @type {number[]} */
    const latencies = [];
    /** @type {unknown} */
    let event;
    let publishedAt = 0;
    const arrived = Promise.all(
      sockets.map(
        (socket) =>
          new Promise((resolve) => {
            const timer = setTimeout(() => resolve(undefined), 20_000);
            socket.on('config.published', (/** @type {{ config: { md5: string } }} */ published) => {
              if (published.config.md5 !== wanted) return;
              latencies.push(performance.now() - publishedAt);
              event ??= published;
              clearTimeout(timer);
              resolve(undefined);
            });
          }),
      ),
    );
    publishedAt = performance.now();
    await sendForm(baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId: key.dataId, group: key.group, content: 'round=1' });
    await arrived;
    latencies.sort((a, b) => a - b);
    return {
      subscribers,
      delivered: latencies.length,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      max: latencies.at(-1) ?? NaN,
      failure: latencies.length === subscribers ? undefined : `${subscribers - latencies.length} subscribers got no config.published`,
      event,
      path: REALTIME_PATH,
    };
  } finally {
    for (const socket of sockets) socket.disconnect();
  }
}

/** @param {SocketPushOutcome[]} outcomes */
export function socketPushMarkdown(outcomes) {
  return pushTable(
    'Config push: publish → socket.io subscribers',
    "Each subscriber holds its own websocket; latency runs from just before the publish request to the subscriber's `config.published` event with the new md5. Baseline: a bare socket.io server (the same version, on a bare `node:http` server) whose subscribers join one room and are sent, on the publish, the event Switchboard sent (the same subscribers, measured the same way, after Switchboard);",
    'subscribers',
    outcomes.map((o) => ({ ...o, count: o.subscribers })),
  );
}
