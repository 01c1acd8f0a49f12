import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './server';

// The built SDK, as an application installs it: dist/esm through `import`, dist/cjs through `require`.
export const sdkPackageDir = join(repoRoot, 'libs', 'client');

export interface SdkChild {
  child: ChildProcess;
  output: () => string;
  // Resolves with the JSON after the first line "<tag> <json>" the child prints.
  line: <T = unknown>(tag: string, timeoutMs?: number) => Promise<T>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

// Runs `body` in a separate Node process that loads the SDK in the given module system; the body
// sees `sdk` (the module's exports) and `env` (the given variables) and reports with
// `report(tag, value)`, one JSON line each.
export function runSdkChild(kind: 'esm' | 'cjs', body: string, env: Record<string, string> = {}): SdkChild {
  const prelude =
    kind === 'esm'
      ? `import * as sdk from '@switchboard/client';`
      : `const sdk = require('@switchboard/client');`;
  const code = `${prelude}
const env = process.env;
const report = (tag, value) => process.stdout.write(tag + ' ' + JSON.stringify(value ?? null) + '\\n');
(async () => { ${body} })().catch((error) => { report('error', { name: error.name, code: error.code, message: error.message }); process.exit(1); });`;
  // Run from the test workspace so `@switchboard/client` resolves as an installed dependency
  // (without the source condition: the built files).
  const child = spawn(process.execPath, [...(kind === 'esm' ? ['--input-type=module'] : []), '-e', code], {
    cwd: join(repoRoot, 'test'),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const waiters: { tag: string; resolve: (value: unknown) => void }[] = [];
  const scan = () => {
    for (const line of log.split('\n')) {
      const space = line.indexOf(' ');
      if (space < 0) continue;
      const tag = line.slice(0, space);
      for (const waiter of waiters.filter((w) => w.tag === tag)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(JSON.parse(line.slice(space + 1)));
      }
    }
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
    scan();
  });
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => log,
    line: <T>(tag: string, timeoutMs = 15_000) =>
      new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${tag}" line from the child within ${timeoutMs} ms:\n${log}`)), timeoutMs);
        void exited.then(({ code, signal }) => {
          clearTimeout(timer);
          reject(new Error(`the child exited (${code ?? signal}) before a "${tag}" line:\n${log}`));
        });
        waiters.push({
          tag,
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value as T);
          },
        });
        scan();
      }),
    exited,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
