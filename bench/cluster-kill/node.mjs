// Starts one cluster node for cluster-kill with its whole output (from the first line) in a log
// file of its own. bench/lib/processes.mjs's startSwitchboard pipes a server's output to our
// stderr and chooses the port itself; here the logs are written at info level (every commit is a
// line, which is what a failed run is read by) and node 2 comes back on its own port, so the start
// is done here, with the port and stop helpers of processes.mjs.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../lib/processes.mjs';

/**
 * @param {string} root
 * @param {string} entry
 * @param {Record<string, string>} env the node's settings (database, cluster, data directory…)
 * @param {string} logFile stdout and stderr, appended
 * @param {number} timeoutMs
 * @param {number} [port] a port of its own (a restart); else a free one
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, baseUrl: string, port: number, readyMs: number }>}
 */
export async function launchNode(root, entry, env, logFile, timeoutMs, port) {
  const listenPort = port ?? (await freePort());
  const fd = openSync(logFile, 'a');
  const spawnedAt = performance.now();
  let child;
  try {
    child = spawn(process.execPath, [entry], {
      cwd: root,
      env: { ...process.env, ...env, PORT: String(listenPort), HOST: '127.0.0.1' },
      stdio: ['ignore', fd, fd],
    });
  } finally {
    closeSync(fd); // the child has its own copy
  }
  const baseUrl = `http://127.0.0.1:${listenPort}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`node exited before it was ready (${child.exitCode ?? child.signalCode}); see ${logFile}`);
    if ((await probe(`${baseUrl}/health/ready`)) === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${baseUrl}/health/ready did not answer 200 within ${timeoutMs / 1000} s; see ${logFile}`);
    }
    await sleep(20);
  }
  return { child, baseUrl, port: listenPort, readyMs: performance.now() - spawnedAt };
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
