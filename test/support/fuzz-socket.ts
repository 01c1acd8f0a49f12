import { io, type Socket } from 'socket.io-client';
import { HOSTILE_KEYS, HOSTILE_VALUES, LEAK, Rng, seedFrom } from './fuzz';

// socket.io messages with hostile payloads: the server's own events (subscribe, unsubscribe,
// instance.register, instance.deregister) with wrong types, nested and prototype keys, huge
// strings and binary parts, with and without acknowledgement; unknown event names; malformed
// packets; and handshakes declaring hostile identities. Every acknowledgement must be `ok` or an
// error body with a code, never an internal error, and no handler may fail (Nest reports that as
// an `exception` event).

export interface SocketFuzzResult {
  messages: number; // events and packets sent
  acks: number; // acknowledgements received and checked
  handshakes: number;
  reconnects: number;
  problems: string[];
}

const EVENTS = ['subscribe', 'unsubscribe', 'instance.register', 'instance.deregister'] as const;
const UNKNOWN_EVENTS = ['x', '__proto__', 'constructor', 'hasOwnProperty', 'toString', 'subscribe ', 'Subscribe', 'instance.register.x', 'config.published', 'exception', 'x'.repeat(5000), '', '名字'];
const HOSTILE: readonly unknown[] = [undefined, null, true, 0, -1, 1e308, '', 'x'.repeat(200_000), [], [[[[[]]]]], {}, '[[[[', ...HOSTILE_VALUES.slice(0, 40)];
const RAW_PACKETS = [
  '42[',
  '42["subscribe",{"kind":"config"',
  '42["subscribe",',
  '42{"subscribe":1}',
  '42[]',
  '42[1,2,3]',
  '42[null]',
  '42["subscribe"]',
  '421["subscribe"]',
  '42999999999999999999999["subscribe",{}]',
  '451-["subscribe",{"_placeholder":true,"num":0}]',
  '451-["subscribe",{"_placeholder":true,"num":99}]',
  '45x-["subscribe"]',
  '4',
  '49',
  '43',
  '431[]',
  '41',
  '40',
  '40{"token":1}',
  '44',
  '42["disconnect"]',
  '42["connect"]',
  '42["newListener","subscribe"]',
  '42["__proto__",{}]',
  '42/nsp,["subscribe",{}]',
  '40/admin,',
  '\u0000',
];

function parsed(text: string): unknown {
  return JSON.parse(text) as unknown;
}

function hostile(rng: Rng): unknown {
  if (rng.chance(0.1)) return Buffer.from(rng.bytes(rng.int(64)));
  if (rng.chance(0.1)) return parsed(`{"${rng.pick(['__proto__', 'constructor', 'prototype'])}":{"admin":true,"kind":"namespaces"}}`);
  if (rng.chance(0.02)) return parsed('['.repeat(1000) + ']'.repeat(1000));
  return rng.pick(HOSTILE);
}

function topic(rng: Rng): Record<string, unknown> {
  const ns = rng.pick(['public', 'fz-ns']);
  return rng.pick([
    { kind: 'namespaces' },
    { kind: 'overview' },
    { kind: 'services', namespaceId: ns },
    { kind: 'service', namespaceId: ns, groupName: 'FZ', serviceName: 'fz-svc' },
    { kind: 'config', namespaceId: ns, group: 'FZ', dataId: 'fz.properties' },
    { kind: 'canary', namespaceId: ns, group: 'FZ', dataId: 'fz.properties' },
  ]);
}

// A valid object with some fields replaced by hostile values and some hostile keys added.
function mutate(rng: Rng, value: Record<string, unknown>, depth = 0): unknown {
  if (rng.chance(0.1)) return hostile(rng);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (rng.chance(0.1)) continue;
    out[k] = rng.chance(0.2) ? hostile(rng) : v && typeof v === 'object' && depth < 3 ? mutate(rng, v as Record<string, unknown>, depth + 1) : v;
  }
  if (rng.chance(0.2)) Object.defineProperty(out, rng.pick(HOSTILE_KEYS), { value: hostile(rng), enumerable: true, configurable: true, writable: true });
  if (rng.chance(0.05)) out.kind = rng.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'NAMESPACES', '', ['namespaces'], { kind: 'namespaces' }]);
  return out;
}

function payloadFor(rng: Rng, event: string): unknown[] {
  const service = { namespaceId: rng.pick(['public', 'fz-ns']), groupName: 'FZ', serviceName: rng.pick(['fz-svc', 'fz-sock']) };
  const instance = { ip: rng.pick(['127.0.0.1', '127.0.0.3', '::1']), port: rng.pick([8080, 9090]), clusterName: 'DEFAULT', weight: 1, metadata: { k: 'v' }, tags: ['canary'] };
  let first: unknown;
  switch (event) {
    case 'subscribe':
    case 'unsubscribe':
      first = mutate(rng, topic(rng));
      break;
    case 'instance.register':
    case 'instance.deregister':
      first = mutate(rng, { service, instance });
      break;
    default:
      first = hostile(rng);
  }
  const args = [first];
  if (rng.chance(0.1)) args.push(hostile(rng));
  if (rng.chance(0.05)) args.length = 0;
  return args;
}

function ackProblem(event: string, ack: unknown): string | undefined {
  const a = ack as { ok?: unknown; error?: { code?: unknown; message?: unknown } } | undefined;
  const text = JSON.stringify(ack) ?? String(ack);
  if (!a || typeof a !== 'object' || typeof a.ok !== 'boolean') return `${event}: acknowledged with ${text.slice(0, 200)}`;
  if (!a.ok && (typeof a.error?.code !== 'string' || a.error.code === 'INTERNAL_ERROR')) return `${event}: failed with ${text.slice(0, 300)}`;
  if (LEAK.test(text)) return `${event}: acknowledgement leaks internals: ${text.slice(0, 300)}`;
  return undefined;
}

async function open(baseUrl: string, auth: Record<string, unknown>, query?: Record<string, string>, handshakeOnly = false): Promise<{ socket?: Socket; error?: Error }> {
  let socket: Socket;
  try {
    socket = io(baseUrl, { transports: ['websocket'], reconnection: false, forceNew: true, auth, query, timeout: 10_000 });
  } catch (error) {
    // A query the client cannot even encode (a lone surrogate) never reaches the server.
    return { error: new Error(`NOT_SENT ${(error as Error).message}`) };
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.close();
      resolve({ error: new Error('no answer to the handshake within 10 s') });
    }, 10_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve({ socket });
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      const cause = (error as { description?: { message?: string; error?: { message?: string } } }).description;
      resolve({ error: cause ? new Error(`${error.message}: ${cause.error?.message ?? cause.message ?? ''}`) : error });
    });
    // A handshake socket.io cannot decode (auth that is not an object) is refused by closing the
    // connection, without a connect_error.
    if (handshakeOnly) {
      socket.io.once('close', (reason) => {
        clearTimeout(timer);
        resolve({ error: new Error(`CLOSED_BY_SERVER ${reason}`) });
      });
    }
  });
}

export async function fuzzSockets(baseUrl: string, options: { token?: string; messages: number; seed: string; sockets?: number; inFlight?: number }): Promise<SocketFuzzResult> {
  const result: SocketFuzzResult = { messages: 0, acks: 0, handshakes: 0, reconnects: 0, problems: [] };
  const good = options.token ? { token: options.token } : {};

  // Handshakes declaring hostile identities or credentials: refused with a reason, or accepted.
  const handshakeRng = new Rng(seedFrom(`${options.seed}:handshakes`));
  const handshakes: Record<string, unknown>[] = [
    { token: 'x' },
    { token: 1 },
    { token: ['a'] },
    { token: { a: 1 } },
    { token: `${options.token ?? ''}x` },
    { ...good, clientId: 5 },
    { ...good, clientId: '' },
    { ...good, clientId: 'x'.repeat(129) },
    { ...good, clientId: '\u0000\ud800' },
    { ...good, labels: 'canary' },
    { ...good, labels: [1] },
    { ...good, labels: ['a b'] },
    { ...good, labels: Array.from({ length: 17 }, (_, i) => `l${i}`) },
    { ...good, labels: [['x']] },
    { ...good, labels: null },
    { ...good, clientId: 'fz-client', labels: ['canary'] },
    parsed(`{"__proto__":{"token":"x"},"token":${JSON.stringify(options.token ?? '')}}`) as Record<string, unknown>,
  ];
  for (let i = 0; i < 40; i++) handshakes.push(mutate(handshakeRng, { ...good, clientId: 'fz', labels: ['canary'] }) as Record<string, unknown>);
  for (const auth of handshakes) {
    result.handshakes++;
    const query = handshakeRng.chance(0.2) ? { accessToken: String(handshakeRng.pick(HOSTILE_VALUES)).slice(0, 500) } : undefined;
    const { socket, error } = await open(baseUrl, auth && typeof auth === 'object' ? auth : {}, query, true);
    socket?.close();
    if (error && LEAK.test(error.message)) result.problems.push(`handshake ${JSON.stringify(auth)?.slice(0, 100)}: refused with ${error.message.slice(0, 200)}`);
    if (error && !/UNAUTHENTICATED|VALIDATION_FAILED|FORBIDDEN|CLOSED_BY_SERVER|NOT_SENT/.test(error.message)) result.problems.push(`handshake ${JSON.stringify(auth)?.slice(0, 100)}: refused with ${error.message.slice(0, 200)}`);
  }

  // Messages over a few connections, several in flight on each; a connection the server closes
  // (a malformed packet) is opened again.
  const count = options.sockets ?? 4;
  const inFlight = options.inFlight ?? 8;
  let next = 0;
  await Promise.all(
    Array.from({ length: count }, async (_, slot) => {
      let socket: Socket | undefined;
      const connect = async (): Promise<Socket> => {
        if (socket?.connected) return socket;
        if (socket) result.reconnects++;
        // A connection the server just closed may still be going away: a few tries.
        let opened = await open(baseUrl, good);
        for (let attempt = 1; !opened.socket && attempt < 3; attempt++) opened = await open(baseUrl, good);
        if (!opened.socket) throw new Error(`socket.io connection refused: ${opened.error?.message}`);
        opened.socket.on('exception', (payload: unknown) => result.problems.push(`a handler failed (exception event): ${JSON.stringify(payload).slice(0, 300)}`));
        socket = opened.socket;
        return socket;
      };
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (next < options.messages) {
            const i = next++;
            const rng = new Rng(seedFrom(`${options.seed}:socket:${i}`));
            const s = await connect();
            const roll = rng.next();
            result.messages++;
            if (roll < 0.03) {
              (s.io.engine as unknown as { write(data: string): void }).write(rng.pick(RAW_PACKETS));
              continue;
            }
            const known = roll < 0.9;
            const event = known ? rng.pick(EVENTS) : rng.pick(UNKNOWN_EVENTS);
            const args = payloadFor(rng, event);
            if (!known || rng.chance(0.2)) {
              s.emit(event as never, ...(args as never[]));
              continue;
            }
            try {
              const ack = await s.timeout(10_000).emitWithAck(event as never, ...(args as never[]));
              result.acks++;
              const problem = ackProblem(event, ack);
              if (problem) result.problems.push(`#${i} (slot ${slot}) ${problem}`);
            } catch (error) {
              // A message too large for the connection closes it (maxHttpBufferSize), and a closed
              // connection acknowledges nothing.
              if (!s.connected) continue;
              result.problems.push(`#${i} ${event} ${JSON.stringify(args).slice(0, 200)}: ${(error as Error).message}`);
            }
          }
        }),
      );
      socket?.close();
    }),
  );
  return result;
}
