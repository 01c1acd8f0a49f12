// Requests in the shapes real Nacos clients send them, on servers run as `npm start` runs one
// (the default log level, its lines written to a file), with authentication off and on, and once
// more with authentication off and a `request completed` line for every request
// (LOG_REQUESTS=all, an access log; by default only requests answered with an error get one). With it on, the credentials travel as the clients send them: the
// npm client puts `username` and `password` in every request's parameters; the Java client signs
// in once and sends `accessToken`. Each scenario is verified on both sides (the answer's bytes)
// before it is measured against the bare baseline, as the main scenarios are.
//
// Besides the request/answer scenarios, the cost of a long poll that is held (nothing changed):
// K listeners on connections of their own send their poll at once; the server's CPU time until
// every one of them is held (its waiting gauge), per poll, beside the bare baseline holding the
// same requests.
import { createHash } from 'node:crypto';
import { mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'node:querystring';
import { AUTH_ENDPOINTS } from '@switchboard/shared';
import { waiting } from './config-push.mjs';
import { BENCH_ADMIN_PASSWORD, check, formBody, sendForm, sendJson, setAuthToken } from './lib/api.mjs';
import { median, processCpuUs } from './lib/measure.mjs';
import { startSwitchboard, stop } from './lib/processes.mjs';
import { runScenario } from './lib/scenario-run.mjs';

const WORD = '\u0002';
const LINE = '\u0001';
const md5 = (/** @type {string} */ text) => createHash('md5').update(text, 'utf8').digest('hex');

const LIST_SERVICE = 'bench-client-list';
const BEAT_SERVICE = 'bench-client-beat';
const CONFIG = 'bench-client.properties';
const CONTENT_1K = Array.from({ length: 32 }, (_, i) => `key.${String(i).padStart(2, '0')}=${'v'.repeat(24)}\n`).join('');
const LISTENED = Array.from({ length: 50 }, (_, i) => `bench-listen-${String(i).padStart(2, '0')}.properties`);
const listenedContent = (/** @type {number} */ i) => `listened.${i}=${'x'.repeat(40)}\n`;
const BEAT_ANSWER = '{"clientBeatInterval":5000,"code":10200,"lightBeatEnabled":true}';
const UDP_PORT = '55001'; // nobody listens: nothing changes while the list is measured
const CLIENT_USER = 'bench-client';
const CLIENT_PASSWORD = 'bench-client-password';

// The headers each client sends (nacos-naming's proxy, nacos-config's http agent, the 1.x Java
// client's NamingProxy).
const NPM_NAMING_HEADERS = { 'user-agent': 'Nacos-Node-Client:v2.6.3', 'client-version': 'Nacos-Node-Client:v2.6.3', 'accept-encoding': 'gzip,deflate,sdch', 'request-module': 'Naming', requestid: '6f1c5c61-3c3e-4c0d-9d8e-3b0f2f7a8a11' };
const NPM_CONFIG_HEADERS = { 'client-version': 'Nacos-Node-Client:v2.6.3', 'content-type': 'application/x-www-form-urlencoded; charset=utf8', exconfiginfo: 'true' };
const JAVA_NAMING_HEADERS = { 'client-version': 'Nacos-Java-Client:v1.4.6', 'user-agent': 'Nacos-Java-Client:v1.4.6', 'accept-encoding': 'gzip,deflate,sdch', 'request-module': 'Naming', requestid: '0f3e1e9e-8a51-4b7e-9a54-2d3c0f7b1c22' };

/** @typedef {'off' | 'username/password' | 'accessToken'} AuthMode */
/** @type {AuthMode[]} */
export const AUTH_MODES = ['off', 'username/password', 'accessToken'];

/**
 * The credential parameters of a mode.
 * @param {AuthMode} mode
 * @param {string} token
 * @returns {Record<string, string>}
 */
function credentials(mode, token) {
  if (mode === 'username/password') return { username: CLIENT_USER, password: CLIENT_PASSWORD };
  if (mode === 'accessToken') return { accessToken: token };
  return {};
}

/** The npm client's beat JSON (nacos-naming's BeatInfo). */
const BEAT_JSON = JSON.stringify({ port: 8080, ip: '127.0.3.1', weight: 1, serviceName: `DEFAULT_GROUP@@${BEAT_SERVICE}`, cluster: 'DEFAULT', metadata: { zone: 'z1', version: '1.4.2' }, scheduled: true });

/**
 * @param {string} body
 * @param {string} expected
 */
function checkChanged(body, expected) {
  const text = `${encodeURIComponent(expected)}\n`;
  check(body === text, `changed keys ${JSON.stringify(body)}, expected ${JSON.stringify(text)}`);
}

/** A listener's Listening-Configs for the first `count` listened configs; `stale`: the first one's md5 is old. @param {number} count @param {boolean} stale */
function listening(count, stale) {
  return LISTENED.slice(0, count)
    .map((dataId, i) => `${dataId}${WORD}DEFAULT_GROUP${WORD}${i === 0 && stale ? md5('an older content') : md5(listenedContent(i))}${LINE}`)
    .join('');
}

/**
 * The request/answer scenarios of one authentication mode.
 * @param {AuthMode} mode
 * @param {string} token the client user's token (accessToken mode)
 * @returns {import('./scenarios.mjs').Scenario[]}
 */
export function clientScenarios(mode, token) {
  const creds = credentials(mode, token);
  const suffix = ` [auth ${mode}]`;
  /** @type {import('./scenarios.mjs').Scenario[]} */
  const list = [
    {
      name: `PUT full beat (npm client: the beat JSON every time)${suffix}`,
      method: 'PUT',
      path: `/nacos/v1/ns/instance/beat?${stringify({ beat: BEAT_JSON, namespaceId: 'public', serviceName: `DEFAULT_GROUP@@${BEAT_SERVICE}`, ...creds })}`,
      headers: NPM_NAMING_HEADERS,
      anonymous: true,
      verify(status, body) {
        check(status === 200, `status ${status}, expected 200`);
        check(body === BEAT_ANSWER, `body ${body}, expected ${BEAT_ANSWER}`);
      },
    },
    {
      name: `GET instance list (npm client: clusters, udpPort, clientIP, healthyOnly; 10 hosts)${suffix}`,
      method: 'GET',
      path: `/nacos/v1/ns/instance/list?${stringify({ namespaceId: 'public', serviceName: `DEFAULT_GROUP@@${LIST_SERVICE}`, clusters: '', udpPort: UDP_PORT, clientIP: '127.0.0.1', healthyOnly: 'false', ...creds })}`,
      headers: NPM_NAMING_HEADERS,
      anonymous: true,
      verify: verifyList,
    },
    {
      name: `GET config (npm client, 1 KB)${suffix}`,
      method: 'GET',
      path: `/nacos/v1/cs/configs?${stringify({ dataId: CONFIG, group: 'DEFAULT_GROUP', tenant: '', ...creds })}`,
      headers: NPM_CONFIG_HEADERS,
      anonymous: true,
      verify(status, body) {
        check(status === 200, `status ${status}, expected 200`);
        check(body === CONTENT_1K, `content of ${body.length} characters differs from the 1 KB published`);
      },
    },
  ];
  // The Java client never sends a password with its requests: it signs in and sends the token.
  if (mode !== 'username/password') {
    list.push({
      name: `GET instance list (Java 1.x client: clusters, udpPort, clientIP, healthyOnly, app; 10 hosts)${suffix}`,
      method: 'GET',
      path: `/nacos/v1/ns/instance/list?${stringify({ namespaceId: 'public', serviceName: `DEFAULT_GROUP@@${LIST_SERVICE}`, clusters: '', udpPort: UDP_PORT, clientIP: '127.0.0.1', healthyOnly: 'false', app: 'unknown', ...creds })}`,
      headers: JAVA_NAMING_HEADERS,
      anonymous: true,
      verify: verifyList,
    });
  }
  for (const count of [1, 50]) {
    list.push({
      name: `POST listener, ${count} config${count > 1 ? 's' : ''}, one changed: answered at once${suffix}`,
      method: 'POST',
      path: '/nacos/v1/cs/configs/listener',
      headers: { ...NPM_CONFIG_HEADERS, 'long-pulling-timeout': '30000' },
      body: formBody({ 'Listening-Configs': listening(count, true), ...creds }),
      anonymous: true,
      verify(status, body) {
        check(status === 200, `status ${status}, expected 200`);
        checkChanged(body, `${LISTENED[0]}${WORD}DEFAULT_GROUP${LINE}`);
      },
    });
  }
  return list;
}

/** @param {number} status @param {string} body */
function verifyList(status, body) {
  check(status === 200, `status ${status}, expected 200`);
  const info = JSON.parse(body);
  check(info.name === `DEFAULT_GROUP@@${LIST_SERVICE}`, `name ${info.name}`);
  check(Array.isArray(info.hosts) && info.hosts.length === 10, `${info.hosts?.length} hosts, expected 10`);
  check(info.hosts.every((/** @type {{healthy: boolean}} */ h) => h.healthy), 'an unhealthy host');
}

/**
 * The data every scenario reads, and the client user (auth on), created through the real API.
 * Answers the client user's token (empty with authentication off).
 * @param {string} baseUrl
 * @param {boolean} authOn
 */
export async function setUpClientData(baseUrl, authOn) {
  let token = '';
  if (authOn) {
    setAuthToken((await sendJson(baseUrl, 'POST', AUTH_ENDPOINTS.login.path, { username: 'admin', password: BENCH_ADMIN_PASSWORD })).accessToken);
    await sendJson(baseUrl, 'POST', AUTH_ENDPOINTS.createUser.path, { username: CLIENT_USER, password: CLIENT_PASSWORD });
    await sendJson(baseUrl, 'POST', AUTH_ENDPOINTS.bindRole.path, { role: 'bench-clients', username: CLIENT_USER });
    await sendJson(baseUrl, 'POST', AUTH_ENDPOINTS.grantPermission.path, { role: 'bench-clients', namespaceId: 'public', action: 'write' });
    token = (await sendJson(baseUrl, 'POST', AUTH_ENDPOINTS.login.path, { username: CLIENT_USER, password: CLIENT_PASSWORD })).accessToken;
  } else setAuthToken('');
  for (let i = 1; i <= 10; i++) {
    await sendForm(baseUrl, 'POST', '/nacos/v1/ns/instance', { serviceName: LIST_SERVICE, ip: `127.0.1.${i}`, port: 8080, metadata: JSON.stringify({ zone: `z${i % 3}` }) });
  }
  // The npm client registers its instance, then beats it.
  await sendForm(baseUrl, 'POST', '/nacos/v1/ns/instance', { serviceName: BEAT_SERVICE, ip: '127.0.3.1', port: 8080, metadata: JSON.stringify({ zone: 'z1', version: '1.4.2' }) });
  await sendForm(baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId: CONFIG, group: 'DEFAULT_GROUP', content: CONTENT_1K, type: 'properties' });
  for (const [i, dataId] of LISTENED.entries()) await sendForm(baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId, group: 'DEFAULT_GROUP', content: listenedContent(i), type: 'properties' });
  return token;
}

/**
 * Opens `count` connections, then sends a long poll on each at once and waits until the server
 * holds every one (its gauge, read every 200 ms: a few reads, against thousands of polls). Answers
 * the server's CPU time per poll from the first write to the last poll held, and that time.
 * Every connection is closed afterwards and the gauge seen back where it was. A poll answered
 * (nothing should have changed) fails the run.
 * @param {string} baseUrl
 * @param {number | undefined} pid
 * @param {string} requestText
 * @param {number} count
 */
async function holdPolls(baseUrl, pid, requestText, count) {
  const url = new URL(baseUrl);
  const before = await waiting(baseUrl);
  /** @type {import('node:net').Socket[]} */
  const sockets = [];
  let answered = 0;
  try {
    for (let i = 0; i < count; i++) {
      const socket = connect(Number(url.port), url.hostname);
      socket.on('data', () => (answered += 1));
      socket.on('error', () => undefined);
      sockets.push(socket);
    }
    await Promise.all(sockets.map((s) => new Promise((resolve, reject) => {
      s.once('connect', resolve);
      s.once('error', reject);
    })));
    const cpuBefore = processCpuUs(pid);
    const started = performance.now();
    for (const socket of sockets) socket.write(requestText);
    const deadline = started + 60_000;
    for (;;) {
      const held = (await waiting(baseUrl)) - before;
      if (answered) throw new Error(`${answered} of the held polls were answered, though nothing changed`);
      if (held >= count) break;
      if (performance.now() > deadline) throw new Error(`${held} of ${count} polls held after 60 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const elapsedMs = performance.now() - started;
    const cpuAfter = processCpuUs(pid);
    return { cpuUsPerPoll: cpuBefore !== undefined && cpuAfter !== undefined ? (cpuAfter - cpuBefore) / count : undefined, elapsedMs };
  } finally {
    for (const socket of sockets) socket.destroy();
    const deadline = performance.now() + 30_000;
    while ((await waiting(baseUrl)) > before && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A held poll's raw request, as the npm client sends it.
 * @param {string} host
 * @param {number} count
 * @param {Record<string, string>} creds
 */
function heldPollRequest(host, count, creds) {
  const body = formBody({ 'Listening-Configs': listening(count, false), ...creds });
  const headers = { host, ...NPM_CONFIG_HEADERS, 'long-pulling-timeout': '30000', 'content-length': String(Buffer.byteLength(body)) };
  return `POST /nacos/v1/cs/configs/listener HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`;
}

/**
 * @typedef {{ mode: AuthMode, configs: number, polls: number, switchboard: { cpuUsPerPoll?: number, elapsedMs: number }[], baseline: { cpuUsPerPoll?: number, elapsedMs: number }[], failure?: string }} HeldOutcome
 * @typedef {{ rows: import('./lib/report.mjs').Outcome[], held: HeldOutcome[], logBytes: number[] }} ClientShapesOutcome
 */

export const HELD_POLLS = 2_000;

/**
 * Both servers of this section (authentication off, then on), each run as `npm start` runs it,
 * measured against the baseline.
 * @param {string} root
 * @param {string} entry
 * @param {{ rounds: number, durationS: number, warmupS: number, connections: number, pipelining: number, filter: string }} settings
 * @param {any} baseline the running baseline (bench/lib/processes.mjs startBaseline)
 * @param {(msg: string) => void} log
 * @returns {Promise<ClientShapesOutcome>}
 */
export async function measureClientShapes(root, entry, settings, baseline, log) {
  /** @type {ClientShapesOutcome} */
  const outcome = { rows: [], held: [], logBytes: [] };
  for (const { authOn, accessLog } of [{ authOn: false, accessLog: false }, { authOn: true, accessLog: false }, { authOn: false, accessLog: true }]) {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-clients-'));
    const logPath = join(dataDir, 'server.log');
    const logFd = openSync(logPath, 'a');
    /** @type {Awaited<ReturnType<typeof startSwitchboard>> | undefined} */
    let server;
    try {
      // As `npm start` runs it: the default log level, its lines going to a file.
      const env = { AUTH_ENABLED: String(authOn), LOG_LEVEL: 'info', ...(accessLog ? { LOG_REQUESTS: 'all' } : {}) };
      server = await startSwitchboard(root, entry, dataDir, 30_000, env, [], logFd);
      const token = await setUpClientData(server.baseUrl, authOn);
      const modes = AUTH_MODES.filter((m) => (m === 'off') !== authOn);
      for (const mode of modes) {
        // With an access log: the three answers the targets are about.
        const scenarios = accessLog ? clientScenarios(mode, token).slice(0, 3).map((s) => ({ ...s, name: s.name.replace('[auth off]', '[auth off, LOG_REQUESTS=all]') })) : clientScenarios(mode, token);
        for (const scenario of scenarios) {
          if (!scenario.name.includes(settings.filter) && !'client shapes'.includes(settings.filter)) continue;
          log(`scenario: ${scenario.name}`);
          const row = await runScenario(scenario, server, baseline, settings);
          if (row.failure) log(`FAILED: ${row.failure}`);
          outcome.rows.push(row);
        }
        if (accessLog || (!'held long polls'.includes(settings.filter) && !'client shapes'.includes(settings.filter))) continue;
        for (const configs of [1, 50]) {
          /** @type {HeldOutcome} */
          const held = { mode, configs, polls: HELD_POLLS, switchboard: [], baseline: [] };
          outcome.held.push(held);
          log(`held long polls: ${HELD_POLLS} listeners, ${configs} config(s) each, nothing changed [auth ${mode}]`);
          try {
            const request = heldPollRequest(new URL(server.baseUrl).host, configs, credentials(mode, token));
            // The baseline holds the same requests (answered, were anything published, with the
            // bytes of a changed answer; nothing is here).
            const listen = { method: 'POST', path: '/nacos/v1/cs/configs/listener', status: 200, contentType: 'text/plain', headers: {}, body: Buffer.alloc(0) };
            const release = { ...listen, path: '/bench/no-release' };
            await baseline.setPush(listen, release);
            await holdPolls(server.baseUrl, server.child.pid, request, 200); // warm-up
            await holdPolls(baseline.baseUrl, baseline.child.pid, request, 200);
            for (let round = 0; round < settings.rounds; round++) {
              held.baseline.push(await holdPolls(baseline.baseUrl, baseline.child.pid, request, HELD_POLLS));
              held.switchboard.push(await holdPolls(server.baseUrl, server.child.pid, request, HELD_POLLS));
            }
            log(`held: Switchboard ${held.switchboard.map((r) => r.cpuUsPerPoll?.toFixed(1)).join(', ')} µs CPU per poll; baseline ${held.baseline.map((r) => r.cpuUsPerPoll?.toFixed(1)).join(', ')}`);
          } catch (err) {
            held.failure = err instanceof Error ? err.message : String(err);
            log(`FAILED: ${held.failure}`);
          } finally {
            // The listener route answers again (the scenarios above) rather than holding.
            const none = { method: 'POST', path: '/bench/not-held', status: 200, contentType: 'text/plain', headers: {}, body: Buffer.alloc(0) };
            await baseline.setPush(none, none);
          }
        }
      }
    } catch (err) {
      outcome.rows.push({ name: `client shapes, auth ${authOn ? 'on' : 'off'}${accessLog ? ', LOG_REQUESTS=all' : ''}`, verified: false, failure: err instanceof Error ? err.message : String(err) });
    } finally {
      if (server) await stop(server.child);
      closeSync(logFd);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return outcome;
}

/** @param {number[]} values */
const spread = (values) => (values.length ? `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}` : '');

/**
 * The section's tables. Ratios are per A/B round (the Switchboard round over the baseline round
 * just before it): their median and spread.
 * @param {ClientShapesOutcome} outcome
 * @param {{ rounds: number, durationS: number, connections: number }} settings
 */
export function clientShapesMarkdown(outcome, settings) {
  const fmt = (/** @type {number | undefined} */ n, digits = 0) => (n === undefined ? '' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
  const lines = [
    '## Client shapes: requests as Nacos clients send them, on servers run as `npm start` runs one',
    '',
    `Each server runs with the default settings (log level info, a \`request completed\` line only for requests answered with an error, the server's output going to a file), authentication off or on, and once more with authentication off and a line for every request (\`LOG_REQUESTS=all\`, an access log); with it on, the npm client's \`username\`/\`password\` parameters on every request, or a signed-in client's \`accessToken\`. Every answer is verified on both sides before it is measured. ${settings.rounds} A/B rounds of ${settings.durationS} s, ${settings.connections} connections; ratio = Switchboard / baseline per round: median and spread (lowest–highest). Server CPU per request: median over the rounds, its ratio baseline / Switchboard.`,
    '',
    '| scenario | baseline req/s | Switchboard req/s | ratio (median) | ratio spread | server CPU µs / request: baseline, Switchboard (ratio) | verified |',
    '|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const row of outcome.rows) {
    if (!row.baseline || !row.switchboard) {
      lines.push(`| ${row.name} | | | | | | ${row.verified ? 'yes' : 'no'}${row.failure ? ` (${row.failure})` : ''} |`);
      continue;
    }
    const ratios = row.switchboard.rounds.map((rps, i) => rps / /** @type {{ rounds: number[] }} */ (row.baseline).rounds[i]);
    const cpu = row.baseline.cpuUsPerRequest !== undefined && row.switchboard.cpuUsPerRequest !== undefined ? `${fmt(row.baseline.cpuUsPerRequest, 1)}, ${fmt(row.switchboard.cpuUsPerRequest, 1)} (${(row.baseline.cpuUsPerRequest / row.switchboard.cpuUsPerRequest).toFixed(2)})` : '';
    lines.push(`| ${row.name} | ${fmt(row.baseline.rps)} | ${fmt(row.switchboard.rps)} | ${median(ratios).toFixed(2)} | ${spread(ratios)} | ${cpu} | ${row.verified ? 'yes' : 'no'}${row.failure ? ` (${row.failure})` : ''} |`);
  }
  if (outcome.held.length) {
    lines.push(
      '',
      `Held long polls: ${HELD_POLLS.toLocaleString('en-US')} listeners on connections of their own send their poll at once (every md5 current: each poll is held); the server's CPU time from the first write until its gauge says every poll is held, per poll (median of the rounds, each round in brackets), and that time.`,
      '',
      '| configs per poll | auth | baseline CPU µs / poll | Switchboard CPU µs / poll | ratio | baseline time to hold all | Switchboard time to hold all |',
      '|---:|---|---:|---:|---:|---:|---:|',
    );
    for (const held of outcome.held) {
      if (held.failure) {
        lines.push(`| ${held.configs} | ${held.mode} | | | | | failed: ${held.failure} |`);
        continue;
      }
      const cpu = (/** @type {{ cpuUsPerPoll?: number }[]} */ runs) => median(runs.map((r) => r.cpuUsPerPoll ?? NaN));
      const each = (/** @type {{ cpuUsPerPoll?: number }[]} */ runs) => runs.map((r) => fmt(r.cpuUsPerPoll, 1)).join(', ');
      const time = (/** @type {{ elapsedMs: number }[]} */ runs) => `${fmt(median(runs.map((r) => r.elapsedMs)))} ms`;
      lines.push(`| ${held.configs} | ${held.mode} | ${fmt(cpu(held.baseline), 1)} (${each(held.baseline)}) | ${fmt(cpu(held.switchboard), 1)} (${each(held.switchboard)}) | ${(cpu(held.baseline) / cpu(held.switchboard)).toFixed(2)} | ${time(held.baseline)} | ${time(held.switchboard)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
