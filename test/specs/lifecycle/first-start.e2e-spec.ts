import { spawn, type ChildProcess } from 'node:child_process';
import { AUTH_ENDPOINTS as A } from '@switchboard/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { call } from '../../support/api';
import { freePort, removeDir, repoRoot, serverMain, startServer, tempDataDir, type RunningServer } from '../../support/server';
import { eventually } from '../../support/wait';

// The first minutes with the server: started in a terminal it prints readable lines and a banner
// naming where to go next (with the generated admin password on the first start only); piped, it
// prints JSON lines. Either way Nest's route mappings are debug lines.

interface TerminalServer {
  port: number;
  grpcPort: number;
  output: () => string; // escape sequences and carriage returns removed
  stop: () => Promise<void>;
}

const running: ChildProcess[] = [];

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

// Runs the built server with stdout a pseudo-terminal (util-linux `script`), as `npm start` in a
// terminal does. The shell prints its pid before becoming the server, so the server itself can be
// sent SIGTERM.
async function startInTerminal(dataDir: string, env: Record<string, string> = {}): Promise<TerminalServer> {
  const port = await freePort();
  const grpcPort = await freePort();
  let raw = '';
  const child = spawn('script', ['-qfec', `echo "server pid $$"; exec ${shellQuote(process.execPath)} ${shellQuote(serverMain)}`, '/dev/null'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      SHELL: '/bin/sh',
      TERM: 'xterm-256color',
      PORT: String(port),
      GRPC_PORT: String(grpcPort),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ...(process.env.SWITCHBOARD_CONSOLE_DIR ? { CONSOLE_DIR: process.env.SWITCHBOARD_CONSOLE_DIR } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  child.stdout?.on('data', (chunk: Buffer) => (raw += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (raw += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  // eslint-disable-next-line no-control-regex
  const output = () => raw.replace(/\x1b\[[0-9;]*m/g, '').replace(/\r/g, '');
  const serverPid = await eventually(() => {
    const match = /server pid (\d+)\n/.exec(output());
    expect(match, output()).not.toBeNull();
    return Number(match![1]);
  }, 10_000);
  return {
    port,
    grpcPort,
    output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(serverPid, 'SIGTERM');
      await exited;
    },
  };
}

// Waits until the output shows `pattern` (the server prints it once it is ready).
async function waitForOutput(output: () => string, pattern: RegExp): Promise<RegExpExecArray> {
  return eventually(() => {
    const match = pattern.exec(output());
    expect(match, output()).not.toBeNull();
    return match!;
  }, 30_000);
}

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

function isJsonLine(line: string): boolean {
  try {
    return typeof JSON.parse(line) === 'object';
  } catch {
    return false;
  }
}

describe('first start in a terminal', () => {
  const dataDir = tempDataDir('switchboard-first-start-');
  afterAll(async () => {
    for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    removeDir(dataDir);
  });

  it('should print readable lines and a banner with the generated admin password, once', async () => {
    const first = await startInTerminal(dataDir);
    let password: string;
    try {
      password = (await waitForOutput(first.output, /Sign-in\s+admin \/ (\S+) {2}\(generated/))[1];
      const out = first.output();
      expect(lines(out).filter(isJsonLine)).toEqual([]);
      expect(out).not.toContain('Mapped {');
      expect(out).not.toContain('dependencies initialized');
      expect(out).toContain('Switchboard is ready');
      expect(out).toMatch(new RegExp(`Console\\s+http://127\\.0\\.0\\.1:${first.port}/`));
      expect(out).toMatch(new RegExp(`API docs\\s+http://127\\.0\\.0\\.1:${first.port}/api/docs\\n`));
      expect(out).toMatch(new RegExp(`Nacos gRPC\\s+port ${first.grpcPort}\\n`));
      expect(out).toMatch(/Data\s+(\S+) {2}\(SQLite\)/);
      expect(/Data\s+(\S+) {2}\(SQLite\)/.exec(out)![1]).toBe(dataDir);
      // The same password as the line that announces the new administrator, and a working one.
      expect(out).toContain(`with the generated password: ${password}`);
      const login = await call(`http://127.0.0.1:${first.port}`, A.login, { body: { username: 'admin', password } });
      expect(login.status).toBe(200);
    } finally {
      await first.stop();
    }
    expect(first.output()).toContain('stopped');

    const second = await startInTerminal(dataDir);
    try {
      await waitForOutput(second.output, /Data\s+\S+ {2}\(SQLite\)\n/);
      const out = second.output();
      expect(out).toContain(`Console     http://127.0.0.1:${second.port}/`);
      expect(out).not.toContain('Sign-in');
      expect(out).not.toContain('generated password');
      expect(out).not.toContain(password);
      expect(lines(out).filter(isJsonLine)).toEqual([]);
    } finally {
      await second.stop();
    }
  }, 90_000);

  it('should show the route mappings again with LOG_LEVEL=debug', async () => {
    const dir = tempDataDir('switchboard-first-start-debug-');
    const server = await startInTerminal(dir, { LOG_LEVEL: 'debug' });
    try {
      await waitForOutput(server.output, /Data\s+\S+ {2}\(SQLite\)\n/);
      expect(server.output()).toMatch(/DEBUG.*RouterExplorer: Mapped \{\/api\/v1\/auth\/login, POST\} route/);
    } finally {
      await server.stop();
      removeDir(dir);
    }
  }, 60_000);

  it('should print JSON lines in a terminal with LOG_FORMAT=json', async () => {
    const dir = tempDataDir('switchboard-first-start-json-');
    const server = await startInTerminal(dir, { LOG_FORMAT: 'json' });
    try {
      await waitForOutput(server.output, /"msg":"switchboard listening"\}\n/);
      const serverLines = lines(server.output()).filter((line) => !line.startsWith('server pid '));
      expect(serverLines.length).toBeGreaterThan(0);
      expect(serverLines.filter((line) => !isJsonLine(line))).toEqual([]);
    } finally {
      await server.stop();
      removeDir(dir);
    }
  }, 60_000);
});

describe('start with stdout a pipe', () => {
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('should print JSON lines, route mappings only at debug, and one ready line with where to go', async () => {
    server = await startServer({ env: { LOG_LEVEL: 'info', AUTH_ENABLED: 'true' } });
    const s = server;
    await waitForOutput(s.output, /"msg":"switchboard listening"\}\n/);
    const parsed = lines(s.output()).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.filter((line) => String(line.msg).startsWith('Mapped {'))).toEqual([]);
    expect(parsed.filter((line) => ['RouterExplorer', 'RoutesResolver', 'InstanceLoader'].includes(String(line.context)))).toEqual([]);
    const ready = parsed.filter((line) => line.msg === 'switchboard listening');
    expect(ready).toHaveLength(1);
    expect(ready[0]).toMatchObject({
      level: 'info',
      consoleUrl: `http://127.0.0.1:${s.port}/`,
      apiDocsUrl: `http://127.0.0.1:${s.port}/api/docs`,
      grpcPort: s.grpcPort,
      dataDir: s.dataDir,
    });
    // The generated password is in the AuthService line only (as before), never in the ready line.
    expect(JSON.stringify(ready[0])).not.toMatch(/password/i);
    expect(parsed.filter((line) => String(line.msg).includes('generated password'))).toHaveLength(1);
  });

  it('should log the route mappings at debug with LOG_LEVEL=debug', async () => {
    const debug = await startServer({ env: { LOG_LEVEL: 'debug' } });
    try {
      await waitForOutput(debug.output, /"msg":"switchboard listening"\}\n/);
      const mapped = lines(debug.output())
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => String(line.msg).startsWith('Mapped {'));
      expect(mapped.length).toBeGreaterThan(50);
      expect(new Set(mapped.map((line) => line.level))).toEqual(new Set(['debug']));
    } finally {
      await debug.stop();
      removeDir(debug.dataDir);
    }
  });
});
