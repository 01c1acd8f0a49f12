// Starts one cluster node for cluster-kill with its whole output (from the first line) in a log
// file of its own. bench/lib/processes.mjs's startSwitchboard pipes a server's output to our
// stderr and chooses the port itself; here the logs are written at info level (every commit is a
// line, which is what a failed run is read by) and node 2 comes back on its own port, so the start
// is done here, with the port and readiness helpers of processes.mjs.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { freePort, waitReady } from '../lib/processes.mjs';

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
  try {
    await waitReady(child, `${baseUrl}/health/ready`, timeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${error instanceof Error ? error.message : error}; see ${logFile}`, { cause: error });
  }
  return { child, baseUrl, port: listenPort, readyMs: performance.now() - spawnedAt };
}
