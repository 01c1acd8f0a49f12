// Push latency: N Nacos long-poll listeners wait on one config; one publish; each listener's
// latency is the time from just before the publish request to its answer. Reports delivered
// count, p50 and p99 for N = 1,000 and 10,000. Bounded: one publish per N, listeners hold at
// most the server's long-poll time.
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { authHeaders, check, sendForm } from './lib/api.mjs';

const WORD = '\u0002';
const LINE = '\u0001';
const md5 = (/** @type {string} */ text) => createHash('md5').update(text, 'utf8').digest('hex');

/** @param {string} baseUrl */
async function waiting(baseUrl) {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const match = /^switchboard_config_long_poll_waiting (\d+)/m.exec(text);
  return match ? Number(match[1]) : 0;
}

/**
 * @param {string} baseUrl
 * @param {string} dataId
 * @param {string} currentMd5
 * @returns {Promise<{ status: number, body: string, at: number }>}
 */
function poll(baseUrl, dataId, currentMd5) {
  const body = new URLSearchParams({ 'Listening-Configs': `${dataId}${WORD}DEFAULT_GROUP${WORD}${currentMd5}${LINE}` }).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}/nacos/v1/cs/configs/listener`,
      { method: 'POST', agent: false, headers: { ...authHeaders(), 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'Long-Pulling-Timeout': '30000' } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, at: performance.now() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** @param {number[]} sorted @param {number} q */
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/**
 * @typedef {{ listeners: number, delivered: number, p50: number, p99: number, max: number, failure?: string }} PushOutcome
 * @param {string} baseUrl
 * @param {number} listeners
 * @returns {Promise<PushOutcome>}
 */
export async function measurePush(baseUrl, listeners) {
  const dataId = `bench-push-${listeners}.properties`;
  await sendForm(baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId, group: 'DEFAULT_GROUP', content: 'round=0' });
  const before = await waiting(baseUrl);
  const polls = [];
  for (let i = 0; i < listeners; i++) {
    polls.push(poll(baseUrl, dataId, md5('round=0')));
    if (i % 500 === 499) await new Promise((r) => setTimeout(r, 20)); // do not flood the accept queue
  }
  const deadline = Date.now() + 20_000;
  while ((await waiting(baseUrl)) < before + listeners) {
    check(Date.now() < deadline, `only ${(await waiting(baseUrl)) - before} of ${listeners} listeners were waiting after 20 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const publishedAt = performance.now();
  await sendForm(baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId, group: 'DEFAULT_GROUP', content: 'round=1' });
  const answers = await Promise.all(polls);
  const expected = `${encodeURIComponent(`${dataId}${WORD}DEFAULT_GROUP${LINE}`)}\n`;
  const delivered = answers.filter((a) => a.status === 200 && a.body === expected);
  const latencies = delivered.map((a) => a.at - publishedAt).sort((a, b) => a - b);
  return {
    listeners,
    delivered: delivered.length,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: latencies.at(-1) ?? NaN,
    failure: delivered.length === listeners ? undefined : `${listeners - delivered.length} listeners got no change notice`,
  };
}

/** @param {PushOutcome[]} outcomes */
export function pushMarkdown(outcomes) {
  const ms = (/** @type {number} */ v) => `${v.toFixed(1)} ms`;
  return [
    '## Config push: publish → waiting Nacos long-poll listeners',
    '',
    'Each listener holds its own connection; latency runs from just before the publish request to the listener\'s answer.',
    '',
    '| listeners | delivered | p50 | p99 | max |',
    '|---:|---:|---:|---:|---:|',
    ...outcomes.map((o) => `| ${o.listeners.toLocaleString('en-US')} | ${o.delivered.toLocaleString('en-US')} | ${ms(o.p50)} | ${ms(o.p99)} | ${ms(o.max)} |`),
    '',
  ].join('\n');
}
