#!/usr/bin/env node
// The `switchboard` command. Runs the built CLI (CommonJS in dist/); in a checkout where it, the
// SDK or the wire contract it loads was never built, builds them first with Nx, quietly: the
// build's output is shown only when the build fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const packageRoot = resolve(import.meta.dirname, '..');
const entry = join(packageRoot, 'dist', 'main.js');
const require = createRequire(entry);

function built() {
  if (!existsSync(entry)) return false;
  try {
    require.resolve('@switchboard/client');
    require.resolve('@switchboard/shared');
    return true;
  } catch {
    return false;
  }
}

if (!built()) {
  const workspaceRoot = resolve(packageRoot, '..', '..');
  const nx = join(workspaceRoot, 'node_modules', '.bin', 'nx');
  const build = spawnSync(nx, ['run-many', '-t', 'build', '-p', '@switchboard/cli', '--output-style=static'], {
    cwd: workspaceRoot,
    env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NODE_ENV: 'production' },
    encoding: 'utf8',
  });
  if (build.status !== 0 || !built()) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}error: could not build the switchboard CLI (${build.error?.message ?? `exit ${build.status}`})\n`);
    process.exit(1);
  }
}

const { main } = require(entry);
process.exitCode = await main(process.argv.slice(2));
