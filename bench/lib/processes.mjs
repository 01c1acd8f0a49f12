// Child processes of the bench: the production build, the Switchboard server and the bare
// baseline server. Everything listens on 127.0.0.1 only.
import { fork, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { BENCH_ADMIN_PASSWORD } from './api.mjs';

/**
 * Builds the server (and, through Nx's dependsOn, libs/shared); Nx's cache makes it instant when
 * nothing changed.
 * @param {string} root
 */
export function buildServer(root) {
  const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
  const nx = join(root, 'node_modules', '.bin', 'nx');
  const args = ['run-many', '-t', 'build', '-p', '@switchboard/server', '--output-style=static'];
  const result = spawnSync(nx, args, { cwd: root, env, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error(`build failed (exit ${result.status ?? result.signal})`);
}

/** A port that was free a moment ago; the server needs a number in PORT, so we cannot listen on 0 there. */
export async function freePort() {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
  probe.close();
  await once(probe, 'close');
  return port;
}

/** Whether `port` of 127.0.0.1 can be listened on now. @param {number} port */
async function isFree(port) {
  if (port > 65535) return false;
  const probe = createServer();
  try {
    probe.listen(port, '127.0.0.1');
    await once(probe, 'listening');
  } catch {
    return false;
  }
  probe.close();
  await once(probe, 'close');
  return true;
}

/**
 * Starts `node <entry>` with a fresh data directory and waits for /health/ready.
 * @param {string} root
 * @param {string} entry
 * @param {string} dataDir
 * @param {number} [timeoutMs]
 * @param {Record<string, string>} [extraEnv] settings of this server (a database, cluster mode)
 * @param {string[]} [extraNodeArgs] flags for this server's Node
 * @param {number} [logFd] a file the server's output goes to (otherwise our stderr)
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, baseUrl: string, grpcPort: number, readyMs: number }>}
 */
export async function startSwitchboard(root, entry, dataDir, timeoutMs = 30_000, extraEnv = {}, extraNodeArgs = [], logFd = undefined) {
  const port = await freePort();
  // The Nacos gRPC port: PORT + 1000 as the SDKs expect, unless that one is taken.
  const grpcPort = extraEnv.GRPC_PORT ? Number(extraEnv.GRPC_PORT) : (await isFree(port + 1000)) ? port + 1000 : await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    GRPC_PORT: String(grpcPort),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    AUTH_ENABLED: 'true',
    AUTH_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
    // Registry scenarios register ephemeral instances once and then measure for minutes without
    // heartbeating them; long timeouts keep their answers the same throughout.
    NAMING_UNHEALTHY_AFTER_MS: '3600000',
    NAMING_EXPIRE_AFTER_MS: '7200000',
    ...extraEnv,
  };
  // stdout carries JSON logs (warn and above only); both streams go to our stderr so stdout stays the report.
  const spawnedAt = performance.now();
  // BENCH_SERVER_NODE_ARGS: flags for the server's Node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p".
  const nodeArgs = [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), ...extraNodeArgs];
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    cwd: root,
    env,
    stdio: logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd],
  });
  child.stdout?.pipe(process.stderr);
  child.stderr?.pipe(process.stderr);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitReady(child, `${baseUrl}/health/ready`, timeoutMs);
  } catch (err) {
    await stop(child);
    throw err;
  }
  return { child, baseUrl, grpcPort, readyMs: performance.now() - spawnedAt };
}

/** @param {string} url @returns {Promise<number>} the status, 0 when not listening yet */
function probe(url) {
  return new Promise((resolve) => {
    const req = get(url, { agent: false, timeout: 1000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/**
 * @param {import('node:child_process').ChildProcess} child
 * @param {string} url
 * @param {number} timeoutMs
 */
export async function waitReady(child, url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited before it was ready (${child.exitCode ?? child.signalCode})`);
    }
    // node:http rather than fetch: fetch's first use loads its HTTP stack, whose start-up would
    // compete with the server's on this machine and count in its start-up time.
    if ((await probe(url)) === 200) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

/**
 * Forks bench/baseline-server.mjs; it listens on an ephemeral port and reports it over IPC.
 * `setRoute` installs the bytes to return for one method + path and resolves once the baseline has it.
 * @param {string} benchDir
 */
export async function startBaseline(benchDir) {
  const child = fork(join(benchDir, 'baseline-server.mjs'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [msg] = await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`baseline server exited at start (${code})`);
    }),
  ]);
  const baseUrl = `http://127.0.0.1:${msg.port}`;
  // A captured answer as it crosses IPC (which carries JSON): the body in base64.
  const wire = (/** @type {import('./measure.mjs').Captured} */ route) => ({ ...route, body: route.body.toString('base64') });
  /** @param {import('./measure.mjs').Captured} route */
  const setRoute = async (route) => {
    child.send({ type: 'route', route: wire(route) });
    await once(child, 'message'); // ack
  };
  /**
   * Requests like `listen` are held until a request like `release`; each side answers with its
   * captured bytes (the push baseline).
   * @param {import('./measure.mjs').Captured} listen
   * @param {import('./measure.mjs').Captured} release
   */
  const setPush = async (listen, release) => {
    child.send({ type: 'push', listen: wire(listen), release: wire(release) });
    await once(child, 'message'); // ack
  };
  /**
   * socket.io on `path`: subscribers join one room, and a release emits `event` with `payload` to
   * it (the socket.io push baseline; the release is the one `setPush` set).
   * @param {string} path
   * @param {string} event
   * @param {unknown} payload
   */
  const setSocketPush = async (path, event, payload) => {
    child.send({ type: 'socket-push', path, event, payload });
    await once(child, 'message'); // ack
  };
  return { child, baseUrl, setRoute, setPush, setSocketPush };
}

/**
 * Forks bench/grpc-baseline-server.mjs (a bare grpc-js server); it listens on an ephemeral port
 * and reports it over IPC. `send` hands it answers (see that file) and resolves once it has them.
 * @param {string} benchDir
 */
export async function startGrpcBaseline(benchDir) {
  const child = fork(join(benchDir, 'grpc-baseline-server.mjs'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [msg] = await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`gRPC baseline server exited at start (${code})`);
    }),
  ]);
  /**
   * Sends a message and answers the baseline's reply (its ack, with what was asked).
   * @param {Record<string, unknown>} message
   * @returns {Promise<any>}
   */
  const send = async (message) => {
    child.send(message);
    const [reply] = await once(child, 'message');
    return reply;
  };
  return { child, port: /** @type {number} */ (msg.port), send };
}

/**
 * SIGTERM, then SIGKILL if the child is still there after `graceMs`. Safe to call twice.
 * @param {import('node:child_process').ChildProcess} child
 */
export async function stop(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
