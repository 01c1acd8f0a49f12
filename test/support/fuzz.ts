import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { strToU8, zipSync } from 'fflate';
import { rawExchange } from './fuzz-raw';

// Input generation and sending for the fuzz specs: the small one in the e2e suite and the large
// run of `npm run fuzz`. Everything random comes from a seeded generator, one per request (the
// run's seed and the request's index), so any request of a run can be made again alone.

// ---------------------------------------------------------------------------------------------
// Seeded randomness

export function seedFrom(text: string): number {
  let hash = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  // mulberry32
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile input

// Each holds a space, so none is a valid id, IP, port or number anywhere (the small spec relies
// on it: any request carrying one that succeeded would be a bug).
export const SPACED_PAYLOADS = [
  "' OR '1'='1' --",
  '../../etc/passwd x',
  '%2e%2e%2f %00',
  '名字 🚀 \u202e',
  'a b'.repeat(20_000),
  '${jndi:ldap://127.0.0.1/a} x',
  '<script>alert(1)</script> x',
  '-1 ',
  ' ',
  'NaN Infinity',
];

export const HOSTILE_VALUES: readonly string[] = [
  ...SPACED_PAYLOADS,
  '',
  '0',
  '-1',
  '-0',
  '1.5',
  '1e308',
  '-1e308',
  '1e-400',
  '2147483648',
  '9007199254740993',
  '99999999999999999999999999',
  '0x10',
  '+1',
  ' 1',
  'NaN',
  'Infinity',
  'true',
  'false',
  'null',
  'undefined',
  '[]',
  '{}',
  '[[[[',
  ']]]]',
  '{"a":',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '*',
  '**',
  '?',
  '#',
  '%',
  '%%',
  '.',
  '..',
  '/',
  '//',
  '\\',
  'a/b',
  'a\\b',
  '@@',
  'g@@',
  '@@s',
  'a@@b@@c',
  ',',
  ',,,',
  'a,,b',
  '=',
  'k=v,=x',
  '\u0000',
  'a\u0000b',
  '\r\n',
  'a\r\nx-injected: 1',
  '\t',
  '\u0001\u0002',
  '\u0002\u0002\u0002\u0001',
  '\ud800',
  'a\udfffb',
  '\ufeff',
  '\u200b',
  '🚀',
  'é'.repeat(300),
  'x'.repeat(129),
  'x'.repeat(257),
  'x'.repeat(4097),
  'x'.repeat(70_000),
  '999.1.1.1',
  '1.2.3',
  '::ffff:',
  'fe80::1%eth0',
  '0.0.0.0',
  '256.256.256.256',
  '-80',
  '65536',
  '0',
  'localhost:80',
  'SELECT * FROM configs',
  '"; DROP TABLE configs; --',
  'ÿþ',
];

export const HOSTILE_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  '__proto__[admin]',
  'constructor[prototype][admin]',
  '[[[[',
  ']]',
  '[',
  'a[b]',
  'a[]',
  'a.b',
  'a..b',
  '.',
  '$where',
  '$gt',
  '',
  ' ',
  'x'.repeat(5000),
  '名字',
  '🚀',
  '\u0000',
  'a\u0000b',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  '%00',
  '%ff',
  '&',
  '=',
  '\ud800',
  '\r\n',
];

// What a body or an error must never show.
export const LEAK = /at \w+ \(|QueryFailedError|SQLITE|syntax error at or near|node_modules|\/dist\//;

// A log line of the server that reports an unexpected failure (a bug), not a refused input.
export function internalErrors(output: string): string[] {
  return output.split('\n').filter((line) => line.includes('unhandled error') || /"level":"(error|fatal)"/.test(line));
}

// ---------------------------------------------------------------------------------------------
// Requests

export interface FuzzRequest {
  kind: string; // which generator made it, for the summary
  route?: string; // the route it was made for ("METHOD /path/{param}")
  method: string;
  target: string; // path and query as sent (latin1: bytes above 0x7f go out as they are)
  headers: Record<string, string>;
  body?: Buffer;
  // Sent byte for byte on a connection of its own; `after` as in rawExchange.
  raw?: { bytes: Buffer; after: 'wait' | 'half-close' | 'reset' };
  // A body larger than the server's limit: the server may close the connection before the
  // client has written it all, so a lost connection counts as refused.
  oversized?: boolean;
}

export type OutcomeClass = '2xx' | '3xx' | '4xx' | '5xx' | 'cut by client' | 'closed on oversized body';

export interface Outcome {
  status?: number;
  cls: OutcomeClass;
  body: string; // the first 64 KiB
  problem?: string; // set when the exchange broke the rules
}

export function describeRequest(r: FuzzRequest): string {
  const body = r.raw ? `raw ${r.raw.bytes.length} bytes (${r.raw.after})` : r.body ? `${r.body.length} bytes ${r.headers['content-type'] ?? '(no type)'}` : '';
  return `${r.route ? `[${r.route}] ` : ''}${r.method} ${r.target.slice(0, 160)}${r.target.length > 160 ? '…' : ''} ${body}`.trim();
}

// Percent-encoding of text that may hold lone surrogates (encodeURIComponent throws on them):
// each is sent as the bytes of its code unit (invalid UTF-8, which is the point).
export function encode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
    else out += encodeURIComponent(text[i]);
  }
  return out;
}

// A JSON object's text with its keys exactly as given (no `__proto__` special case).
export function jsonObject(entries: [string, unknown][]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
}

export function form(entries: [string, string][]): string {
  return entries.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
}

// ---------------------------------------------------------------------------------------------
// Sending

export interface FuzzTarget {
  port: number;
  agent: Agent;
  timeoutMs?: number;
}

export function fuzzAgent(maxSockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets });
}

function classOf(status: number): OutcomeClass {
  return status >= 500 ? '5xx' : status >= 400 ? '4xx' : status >= 300 ? '3xx' : '2xx';
}

function sendHttp(target: FuzzTarget, r: FuzzRequest): Promise<{ status: number; body: string; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: target.port, method: r.method, path: r.target, headers: r.headers, agent: target.agent, timeout: target.timeoutMs ?? 30_000 });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < 65_536) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('no answer in time')));
    req.on('error', (error: NodeJS.ErrnoException & { reused?: boolean }) => reject(Object.assign(error, { reused: req.reusedSocket })));
    req.end(r.body);
  });
}

// Sends one request; never throws. A 5xx, a leak, or a lost answer sets `problem`.
export async function send(target: FuzzTarget, r: FuzzRequest): Promise<Outcome> {
  if (r.raw) {
    let answer;
    try {
      answer = await rawExchange(target.port, r.raw.bytes, { after: r.raw.after, timeoutMs: target.timeoutMs ?? 30_000 });
    } catch (error) {
      return { cls: '5xx', body: '', problem: `no answer: ${(error as Error).message}` };
    }
    if (answer.status === undefined) {
      if (r.raw.after === 'wait') return { cls: '5xx', body: '', problem: 'connection closed without an answer' };
      return { cls: 'cut by client', body: '' };
    }
    return check(r, answer.status, answer.body.subarray(0, 65_536).toString('utf8'));
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await sendHttp(target, r);
      return check(r, res.status, res.body);
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { reused?: boolean };
      if (r.oversized && (e.code === 'ECONNRESET' || e.code === 'EPIPE')) return { cls: 'closed on oversized body', body: '' };
      // A kept-alive connection the server closed as it was reused (after an answer that ended
      // it): sent again. A server that went down fails again, and the health check.
      if (attempt < 3 && (e.code === 'ECONNRESET' || e.code === 'EPIPE' || e.message === 'socket hang up')) continue;
      return { cls: '5xx', body: '', problem: `no answer: ${e.code ?? ''} ${e.message}` };
    }
  }
}

function check(r: FuzzRequest, status: number, body: string): Outcome {
  const cls = classOf(status);
  if (cls === '5xx') return { status, cls, body, problem: `${status} ${body.slice(0, 300)}` };
  // The API document describes the API in words of its own.
  if (LEAK.test(body) && !r.target.startsWith('/api/docs')) return { status, cls, body, problem: `leaks internals: ${body.slice(0, 300)}` };
  return { status, cls, body };
}

// Runs `count` requests with at most `concurrency` in flight; `make(i)` builds the i-th.
export async function runAll(target: FuzzTarget, count: number, concurrency: number, make: (i: number) => FuzzRequest, onOutcome: (i: number, r: FuzzRequest, o: Outcome) => void): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const r = make(i);
        onOutcome(i, r, await send(target, r));
      }
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Zip archives (config import) with hostile entry names and metadata

export function hostileZip(rng: Rng): Buffer {
  const names = ['../../etc/passwd', '/abs/x', 'G/../../x', '__proto__/x', 'G/a/b', 'G/', '', 'G\\x', 'G/' + 'x'.repeat(300), 'G/名字', 'G/a\u0000b', '.metadata.yml', '.meta.yml', 'G/fz.json'];
  const meta = [
    'metadata:\n- dataId: fz.json\n  group: G\n  type: json\n',
    'metadata:\n- __proto__: {admin: true}\n  dataId: a\n  group: G\n  type: text\n',
    'a: &a [x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c]\n',
    'metadata: ' + '['.repeat(2000),
    'metadata:\n- dataId: [1,2]\n  group: {a: 1}\n  type: 7\n',
    'metadata: null\n',
    '%%%',
    'G.fz~json.app=x\r\n=\r\nbad',
  ];
  const files: Record<string, Uint8Array> = {};
  const entries = 1 + rng.int(5);
  for (let i = 0; i < entries; i++) files[rng.pick(names) + (rng.chance(0.3) ? String(i) : '')] = rng.chance(0.5) ? strToU8(rng.pick(HOSTILE_VALUES)) : rng.bytes(rng.int(64));
  files[rng.chance(0.5) ? '.metadata.yml' : '.meta.yml'] = strToU8(rng.pick(meta));
  try {
    return Buffer.from(zipSync(files, { level: 0 }));
  } catch {
    return rng.bytes(32);
  }
}
