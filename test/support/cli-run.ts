import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUTH_ENDPOINTS } from '@switchboard/shared';
import { removeDir, repoRoot, startServer, type RunningServer } from './server';

// Drives the built `switchboard` command in child processes, as a user's shell would.
export const cliBin = join(repoRoot, 'apps', 'cli', 'bin', 'switchboard.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string>; // added to the base environment below
  input?: string; // written to standard input, then closed
  cwd?: string;
  timeoutMs?: number;
}

// A home of its own: HOME and XDG_CONFIG_HOME point into a temp directory, so stored logins of
// the machine's user are never read or written.
export interface CliHome {
  dir: string;
  configHome: string;
  env: Record<string, string>;
  remove: () => void;
}

export function cliHome(): CliHome {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-cli-'));
  const configHome = join(dir, '.config');
  return { dir, configHome, env: { HOME: dir, XDG_CONFIG_HOME: configHome }, remove: () => removeDir(dir) };
}

// `script` (util-linux) runs a command on a pseudo-terminal: what a person at a terminal sees,
// prompts and all. Not on every machine.
export const hasTerminalEmulation = spawnSync('script', ['--version']).status === 0;

function spawnCli(args: string[], options: CliOptions, terminal = false): ChildProcess {
  const argv = [cliBin, ...args];
  const quoted = [process.execPath, ...argv].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const [file, fileArgs]: [string, string[]] = terminal ? ['script', ['-qec', quoted, '/dev/null']] : [process.execPath, argv];
  const child = spawn(file, fileArgs, {
    cwd: options.cwd ?? repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...(terminal ? { TERM: 'xterm' } : {}), ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // A terminal session keeps its input open for what the test types.
  if (!terminal) child.stdin?.end(options.input ?? '');
  return child;
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, options);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timeoutMs = options.timeoutMs ?? 20_000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`switchboard ${args.join(' ')} did not exit within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

// A long-running command (a watch): its output so far, a wait for a fact in it, and a signal.
export interface RunningCli {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  waitForStdout: (predicate: (stdout: string) => boolean, timeoutMs?: number) => Promise<string>;
  type: (text: string) => void; // on a terminal session (startCli(..., true))
  exited: Promise<number | null>;
  signal: (signal: NodeJS.Signals) => Promise<number | null>;
}

export function startCli(args: string[], options: CliOptions = {}, terminal = false): RunningCli {
  const child = spawnCli(args, options, terminal);
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const waiter of waiters) waiter();
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForStdout: (predicate, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(stdout)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(stdout);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`switchboard ${args.join(' ')}: expected output did not appear within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    type: (text) => child.stdin?.write(text),
    exited,
    signal: async (signal) => {
      child.kill(signal);
      return exited;
    },
  };
}

// A server of the spec's own with authentication on and a known administrator, and the admin's
// token for requests made around the CLI.
export interface CliServer {
  server: RunningServer;
  baseUrl: string;
  adminPassword: string;
  adminToken: string;
  // SWITCHBOARD_URL and SWITCHBOARD_TOKEN of the administrator
  env: Record<string, string>;
  stop: () => Promise<void>;
}

export async function startCliServer(): Promise<CliServer> {
  const adminPassword = 'cli-e2e-admin-pw';
  const server = await startServer({ env: { AUTH_ENABLED: 'true', AUTH_ADMIN_USERNAME: 'admin', AUTH_ADMIN_PASSWORD: adminPassword, AUTH_LOGIN_DELAY_MS: '0' } });
  const login = await fetch(`${server.baseUrl}${AUTH_ENDPOINTS.login.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: adminPassword }),
  });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
  const adminToken = ((await login.json()) as { accessToken: string }).accessToken;
  return {
    server,
    baseUrl: server.baseUrl,
    adminPassword,
    adminToken,
    env: { SWITCHBOARD_URL: server.baseUrl, SWITCHBOARD_TOKEN: adminToken },
    stop: async () => {
      await server.stop();
      removeDir(server.dataDir);
    },
  };
}
