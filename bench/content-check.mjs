// Large config checks: the editor's dry run (`POST .../validate`) of 256 KB and 1 MB of JSON and
// YAML, well-formed and broken at the very end. What a check costs must grow with the content's
// size, never faster: 4× the bytes should cost about 4× the time (16× if a quadratic step, such
// as a duplicate-key check over all keys, came back). Each answer is verified before it is timed;
// a wrong answer, or growth of 10× or more, fails the bench. Bounded: 3 timed checks per size.
import { authHeaders, check } from './lib/api.mjs';

const KB = 1024;
const MB = 1024 * KB;
const GROWTH_LIMIT = 10;

/** @param {number} bytes */
function bigJson(bytes) {
  const items = [];
  for (let i = 0; items.length * 60 < bytes; i++) items.push({ id: i, name: `svc ${i} é😀`, tags: ['a', 'b'] });
  return JSON.stringify(items, null, 2);
}

/** @param {'nested' | 'flat'} shape @param {number} bytes */
function bigYaml(shape, bytes) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const part = shape === 'nested' ? `service${i}:\n  name: "svc ${i} é😀"\n  port: ${i}\n  tags: [a, b, c]\n` : `key${i}: value ${i} é😀\n`;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

/**
 * @typedef {{ valid: boolean, violations: { rule: string, line?: number, message: string }[] }} CheckAnswer
 * @typedef {{ name: string, type: 'json' | 'yaml', contentOf: (bytes: number) => string, verify: (answer: CheckAnswer, content: string) => void }} CheckCase
 * @type {CheckCase[]}
 */
const CASES = [
  { name: 'JSON', type: 'json', contentOf: bigJson, verify: (a) => check(a.valid && a.violations.length === 0, 'valid JSON was refused') },
  {
    name: 'YAML, nested maps',
    type: 'yaml',
    contentOf: (bytes) => bigYaml('nested', bytes),
    verify: (a) => check(a.valid && a.violations.length === 0, 'valid YAML was refused'),
  },
  {
    name: 'YAML, one flat map',
    type: 'yaml',
    contentOf: (bytes) => bigYaml('flat', bytes),
    verify: (a) => check(a.valid && a.violations.length === 0, 'valid YAML was refused'),
  },
  {
    name: 'JSON broken at the end',
    type: 'json',
    contentOf: (bytes) => `${bigJson(bytes).slice(0, -2)},\n]`,
    verify: (a, content) => {
      const lines = content.split('\n').length;
      check(!a.valid && a.violations.length === 1 && a.violations[0].line === lines, `expected one violation on line ${lines}, got ${JSON.stringify(a.violations)}`);
    },
  },
  {
    name: 'YAML broken at the end (a repeated key)',
    type: 'yaml',
    contentOf: (bytes) => `${bigYaml('flat', bytes)}key0: again\n`,
    verify: (a, content) => {
      const line = content.split('\n').length - 1;
      check(!a.valid && a.violations.some((v) => v.line === line && /unique/i.test(v.message)), `expected a repeated key on line ${line}, got ${JSON.stringify(a.violations)}`);
    },
  },
];

/**
 * @param {string} url
 * @param {'json' | 'yaml'} type
 * @param {string} content
 * @returns {Promise<{ answer: CheckAnswer, ms: number }>}
 */
async function timedCheck(url, type, content) {
  const body = JSON.stringify({ content, type });
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { ...authHeaders(), 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  const ms = performance.now() - started;
  check(res.status === 200, `validate answered ${res.status}: ${text.slice(0, 300)}`);
  return { answer: JSON.parse(text), ms };
}

/**
 * @typedef {{ name: string, quarterMs: number, fullMs: number, growth: number, failure?: string }} CheckOutcome
 * @param {string} baseUrl
 * @returns {Promise<CheckOutcome[]>}
 */
export async function measureContentChecks(baseUrl) {
  const url = `${baseUrl}/api/v1/namespaces/public/configs/DEFAULT_GROUP/bench-large-check/validate`;
  /** @type {CheckOutcome[]} */
  const outcomes = [];
  for (const c of CASES) {
    /** @param {number} bytes */
    const best = async (bytes) => {
      const content = c.contentOf(bytes);
      const first = await timedCheck(url, c.type, content); // verified, and warms the parser
      c.verify(first.answer, content);
      let ms = Infinity;
      for (let i = 0; i < 3; i++) ms = Math.min(ms, (await timedCheck(url, c.type, content)).ms);
      return ms;
    };
    try {
      const quarterMs = await best(MB / 4);
      const fullMs = await best(MB);
      const growth = fullMs / Math.max(quarterMs, 0.5);
      const outcome = { name: c.name, quarterMs, fullMs, growth };
      outcomes.push(growth < GROWTH_LIMIT ? outcome : { ...outcome, failure: `${c.name}: 4× the bytes cost ${growth.toFixed(1)}× the time (limit ${GROWTH_LIMIT}×)` });
    } catch (err) {
      outcomes.push({ name: c.name, quarterMs: NaN, fullMs: NaN, growth: NaN, failure: `${c.name}: ${err instanceof Error ? err.message : err}` });
    }
  }
  return outcomes;
}

/** @param {CheckOutcome[]} outcomes */
export function contentCheckMarkdown(outcomes) {
  const rows = outcomes.map(
    (o) => `| ${o.name} | ${o.quarterMs.toFixed(1)} | ${o.fullMs.toFixed(1)} | ${o.growth.toFixed(1)}× | ${o.failure ? `**failed**: ${o.failure}` : 'linear'} |`,
  );
  return [
    '## Large config checks (the editor\'s dry run over HTTP, best of 3)',
    '',
    `4× the bytes should cost about 4× the time; ${GROWTH_LIMIT}× or more fails the bench.`,
    '',
    '| content | 256 KB (ms) | 1 MB (ms) | growth | verdict |',
    '|---|---:|---:|---:|---|',
    ...rows,
    '',
  ].join('\n');
}
