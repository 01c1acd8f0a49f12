// Registry at scale: memory per ephemeral instance and instance-list latency with 50,000
// instances registered. Not a baseline comparison (a bare server holds no registry), so it is
// reported in its own table. Bounded: a fixed number of registrations and two short loads.
import { authHeaders, check, formBody } from './lib/api.mjs';
import { load } from './lib/measure.mjs';

const SERVICES = 500;
const PER_SERVICE = 100;
const IN_FLIGHT = 64;

/** @param {string} baseUrl */
async function rssBytes(baseUrl) {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const match = /^process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(text);
  check(match, 'process_resident_memory_bytes missing from /metrics');
  return Number(match?.[1]);
}

/**
 * @typedef {object} MemoryOutcome
 * @property {number} instances
 * @property {number} rssBeforeBytes
 * @property {number} rssAfterBytes
 * @property {number} bytesPerInstance
 * @property {number} registerPerSecond
 * @property {{ rps: number, p99: number }} listBefore
 * @property {{ rps: number, p99: number }} listAfter
 * @property {string} [failure]
 */

/**
 * @param {string} baseUrl
 * @param {{ rounds: number, durationS: number, warmupS: number, connections: number, pipelining: number }} settings
 * @param {{ path: string, method: string }} listScenario the 10-host list, measured before and after
 * @returns {Promise<MemoryOutcome>}
 */
export async function measureRegistryMemory(baseUrl, settings, listScenario) {
  const total = SERVICES * PER_SERVICE;
  const listBefore = await load(baseUrl, listScenario, settings, settings.durationS);
  const rssBeforeBytes = await rssBytes(baseUrl);
  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < total) {
        const n = next++;
        const s = Math.floor(n / PER_SERVICE);
        const i = n % PER_SERVICE;
        const res = await fetch(`${baseUrl}/nacos/v1/ns/instance`, {
          method: 'POST',
          headers: { ...authHeaders(), 'content-type': 'application/x-www-form-urlencoded' },
          body: formBody({ serviceName: `bench-mem-${s}`, ip: `127.3.${s % 250}.${i + 1}`, port: 20000 + s, metadata: JSON.stringify({ version: '1.0.0', zone: `z${i % 4}` }) }),
        });
        const text = await res.text();
        check(res.ok && text === 'ok', `register ${n}: ${res.status} ${text.slice(0, 200)}`);
      }
    }),
  );
  const registerPerSecond = total / ((Date.now() - started) / 1000);
  const metrics = await (await fetch(`${baseUrl}/nacos/v1/ns/operator/metrics?onlyStatus=false`)).json();
  check(metrics.instanceCount >= total, `instanceCount ${metrics.instanceCount}, expected at least ${total}`);
  // Let allocation settle so the figure is the registry, not request garbage in flight.
  await new Promise((r) => setTimeout(r, 2000));
  const rssAfterBytes = await rssBytes(baseUrl);
  const listAfter = await load(baseUrl, listScenario, settings, settings.durationS);
  const bad = listBefore.bad + listAfter.bad;
  return {
    instances: total,
    rssBeforeBytes,
    rssAfterBytes,
    bytesPerInstance: (rssAfterBytes - rssBeforeBytes) / total,
    registerPerSecond,
    listBefore,
    listAfter,
    failure: bad ? `${bad} failed list requests` : undefined,
  };
}

/** @param {MemoryOutcome} m */
export function memoryMarkdown(m) {
  const mb = (/** @type {number} */ b) => `${(b / 1024 / 1024).toFixed(1)} MB`;
  return [
    '## Registry at scale',
    '',
    `${m.instances.toLocaleString('en-US')} ephemeral instances registered through the Nacos v1 API (${SERVICES} services × ${PER_SERVICE}, ${IN_FLIGHT} requests in flight).`,
    '',
    '| measure | value |',
    '|---|---:|',
    `| RSS before / after | ${mb(m.rssBeforeBytes)} / ${mb(m.rssAfterBytes)} |`,
    `| RSS per instance | ${Math.round(m.bytesPerInstance).toLocaleString('en-US')} bytes |`,
    `| register throughput while filling | ${Math.round(m.registerPerSecond).toLocaleString('en-US')} / s |`,
    `| instance list (10 hosts) before: req/s, p99 | ${Math.round(m.listBefore.rps).toLocaleString('en-US')}, ${m.listBefore.p99} ms |`,
    `| instance list (10 hosts) after: req/s, p99 | ${Math.round(m.listAfter.rps).toLocaleString('en-US')}, ${m.listAfter.p99} ms |`,
    ...(m.failure ? ['', `Failure: ${m.failure}`] : []),
    '',
  ].join('\n');
}
