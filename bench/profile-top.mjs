#!/usr/bin/env node
// Summarises a V8 CPU profile (node --cpu-prof): the functions with the most self time and the
// share of time per package or source area. Usage: node bench/profile-top.mjs file.cpuprofile [N]
// PROFILE_SKIP_MS=2000 leaves out the first two seconds of samples (start-up, module loading).
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-top.mjs <file.cpuprofile> [top N]');
  process.exit(2);
}
/** @type {{ nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number }, hitCount?: number }[], samples: number[], timeDeltas: number[] }} */
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
/** @type {Map<number, number>} */
const selfUs = new Map();
const skipUs = Number(process.env.PROFILE_SKIP_MS ?? 0) * 1000;
let elapsedUs = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  elapsedUs += delta;
  if (elapsedUs >= skipUs) selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
});
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

/** @param {string} url */
function area(url) {
  if (!url) return '(native / V8)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return url;
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? `switchboard ${url.slice(dist + 6).split('/').slice(0, 2).join('/')}` : url;
}

/** @type {Map<string, number>} */
const functions = new Map();
/** @type {Map<string, number>} */
const areas = new Map();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const name = `${functionName || '(anonymous)'} ${url ? `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}` : ''}`.trim();
  functions.set(name, (functions.get(name) ?? 0) + us);
  const a = area(url);
  areas.set(a, (areas.get(a) ?? 0) + us);
}
const pct = (/** @type {number} */ us) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
const top = Number(topArg ?? 25);
console.log(`total sampled: ${(total / 1000).toFixed(0)} ms`);
console.log('\nself time by area:');
for (const [a, us] of [...areas].sort((x, y) => y[1] - x[1]).slice(0, 15)) console.log(`${pct(us)}  ${a}`);
console.log(`\ntop ${top} functions by self time:`);
for (const [f, us] of [...functions].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`${pct(us)}  ${f}`);
