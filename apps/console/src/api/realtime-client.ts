import { io, type Socket } from 'socket.io-client';
import {
  ERROR_CODES,
  REALTIME_PATH,
  TOPIC_EVENTS,
  eventTopic,
  topicRoom,
  type ClientToServerEvents,
  type RealtimeTopic,
  type RealtimeTopicKind,
  type ServerToClientEvents,
  type SubscribeAck,
  type TopicEvent,
  type TopicSnapshots,
} from '@switchboard/shared';
import { session } from '../auth/session-store';
import { ApiError } from './api-error';

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

export type { TopicEvent };

export interface TopicHandlers<K extends RealtimeTopicKind> {
  onSnapshot: (snapshot: TopicSnapshots[K]) => void; // first, and again after every reconnect
  onEvent: (event: TopicEvent<K>) => void;
  onError?: (error: ApiError) => void;
}

interface Subscription {
  topic: RealtimeTopic;
  handlers: TopicHandlers<RealtimeTopicKind>;
  buffered: TopicEvent<RealtimeTopicKind>[] | undefined; // events seen while waiting for the snapshot
}

const ACK_TIMEOUT_MS = 10_000;

// One socket for the whole console. Subscriptions survive reconnects: each one is re-sent on
// `connect` and re-seeded from the new snapshot, because the server forgets rooms on disconnect.
export class RealtimeClient {
  private socket: RealtimeSocket | undefined;
  private state: ConnectionState = 'connecting';
  private readonly stateListeners = new Set<() => void>();
  private readonly subscriptions = new Set<Subscription>();

  constructor(private readonly createSocket: () => RealtimeSocket) {}

  getState = (): ConnectionState => this.state;

  onStateChange = (listener: () => void): (() => void) => {
    this.connect();
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  subscribe<K extends RealtimeTopicKind>(
    topic: Extract<RealtimeTopic, { kind: K }>,
    handlers: TopicHandlers<K>,
  ): () => void {
    const socket = this.connect();
    const subscription: Subscription = {
      topic,
      handlers: handlers as unknown as TopicHandlers<RealtimeTopicKind>,
      buffered: [],
    };
    this.subscriptions.add(subscription);
    if (socket.connected) this.sendSubscribe(subscription);
    return () => {
      if (!this.subscriptions.delete(subscription)) return;
      const room = topicRoom(topic);
      const stillUsed = [...this.subscriptions].some((s) => topicRoom(s.topic) === room);
      if (!stillUsed && socket.connected) socket.emit('unsubscribe', topic, () => undefined);
    };
  }

  // Drops the connection (logout). Subscriptions stay registered; they are sent again when
  // the next connection opens.
  close(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.disconnect();
    for (const subscription of this.subscriptions) subscription.buffered = [];
    this.setState('connecting');
  }

  // Connects again with the current credentials (after a login), if anything uses the socket.
  restart(): void {
    this.close();
    if (this.subscriptions.size || this.stateListeners.size) this.connect();
  }

  connect(): RealtimeSocket {
    if (this.socket) return this.socket;
    const socket = this.createSocket();
    this.socket = socket;
    // Events of a socket replaced by close()/restart() are ignored.
    const current = () => this.socket === socket;
    socket.on('connect', () => {
      if (!current()) return;
      this.setState('live');
      for (const subscription of this.subscriptions) this.sendSubscribe(subscription);
    });
    socket.on('disconnect', (reason) => {
      if (!current()) return;
      this.setState('reconnecting');
      for (const subscription of this.subscriptions) subscription.buffered = [];
      // The client does not retry by itself after a server-side disconnect.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (cause) => {
      if (!current()) return;
      this.setState('reconnecting');
      // A refused token is not retried by socket.io; subscribers fall back to HTTP, whose 401
      // ends the session, and the next login restarts the socket.
      const error =
        cause?.message === ERROR_CODES.UNAUTHENTICATED
          ? new ApiError(ERROR_CODES.UNAUTHENTICATED, 401, 'realtime connection refused')
          : new ApiError(ERROR_CODES.SERVICE_UNAVAILABLE, 0, 'realtime connection failed');
      for (const subscription of this.subscriptions) subscription.handlers.onError?.(error);
    });
    for (const names of Object.values(TOPIC_EVENTS)) {
      for (const name of names) {
        socket.on(name, (payload: Parameters<ServerToClientEvents[typeof name]>[0]) =>
          this.dispatch(topicRoom(eventTopic(name, payload)), { name, payload } as TopicEvent<RealtimeTopicKind>),
        );
      }
    }
    return socket;
  }

  // Several topics of one kind (two services, say) are told apart by the event's own topic.
  private dispatch(room: string, event: TopicEvent<RealtimeTopicKind>): void {
    for (const subscription of this.subscriptions) {
      if (topicRoom(subscription.topic) !== room) continue;
      if (subscription.buffered) subscription.buffered.push(event);
      else subscription.handlers.onEvent(event);
    }
  }

  private sendSubscribe(subscription: Subscription): void {
    subscription.buffered = [];
    this.socket
      ?.timeout(ACK_TIMEOUT_MS)
      .emit('subscribe', subscription.topic, (timeout: Error | null, ack: SubscribeAck) => {
        if (!this.subscriptions.has(subscription)) return;
        if (timeout || !ack) {
          subscription.handlers.onError?.(
            new ApiError(ERROR_CODES.SERVICE_UNAVAILABLE, 0, 'subscribe timed out'),
          );
          return;
        }
        if (!ack.ok) {
          subscription.handlers.onError?.(
            new ApiError(
              ack.error.code,
              0,
              ack.error.message,
              ack.error.details,
              ack.error.requestId,
            ),
          );
          return;
        }
        // Events that raced the acknowledgement are replayed on top of the snapshot.
        const buffered = subscription.buffered ?? [];
        subscription.buffered = undefined;
        subscription.handlers.onSnapshot(ack.snapshot);
        for (const event of buffered) subscription.handlers.onEvent(event);
      });
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener();
  }
}

export const realtime = new RealtimeClient(() =>
  // Same origin: the server serves the console; `vite dev` proxies /socket.io. `auth` is a
  // function so every (re)connection presents the token current at that moment.
  io({
    path: REALTIME_PATH,
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    auth: (send) => {
      const token = session.getToken();
      send(token ? { token } : {});
    },
  }),
);
