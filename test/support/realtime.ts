import type { ClientToServerEvents, RealtimeHandshakeAuth, RealtimeTopic, ServerToClientEvents, SubscribeAck } from '@switchboard/shared';
import { io, type Socket } from 'socket.io-client';
import { defaultToken } from './api';

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

// `declared`: the identity and labels the client announces (canary targeting).
export async function connect(baseUrl: string, token: string | undefined = defaultToken(baseUrl), declared: Omit<RealtimeHandshakeAuth, 'token'> = {}): Promise<RealtimeSocket> {
  const auth: RealtimeHandshakeAuth = { ...(token ? { token } : {}), ...declared };
  const socket: RealtimeSocket = io(baseUrl, { transports: ['websocket'], reconnection: false, forceNew: true, auth });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

export function subscribe(socket: RealtimeSocket, topic: RealtimeTopic, timeoutMs = 5_000): Promise<SubscribeAck> {
  return socket.timeout(timeoutMs).emitWithAck('subscribe', topic);
}

// Resolves with the first event of that name matching the predicate, or rejects after timeoutMs.
export function waitForEvent<E extends keyof ServerToClientEvents>(
  socket: RealtimeSocket,
  event: E,
  predicate: (...args: Parameters<ServerToClientEvents[E]>) => boolean,
  timeoutMs = 1_000,
): Promise<Parameters<ServerToClientEvents[E]>> {
  return new Promise((resolve, reject) => {
    const listener = ((...args: Parameters<ServerToClientEvents[E]>) => {
      if (!predicate(...args)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(args);
    }) as ServerToClientEvents[E];
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no ${String(event)} event within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on(event, listener as never);
  });
}

// Resolves once the server has answered a request sent now on this connection: every event it
// sent this socket before has then arrived (one connection's packets stay in order). A topic of
// no known kind is refused without touching the connection's subscriptions.
export async function roundTrip(socket: RealtimeSocket, timeoutMs = 5_000): Promise<void> {
  const ack = await socket.timeout(timeoutMs).emitWithAck('subscribe', { kind: 'round-trip' } as never);
  if (ack.ok) throw new Error('an unknown topic was accepted');
}
