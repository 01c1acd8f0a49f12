import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');
// A server built elsewhere can be tested instead of the default build.
export const serverMain = process.env.SWITCHBOARD_SERVER_MAIN ?? join(repoRoot, 'apps', 'server', 'dist', 'main.js');

export interface RunningServer {
  baseUrl: string;
  port: number;
  grpcPort: number; // the Nacos gRPC port (0: the server runs without it)
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<number | null>; // SIGTERM, waits for exit
  kill: () => Promise<number | null>; // SIGKILL, waits for exit
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

export function tempDataDir(prefix = 'switchboard-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

export async function waitForReady(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/health/ready`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not ready after ${timeoutMs} ms:\n${output()}`);
}

// Starts the built server as a child process on a free port with its own data directory.
export async function startServer(options: { env?: Record<string, string>; dataDir?: string; port?: number; grpcPort?: number } = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  // PORT + 1000 may be taken on a test machine: each server gets a free gRPC port of its own.
  const grpcPort = options.env?.GRPC_PORT !== undefined ? Number(options.env.GRPC_PORT) : (options.grpcPort ?? (await freePort()));
  const dataDir = options.dataDir ?? tempDataDir();
  let log = '';
  const child = spawn(process.execPath, [serverMain], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      GRPC_PORT: String(grpcPort),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // A server of its own is for behaviour other than authentication; the shared e2e server
      // and the auth specs turn it on.
      AUTH_ENABLED: 'false',
      // A console built elsewhere (e.g. vite build --outDir) can be served instead of the default.
      ...(process.env.SWITCHBOARD_CONSOLE_DIR ? { CONSOLE_DIR: process.env.SWITCHBOARD_CONSOLE_DIR } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const output = () => log;
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForReady(baseUrl, child, output);
  return {
    baseUrl,
    port,
    grpcPort,
    dataDir,
    child,
    output,
    stop: async () => {
      child.kill('SIGTERM');
      return waitForExit(child);
    },
    kill: async () => {
      child.kill('SIGKILL');
      return waitForExit(child);
    },
  };
}

// Runs the server expecting it to exit by itself (e.g. on bad settings).
export function runServerToExit(env: Record<string, string>, timeoutMs = 20_000): Promise<{ code: number | null; output: string }> {
  return new Promise((done, reject) => {
    let log = '';
    const child = spawn(process.execPath, [serverMain], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => (log += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not exit within ${timeoutMs} ms:\n${log}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, output: log });
    });
  });
}
