import { io, type Socket } from 'socket.io-client';
import { REALTIME_PATH, type ClientToServerEvents, type RealtimeTopic, type ServerToClientEvents, type SubscribeAck, type TopicSnapshots } from '@switchboard/shared';
import { SwitchboardError } from '@switchboard/client';

type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Watch {
  // Resolves when the watch is closed; rejects when the server refuses it.
  done: Promise<void>;
  close(): void;
}

const ACK_TIMEOUT_MS = 10_000;

// Follows one topic over socket.io: the subscribe acknowledgement carries a snapshot, events
// follow. The server forgets subscriptions on disconnect, so every (re)connection subscribes
// again and starts from a fresh snapshot.
export function watchTopic<K extends keyof TopicSnapshots>(
  connection: { url: string; token: string | undefined },
  topic: Extract<RealtimeTopic, { kind: K }>,
  handlers: {
    onSnapshot: (snapshot: TopicSnapshots[K]) => void;
    on: (socket: RealtimeSocket) => void; // registers the topic's event listeners
    onConnectionLost?: () => void;
  },
): Watch {
  const socket: RealtimeSocket = io(connection.url, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    auth: connection.token ? { token: connection.token } : {},
    reconnectionDelayMax: 2_000,
  });
  let settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const fail = (error: Error) => {
    socket.close();
    settle?.reject(error);
  };
  handlers.on(socket);
  socket.on('connect', () => {
    socket.timeout(ACK_TIMEOUT_MS).emit('subscribe', topic, (timeout: Error | null, ack: SubscribeAck) => {
      if (timeout || !ack) return fail(new SwitchboardError({ code: 'TIMEOUT', status: 0, message: 'the server did not acknowledge the subscription' }));
      if (!ack.ok) return fail(new SwitchboardError({ code: ack.error.code, status: 0, message: ack.error.message, details: ack.error.details, requestId: ack.error.requestId }));
      handlers.onSnapshot(ack.snapshot as TopicSnapshots[K]);
    });
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') return; // closed here
    handlers.onConnectionLost?.();
    // socket.io does not reconnect by itself after a disconnect from the server's side.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (error) => {
    // A refused token is final; anything else is retried by socket.io.
    if (error.message === 'UNAUTHENTICATED' || error.message === 'FORBIDDEN') fail(new SwitchboardError({ code: error.message, status: 401, message: 'the realtime connection was refused' }));
    else handlers.onConnectionLost?.();
  });
  return {
    done,
    close: () => {
      socket.close();
      settle?.resolve();
    },
  };
}
