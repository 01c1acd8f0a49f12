import { randomBytes } from 'node:crypto';
import { AUTH_ENDPOINTS as A, CONFIG_CENTER_ENDPOINTS as C, NAMESPACES_ENDPOINTS as N } from '@switchboard/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { describeRequest, fuzzAgent, internalErrors, Rng, runAll, seedFrom, type FuzzRequest, type Outcome, type OutcomeClass } from '../support/fuzz';
import { generate, routesOf, schemasOf, type GenContext, type OpenApiDoc } from '../support/fuzz-requests';
import { fuzzGrpc, type GrpcFuzzResult } from '../support/fuzz-grpc';
import { fuzzSockets, type SocketFuzzResult } from '../support/fuzz-socket';
import { removeDir, startServer, type RunningServer } from '../support/server';
import { bearer } from '../support/users';

// The large fuzz run (`npm run fuzz`): FUZZ_REQUESTS requests (default 100,000, half with
// authentication on, half with it off) over every route of the OpenAPI document and of the Nacos
// API, hostile framing included, plus FUZZ_SOCKET_MESSAGES socket.io messages and
// FUZZ_GRPC_MESSAGES Nacos gRPC requests (default 10,000 each); then the server
// must be healthy, a marker config unchanged, and its log free of internal errors.
// FUZZ_SEED makes a run again; FUZZ_ONLY=3,17 (with FUZZ_AUTH=on|off) sends only those requests.

const SEED = process.env.FUZZ_SEED ?? randomBytes(4).toString('hex');
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 100_000);
const SOCKET_MESSAGES = Number(process.env.FUZZ_SOCKET_MESSAGES ?? 10_000);
const GRPC_MESSAGES = Number(process.env.FUZZ_GRPC_MESSAGES ?? 10_000);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 24);
const ONLY = process.env.FUZZ_ONLY ? process.env.FUZZ_ONLY.split(',').map(Number) : undefined;
const BODY_LIMIT = 1024 * 1024;
const ADMIN_PASSWORD = `fuzz-${randomBytes(6).toString('hex')}`;

interface RunSummary {
  auth: 'on' | 'off';
  requests: number;
  byClass: Partial<Record<OutcomeClass, number>>;
  byKind: Record<string, Partial<Record<OutcomeClass, number>>>;
  problems: string[];
  serverErrors: Map<string, { count: number; example: string }>; // by route
  sockets?: SocketFuzzResult;
  grpc?: GrpcFuzzResult;
  logErrors: string[];
  healthy: boolean;
  markerIntact: boolean;
  seconds: number;
}

const summaries: RunSummary[] = [];

async function marker(server: RunningServer, token: string | undefined, namespaceId: string) {
  const headers = token ? bearer(token) : {};
  const rest = await call(server.baseUrl, C.getConfig, { params: { namespaceId, group: 'MARKER', dataId: 'marker.json' }, headers });
  const nacos = await fetch(`${server.baseUrl}/nacos/v1/cs/configs?dataId=marker.json&group=MARKER&tenant=${namespaceId}${token ? `&accessToken=${token}` : ''}`);
  return { status: rest.status, version: rest.body.version, md5: rest.body.md5, content: rest.body.content, raw: Buffer.from(await nacos.arrayBuffer()).toString('base64'), rawStatus: nacos.status };
}

async function fuzzRun(auth: 'on' | 'off', requests: number, socketMessages: number, grpcMessages: number): Promise<RunSummary> {
  const server = await startServer({
    env: {
      AUTH_ENABLED: auth === 'on' ? 'true' : 'false',
      AUTH_ADMIN_PASSWORD: ADMIN_PASSWORD,
      AUTH_MAX_FAILED_LOGINS: '1000000000',
      LOG_LEVEL: 'warn',
      BODY_LIMIT_BYTES: String(BODY_LIMIT),
      CONFIG_LONG_POLL_MIN_HOLD_MS: '50',
      CONFIG_LONG_POLL_MAX_HOLD_MS: '200',
    },
  });
  const started = Date.now();
  try {
    const token = auth === 'on' ? (await call(server.baseUrl, A.login, { body: { username: 'admin', password: ADMIN_PASSWORD } })).body.accessToken : undefined;
    const headers = token ? bearer(token) : {};
    // The marker: a config in a namespace of its own, which no generated request names.
    const markerNs = `fzmark-${randomBytes(4).toString('hex')}`;
    expect((await call(server.baseUrl, N.createNamespace, { body: { namespaceId: markerNs, name: 'marker' }, headers })).status).toBeLessThan(300);
    const content = JSON.stringify({ marker: randomBytes(16).toString('hex'), text: '名字 🚀' });
    expect((await call(server.baseUrl, C.publishConfig, { params: { namespaceId: markerNs, group: 'MARKER', dataId: 'marker.json' }, body: { content, type: 'json' }, headers })).status).toBeLessThan(300);
    const before = await marker(server, token, markerNs);
    expect(before.content).toBe(content);

    const doc = (await (await fetch(`${server.baseUrl}/api/docs-json`)).json()) as OpenApiDoc;
    const ctx: GenContext = { auth: auth === 'on', token, adminPassword: ADMIN_PASSWORD, bodyLimit: BODY_LIMIT, routes: routesOf(doc), schemas: schemasOf(doc) };
    const summary: RunSummary = { auth, requests: 0, byClass: {}, byKind: {}, problems: [], serverErrors: new Map(), logErrors: [], healthy: false, markerIntact: false, seconds: 0 };
    const agent = fuzzAgent(CONCURRENCY);
    const indices = ONLY ?? Array.from({ length: requests }, (_, i) => i);
    const make = (n: number): FuzzRequest => generate(new Rng(seedFrom(`${SEED}:${auth}:${indices[n]}`)), ctx);
    const progressEvery = Math.max(1, Math.floor(indices.length / 10));
    const record = (n: number, r: FuzzRequest, o: Outcome) => {
      summary.requests++;
      if (summary.requests % progressEvery === 0) process.stderr.write(`fuzz auth ${auth}: ${summary.requests}/${indices.length} requests, ${Math.round((Date.now() - started) / 1000)} s\n`);
      summary.byClass[o.cls] = (summary.byClass[o.cls] ?? 0) + 1;
      const kind = (summary.byKind[r.kind] ??= {});
      kind[o.cls] = (kind[o.cls] ?? 0) + 1;
      if (!o.problem) return;
      const where = r.route ?? r.kind;
      const seen = summary.serverErrors.get(where) ?? { count: 0, example: `#${indices[n]} ${describeRequest(r)} → ${o.problem}` };
      seen.count++;
      summary.serverErrors.set(where, seen);
      if (summary.problems.length < 200) summary.problems.push(`#${indices[n]} ${describeRequest(r)} → ${o.problem.slice(0, 400)}`);
    };
    await runAll({ port: server.port, agent }, indices.length, ONLY ? 1 : CONCURRENCY, make, record);
    agent.destroy();
    // A server that went down says why before anything else is tried.
    if (server.child.exitCode !== null || server.child.signalCode !== null) throw new Error(`the server exited (${server.child.exitCode ?? server.child.signalCode}):\n${server.output().slice(-4000)}`);

    summary.sockets = ONLY ? undefined : await fuzzSockets(server.baseUrl, { token, messages: socketMessages, seed: `${SEED}:${auth}` });
    summary.grpc = ONLY ? undefined : await fuzzGrpc(server, { token, messages: grpcMessages, seed: `${SEED}:${auth}` });
    summary.healthy = (await fetch(`${server.baseUrl}/health/ready`)).status === 200 && (await fetch(`${server.baseUrl}/health/live`)).status === 200;
    const after = await marker(server, token, markerNs);
    summary.markerIntact = JSON.stringify(after) === JSON.stringify(before);
    if (!summary.markerIntact) summary.problems.push(`marker changed: before ${JSON.stringify(before).slice(0, 300)} after ${JSON.stringify(after).slice(0, 300)}`);
    summary.logErrors = internalErrors(server.output());
    summary.seconds = Math.round((Date.now() - started) / 100) / 10;
    return summary;
  } finally {
    await server.stop();
    removeDir(server.dataDir);
  }
}

function print(s: RunSummary): string {
  const classes = Object.entries(s.byClass)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  const lines = [
    `auth ${s.auth}: ${s.requests} requests in ${s.seconds} s (${classes}); socket.io: ${s.sockets ? `${s.sockets.messages} messages, ${s.sockets.acks} acks checked, ${s.sockets.handshakes} handshakes, ${s.sockets.reconnects} reconnects` : 'skipped'}; gRPC: ${s.grpc ? `${s.grpc.messages} requests, ${s.grpc.answers} answers checked` : 'skipped'}`,
    `  health ${s.healthy ? 'green' : 'RED'}, marker ${s.markerIntact ? 'intact' : 'CHANGED'}, internal errors in the log: ${s.logErrors.length}`,
    ...Object.entries(s.byKind)
      .sort()
      .map(([kind, c]) => `  ${kind}: ${Object.entries(c).map(([k, v]) => `${k} ${v}`).join(', ')}`),
  ];
  for (const [route, e] of s.serverErrors) lines.push(`  ! ${e.count} × ${route}: ${e.example.slice(0, 600)}`);
  for (const p of s.sockets?.problems.slice(0, 30) ?? []) lines.push(`  ! socket.io ${p}`);
  for (const p of s.grpc?.problems.slice(0, 30) ?? []) lines.push(`  ! gRPC ${p}`);
  for (const l of s.logErrors.slice(0, 30)) lines.push(`  ! log: ${l.slice(0, 1500)}`);
  return lines.join('\n');
}

describe(`fuzzing every surface (seed ${SEED})`, () => {
  const auths = (process.env.FUZZ_AUTH ? [process.env.FUZZ_AUTH] : ['on', 'off']) as ('on' | 'off')[];
  const share = Math.ceil(REQUESTS / auths.length);
  const socketShare = Math.ceil(SOCKET_MESSAGES / auths.length);
  const grpcShare = Math.ceil(GRPC_MESSAGES / auths.length);

  afterAll(() => {
    if (!summaries.length) return;
    const total = summaries.reduce((n, s) => n + s.requests, 0);
    const classes: Record<string, number> = {};
    for (const s of summaries) for (const [k, v] of Object.entries(s.byClass)) classes[k] = (classes[k] ?? 0) + v;
    const messages = summaries.reduce((n, s) => n + (s.sockets?.messages ?? 0), 0);
    const seconds = summaries.reduce((n, s) => n + s.seconds, 0);
    console.log(
      [
        '',
        `=== fuzz summary (seed ${SEED}; FUZZ_SEED=${SEED} runs it again) ===`,
        ...summaries.map(print),
        `total: ${total} requests (${Object.entries(classes).map(([k, v]) => `${k}: ${v}`).join(', ')}), ${messages} socket.io messages, ${Math.round(seconds)} s`,
        '',
      ].join('\n'),
    );
  });

  for (const auth of auths) {
    it(`should answer every request with a 2xx or 4xx and stay healthy, authentication ${auth}`, async () => {
      const summary = await fuzzRun(auth, share, socketShare, grpcShare);
      summaries.push(summary);
      expect(summary.problems).toEqual([]);
      expect(summary.sockets?.problems ?? []).toEqual([]);
      expect(summary.grpc?.problems ?? []).toEqual([]);
      expect(summary.logErrors).toEqual([]);
      expect(summary.byClass['5xx'] ?? 0).toBe(0);
      expect(summary.healthy).toBe(true);
      expect(summary.markerIntact).toBe(true);
    }, 1_200_000);
  }
});
