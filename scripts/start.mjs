#!/usr/bin/env node
// `npm start`: builds what is not built yet (Nx cache makes a second start instant), then runs
// the server in the foreground; signals are forwarded so Ctrl-C shuts it down gracefully.
import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// The build is always the production one, whatever NODE_ENV the caller has (a test runner sets
// it to "test", which would give React's development build).
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' };
const buildEnv = { ...env, NODE_ENV: 'production' };
const build = spawnSync(
  join(root, 'node_modules', '.bin', 'nx'),
  ['run-many', '-t', 'build', '-p', '@switchboard/server', '@switchboard/console', '--output-style=static'],
  { cwd: root, env: buildEnv, stdio: ['ignore', 'inherit', 'inherit'] },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const server = spawn(process.execPath, [join(root, 'apps/server/dist/main.js')], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
