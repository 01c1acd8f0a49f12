#!/usr/bin/env node
// Runs every suite (lint, unit, e2e over HTTP and socket.io, browser) and ends with one line:
// "N passed, M failed[, K skipped]", the sum over all suites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', SCARF_ANALYTICS: 'false' };
const reportDir = mkdtempSync(join(tmpdir(), 'switchboard-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSuites = [];

function run(cmd, args, cwd = root, extraEnv = {}) {
  return spawnSync(cmd, args, { cwd, env: { ...env, ...extraEnv }, stdio: 'inherit' }).status ?? 1;
}

// A step that is not a test runner (build, lint) counts as one check.
function check(name, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${name} ===`);
  const ok = run(cmd, args, root, extraEnv) === 0;
  if (ok) totals.passed += 1;
  else {
    totals.failed += 1;
    failedSuites.push(name);
  }
  return ok;
}

function vitestSuite(name, cwd, config) {
  if (!existsSync(join(root, cwd, config))) return;
  console.log(`\n=== ${name} ===`);
  const out = join(reportDir, `${name.replace(/\W+/g, '-')}.json`);
  const code = run(bin('vitest'), ['run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile=${out}`], join(root, cwd));
  let report;
  try {
    report = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    report = undefined;
  }
  if (!report) {
    totals.failed += 1;
    failedSuites.push(`${name} (no report)`);
    return;
  }
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  // A file that failed to load has no failed test but must still count.
  const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed')).length;
  totals.failed += brokenFiles;
  if (code !== 0 || report.numFailedTests > 0 || brokenFiles > 0) failedSuites.push(name);
}

const built = check('build', bin('nx'), ['run-many', '-t', 'build', '--output-style=static'], { NODE_ENV: 'production' });
check('lint', bin('eslint'), ['.']);
check('typecheck', bin('nx'), ['run-many', '-t', 'typecheck', '--output-style=static']);
vitestSuite('shared unit', 'libs/shared', 'vitest.config.ts');
vitestSuite('server unit', 'apps/server', 'vitest.config.ts');
vitestSuite('client unit', 'libs/client', 'vitest.config.ts');
vitestSuite('console unit', 'apps/console', 'vitest.config.ts');
if (built) {
  vitestSuite('e2e', 'test', 'vitest.config.ts');
  vitestSuite('browser', 'test', 'vitest.browser.config.ts');
}
rmSync(reportDir, { recursive: true, force: true });

if (failedSuites.length) console.log(`\nFailed: ${failedSuites.join(', ')}`);
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 ? 1 : 0);
