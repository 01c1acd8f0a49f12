import {
  ERROR_CODES,
  REALTIME_PATH,
  TOPIC_EVENTS,
  eventTopic,
  topicRoom,
  type ClientToServerEvents,
  type RealtimeHandshakeAuth,
  type RealtimeTopic,
  type RealtimeTopicKind,
  type ServerToClientEvents,
  type SubscribeAck,
  type TopicEvent,
  type TopicSnapshots,
} from '@switchboard/shared';
import { io, type Socket } from 'socket.io-client';
import { errorFromAck, SwitchboardError } from './errors.js';
import type { Transport } from './http.js';

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type { TopicEvent };

export interface TopicHandlers<K extends RealtimeTopicKind> {
  onSnapshot: (snapshot: TopicSnapshots[K]) => void; // first, and again after every reconnect
  onEvent: (event: TopicEvent<K>) => void;
  onError?: (error: SwitchboardError) => void;
}

interface Subscription {
  topic: RealtimeTopic;
  handlers: TopicHandlers<RealtimeTopicKind>;
  buffered: TopicEvent<RealtimeTopicKind>[] | undefined; // events that raced the snapshot
  attempt: number; // answers to an earlier subscribe are ignored
}

export interface RealtimeOptions {
  clientId?: string;
  labels?: string[];
  timeoutMs: number; // how long a request waits for a connection and for its answer
  reconnectDelayMs?: number; // first retry; doubles up to reconnectDelayMaxMs
  reconnectDelayMaxMs?: number;
}

// The client's one socket.io connection, opened on first use. Topics and connect listeners
// survive reconnects: the server forgets rooms and socket-registered instances with the
// connection, so every subscription is sent again (and re-seeded from its new snapshot) and
// connect listeners run again on each new connection.
export class RealtimeConnection {
  private socket: RealtimeSocket | undefined;
  private closed = false;
  private reloggedIn = false; // one sign-in per refused handshake streak
  private refused: SwitchboardError | undefined; // the server refused the handshake for good
  private readonly subscriptions = new Set<Subscription>();
  private readonly connectListeners = new Set<() => void>();
  private readonly waiters = new Set<{ resolve: () => void; reject: (error: SwitchboardError) => void }>();

  constructor(
    private readonly transport: Transport,
    private readonly options: RealtimeOptions,
  ) {}

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  subscribe<K extends RealtimeTopicKind>(topic: Extract<RealtimeTopic, { kind: K }>, handlers: TopicHandlers<K>): () => void {
    const socket = this.open();
    const subscription: Subscription = { topic, handlers: handlers as unknown as TopicHandlers<RealtimeTopicKind>, buffered: [], attempt: 0 };
    this.subscriptions.add(subscription);
    if (socket.connected) this.sendSubscribe(subscription);
    else if (this.refused) handlers.onError?.(this.refused);
    return () => {
      if (!this.subscriptions.delete(subscription)) return;
      const room = topicRoom(topic);
      const stillUsed = [...this.subscriptions].some((s) => topicRoom(s.topic) === room);
      if (!stillUsed && socket.connected) socket.emit('unsubscribe', topic, () => undefined);
    };
  }

  // Runs on every new connection (and now, when connected): work the server ties to a connection.
  onConnect(listener: () => void): () => void {
    const socket = this.open();
    this.connectListeners.add(listener);
    if (socket.connected) listener();
    return () => this.connectListeners.delete(listener);
  }

  // Resolves when connected; fails fast when the server cannot be reached or refuses the client.
  whenConnected(): Promise<void> {
    const socket = this.open();
    if (socket.connected) return Promise.resolve();
    if (this.refused) return Promise.reject(this.refused);
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
        reject: (error: SwitchboardError) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          reject(error);
        },
      };
      const timer = setTimeout(() => waiter.reject(new SwitchboardError({ code: 'TIMEOUT', status: 0, message: `no realtime connection within ${this.options.timeoutMs} ms` })), this.options.timeoutMs);
      this.waiters.add(waiter);
    });
  }

  // One request with an acknowledgement, on the current connection.
  async request<E extends 'instance.register' | 'instance.deregister' | 'subscribe' | 'unsubscribe'>(
    event: E,
    payload: Parameters<ClientToServerEvents[E]>[0],
  ): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
    await this.whenConnected();
    const socket = this.open();
    try {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the event map's own types, narrowed by E above
      return await (socket.timeout(this.options.timeoutMs) as any).emitWithAck(event, payload);
    } catch (error) {
      throw new SwitchboardError({ code: 'TIMEOUT', status: 0, message: `${event}: no answer within ${this.options.timeoutMs} ms`, cause: error });
    }
  }

  close(): void {
    this.closed = true;
    this.socket?.disconnect();
    this.socket = undefined;
    this.subscriptions.clear();
    this.connectListeners.clear();
    const closedError = new SwitchboardError({ code: 'NETWORK_ERROR', status: 0, message: 'the client was closed' });
    for (const waiter of [...this.waiters]) waiter.reject(closedError);
  }

  private open(): RealtimeSocket {
    if (this.closed) throw new SwitchboardError({ code: 'NETWORK_ERROR', status: 0, message: 'the client was closed' });
    if (this.socket) return this.socket;
    const { clientId, labels } = this.options;
    const socket: RealtimeSocket = io(this.transport.baseUrl, {
      path: REALTIME_PATH,
      transports: ['websocket'],
      reconnectionDelay: this.options.reconnectDelayMs ?? 500,
      reconnectionDelayMax: this.options.reconnectDelayMaxMs ?? 5_000,
      // A function: every (re)connection presents the token current at that moment.
      auth: (send) => {
        const declared: RealtimeHandshakeAuth = { ...(clientId !== undefined ? { clientId } : {}), ...(labels?.length ? { labels } : {}) };
        this.transport.currentToken().then(
          (token) => send(token ? { ...declared, token } : declared),
          () => send(declared), // the server is unreachable: the handshake fails the same way
        );
      },
    });
    this.socket = socket;
    const current = () => this.socket === socket;
    socket.on('connect', () => {
      if (!current()) return;
      this.reloggedIn = false;
      this.refused = undefined;
      for (const waiter of [...this.waiters]) waiter.resolve();
      for (const subscription of this.subscriptions) this.sendSubscribe(subscription);
      for (const listener of [...this.connectListeners]) listener();
    });
    socket.on('disconnect', (reason) => {
      if (!current()) return;
      for (const subscription of this.subscriptions) subscription.buffered = [];
      // socket.io does not retry by itself after a server-side disconnect.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (cause) => {
      if (!current()) return;
      // While `active`, socket.io retries by itself (server unreachable); otherwise the server's
      // middleware refused the handshake and nothing retries unless we do.
      if (socket.active) {
        const error = new SwitchboardError({ code: 'NETWORK_ERROR', status: 0, message: `realtime connection failed: ${cause.message}`, cause });
        for (const waiter of [...this.waiters]) waiter.reject(error);
        return;
      }
      if (cause.message === ERROR_CODES.UNAUTHENTICATED && this.transport.canSignIn && !this.reloggedIn) {
        // The session expired: sign in again once, then connect with the new token.
        this.reloggedIn = true;
        this.transport.login().then(
          () => current() && socket.connect(),
          (error: unknown) => this.refuse(error instanceof SwitchboardError ? error : new SwitchboardError({ code: 'UNAUTHENTICATED', status: 401, message: 'realtime connection refused', cause: error })),
        );
        return;
      }
      const [code, ...rest] = cause.message.split(' ');
      this.refuse(
        code === ERROR_CODES.VALIDATION_FAILED
          ? new SwitchboardError({ code, status: 400, message: rest.join(' ') || 'realtime handshake refused', cause })
          : new SwitchboardError({ code: 'UNAUTHENTICATED', status: 401, message: 'realtime connection refused: the token was not accepted', cause }),
      );
    });
    for (const names of Object.values(TOPIC_EVENTS)) {
      for (const name of names) {
        socket.on(name, (payload: Parameters<ServerToClientEvents[typeof name]>[0]) => this.dispatch(topicRoom(eventTopic(name, payload)), { name, payload } as TopicEvent<RealtimeTopicKind>));
      }
    }
    return socket;
  }

  private refuse(error: SwitchboardError): void {
    this.refused = error;
    for (const waiter of [...this.waiters]) waiter.reject(error);
    for (const subscription of this.subscriptions) subscription.handlers.onError?.(error);
  }

  // Several topics of one kind (two configs, say) are told apart by the event's own topic.
  private dispatch(room: string, event: TopicEvent<RealtimeTopicKind>): void {
    for (const subscription of this.subscriptions) {
      if (topicRoom(subscription.topic) !== room) continue;
      if (subscription.buffered) subscription.buffered.push(event);
      else subscription.handlers.onEvent(event);
    }
  }

  private sendSubscribe(subscription: Subscription): void {
    subscription.buffered = [];
    const attempt = ++subscription.attempt;
    const socket = this.socket;
    socket?.timeout(this.options.timeoutMs).emit('subscribe', subscription.topic, (timeout: Error | null, ack: SubscribeAck) => {
      if (!this.subscriptions.has(subscription) || attempt !== subscription.attempt) return;
      if (timeout || !ack) {
        subscription.handlers.onError?.(new SwitchboardError({ code: 'TIMEOUT', status: 0, message: `subscribe: no answer within ${this.options.timeoutMs} ms` }));
        // A reconnect sends it again; on a live connection, ask again now.
        if (socket?.connected && this.socket === socket) this.sendSubscribe(subscription);
        return;
      }
      if (!ack.ok) {
        subscription.handlers.onError?.(errorFromAck(ack.error));
        return;
      }
      // Events that raced the acknowledgement are replayed on top of the snapshot.
      const buffered = subscription.buffered ?? [];
      subscription.buffered = undefined;
      subscription.handlers.onSnapshot(ack.snapshot);
      for (const event of buffered) subscription.handlers.onEvent(event);
    });
  }
}
