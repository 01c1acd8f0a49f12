// Push latency: N Nacos long-poll listeners wait on one config; one publish; each listener's
// latency is the time from just before the publish request to its answer. Reports delivered
// count, p50 and p99 for N = 1,000 and 10,000. Bounded: one publish per N, listeners hold at
// most the server's long-poll time.
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { authHeaders, check, formBody, sendForm } from './lib/api.mjs';
import { capture } from './lib/measure.mjs';
import { pushTable } from './lib/report.mjs';

const WORD = '\u0002';
const LINE = '\u0001';
const md5 = (/** @type {string} */ text) => createHash('md5').update(text, 'utf8').digest('hex');

/** The long polls a server holds now, from its gauge. @param {string} baseUrl */
export async function waiting(baseUrl) {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const match = /^switchboard_config_long_poll_waiting (\d+)/m.exec(text);
  return match ? Number(match[1]) : 0;
}

/**
 * How the listeners' connections are used: `fresh`, a connection opened for the poll alone and
 * closed by the server after its answer (a client without keep-alive, or one process per
 * listener); `kept-alive`, a connection that has carried a request before (the config read first,
 * as clients do) and is kept after the answer for the next poll.
 * @typedef {'fresh' | 'kept-alive'} PushConnections
 */

/** The config read that comes before the poll on a kept-alive connection. @param {string} dataId */
export function primePath(dataId) {
  return `/nacos/v1/cs/configs?dataId=${encodeURIComponent(dataId)}&group=DEFAULT_GROUP`;
}

/**
 * One listener: a raw socket carrying the long-poll request as a Nacos client sends it, so the
 * latency measured is the server's delivery, not the cost of a client HTTP stack parsing 10,000
 * answers on the same machine. Resolves when the whole answer (headers and `content-length`
 * bytes of body) of the poll has arrived; the status and body are checked by the caller.
 * @param {string} baseUrl
 * @param {string} dataId
 * @param {string} currentMd5
 * @param {PushConnections} connections
 * @returns {Promise<{ status: number, body: string, at: number, socket?: import('node:net').Socket }>}
 */
function poll(baseUrl, dataId, currentMd5, connections) {
  const url = new URL(baseUrl);
  const body = new URLSearchParams({ 'Listening-Configs': `${dataId}${WORD}DEFAULT_GROUP${WORD}${currentMd5}${LINE}` }).toString();
  const connection = connections === 'fresh' ? 'close' : 'keep-alive';
  const headers = { ...authHeaders(), host: url.host, connection, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)), 'long-pulling-timeout': '30000' };
  const request = `POST /nacos/v1/cs/configs/listener HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`;
  const prime = `GET ${primePath(dataId)} HTTP/1.1\r\n${Object.entries({ ...authHeaders(), host: url.host, connection }).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let buffer = Buffer.alloc(0);
    let primed = connections === 'fresh';
    let done = false;
    socket.on('data', (chunk) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? NaN);
      if (buffer.length - end - 4 < length) return;
      const answer = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
      buffer = buffer.subarray(end + 4 + length);
      if (!primed) {
        // The config read answered: now the poll, on the same connection.
        primed = true;
        socket.write(request);
        return;
      }
      done = true;
      resolve({ status: Number(head.slice(9, 12)), body: answer, at: performance.now(), socket });
    });
    // A failed listener counts as not delivered (status 0), never as an unhandled rejection.
    socket.on('error', () => undefined);
    socket.on('close', () => done || resolve({ status: 0, body: 'connection closed before the answer', at: performance.now() }));
    socket.write(primed ? request : prime);
  });
}

/** @param {number[]} sorted @param {number} q */
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/**
 * The bytes Switchboard answers a long poll of this push with (a poll whose md5 is stale is
 * answered at once with the same change notice a push sends) and a publish with: what the bare
 * baseline is given to hold and release.
 * @param {string} baseUrl
 * @param {number} listeners
 */
export async function capturePushAnswers(baseUrl, listeners) {
  const dataId = `bench-push-${listeners}.properties`;
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const listen = await capture(baseUrl, {
    method: 'POST',
    path: '/nacos/v1/cs/configs/listener',
    headers: { ...form, 'long-pulling-timeout': '30000' },
    body: formBody({ 'Listening-Configs': `${dataId}${WORD}DEFAULT_GROUP${WORD}${md5('stale')}${LINE}` }),
  });
  const release = await capture(baseUrl, { method: 'POST', path: '/nacos/v1/cs/configs', headers: form, body: formBody({ dataId, group: 'DEFAULT_GROUP', content: 'round=1' }) });
  const expected = `${encodeURIComponent(`${dataId}${WORD}DEFAULT_GROUP${LINE}`)}\n`;
  check(listen.status === 200 && listen.body.toString('utf8') === expected, `a stale long poll was answered ${listen.status} ${JSON.stringify(listen.body.toString('utf8'))}`);
  check(release.status === 200 && release.body.toString('utf8') === 'true', `a publish was answered ${release.status} ${JSON.stringify(release.body.toString('utf8'))}`);
  // What a kept-alive listener reads before its poll (the baseline answers it with these bytes).
  const prime = await capture(baseUrl, { method: 'GET', path: primePath(dataId) });
  check(prime.status === 200, `the config read before a poll was answered ${prime.status}`);
  return { listen, release, prime };
}

/**
 * @typedef {{ listeners: number, connections: PushConnections, delivered: number, p50: number, p99: number, max: number, failure?: string, baseline?: PushOutcome }} PushOutcome
 * @param {string} baseUrl
 * @param {number} listeners
 * @param {PushConnections} [connections]
 * @returns {Promise<PushOutcome>}
 */
export async function measurePush(baseUrl, listeners, connections = /** @type {PushConnections} */ ('fresh')) {
  const dataId = `bench-push-${listeners}.properties`;
  await sendForm(baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId, group: 'DEFAULT_GROUP', content: 'round=0' });
  const before = await waiting(baseUrl);
  const polls = [];
  for (let i = 0; i < listeners; i++) {
    polls.push(poll(baseUrl, dataId, md5('round=0'), connections));
    if (i % 500 === 499) await new Promise((r) => setTimeout(r, 20)); // do not flood the accept queue
  }
  const deadline = Date.now() + 60_000;
  while ((await waiting(baseUrl)) < before + listeners) {
    check(Date.now() < deadline, `only ${(await waiting(baseUrl)) - before} of ${listeners} listeners were waiting after 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const publishedAt = performance.now();
  await sendForm(baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId, group: 'DEFAULT_GROUP', content: 'round=1' });
  const answers = await Promise.all(polls);
  for (const answer of answers) answer.socket?.destroy();
  const expected = `${encodeURIComponent(`${dataId}${WORD}DEFAULT_GROUP${LINE}`)}\n`;
  const delivered = answers.filter((a) => a.status === 200 && a.body === expected);
  const latencies = delivered.map((a) => a.at - publishedAt).sort((a, b) => a - b);
  return {
    listeners,
    connections,
    delivered: delivered.length,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: latencies.at(-1) ?? NaN,
    failure: delivered.length === listeners ? undefined : `${listeners - delivered.length} listeners got no change notice`,
  };
}

/** @param {PushOutcome[]} outcomes */
export function pushMarkdown(outcomes) {
  return pushTable(
    'Config push: publish → waiting Nacos long-poll listeners',
    'Each listener holds its own connection (a raw socket sending the long-poll request); latency runs from just before the publish request to the arrival of the whole answer. *fresh*: the connection was opened for the poll and is closed by the server after the answer (`Connection: close`, a client without keep-alive); *kept-alive*: the connection carried the config read first and stays open for the next poll, as the Nacos clients keep theirs. Baseline: the bare `node:http` server holding the same requests and answering them, on the publish, with the bytes Switchboard answered (the same listeners, measured the same way, after Switchboard). Target: Switchboard\'s p99 at most 1.3 × the baseline\'s (p99 ratio ≥ 0.77);',
    'listeners',
    outcomes.map((o) => ({ ...o, count: `${o.listeners.toLocaleString('en-US')} ${o.connections}` })),
  );
}
