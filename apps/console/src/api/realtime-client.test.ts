import { describe, expect, it, vi } from 'vitest';
import type { NamespaceChangedEvent, NamespaceView, SubscribeAck } from '@switchboard/shared';
import { RealtimeClient, type RealtimeSocket } from './realtime-client';

type Listener = (...args: unknown[]) => void;

// Just enough of a socket.io client socket to drive RealtimeClient.
class FakeSocket {
  connected = false;
  readonly emitted: { event: string; args: unknown[] }[] = [];
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  timeout() {
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    this.emitted.push({ event, args });
    return this;
  }
  connect() {
    return this;
  }
  disconnected = false;
  disconnect() {
    this.disconnected = true;
    this.connected = false;
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    if (event === 'connect') this.connected = true;
    if (event === 'disconnect') this.connected = false;
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
  // Answers the latest subscribe with the given ack.
  ack(result: SubscribeAck) {
    const last = [...this.emitted].reverse().find((e) => e.event === 'subscribe');
    (last?.args[1] as (err: Error | null, ack: SubscribeAck) => void)(null, result);
  }
}

const ns = (namespaceId: string): NamespaceView => ({
  namespaceId,
  name: namespaceId,
  description: '',
  configQuota: 200,
  configCount: 0,
  builtIn: false,
  reviewPolicy: { mode: 'off', minApprovals: 1 },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const changed = (id: string): NamespaceChangedEvent => ({
  change: 'created',
  namespace: ns(id),
  at: '2026-01-01T00:00:00.000Z',
});

function setup() {
  const sockets: FakeSocket[] = [];
  const client = new RealtimeClient(() => {
    sockets.push(new FakeSocket());
    return sockets.at(-1) as unknown as RealtimeSocket;
  });
  client.connect();
  const socket = sockets[0];
  const calls: string[] = [];
  const unsubscribe = client.subscribe(
    { kind: 'namespaces' },
    {
      onSnapshot: (items) => calls.push(`snapshot:${items.map((n) => n.namespaceId).join(',')}`),
      onEvent: (event) => calls.push(`event:${event.payload.namespace.namespaceId}`),
      onError: (error) => calls.push(`error:${error.code}`),
    },
  );
  return { socket, sockets, client, calls, unsubscribe };
}

describe('RealtimeClient', () => {
  it('should subscribe on connect and deliver the snapshot before events that raced the acknowledgement', () => {
    const { socket, client, calls } = setup();
    expect(client.getState()).toBe('connecting');
    socket.fire('connect');
    expect(client.getState()).toBe('live');
    socket.fire('namespace.changed', changed('early'));
    socket.ack({ ok: true, topic: { kind: 'namespaces' }, snapshot: [ns('public')] });
    socket.fire('namespace.changed', changed('late'));
    expect(calls).toEqual(['snapshot:public', 'event:early', 'event:late']);
  });

  it('should subscribe again and deliver a fresh snapshot when the socket reconnects', () => {
    const { socket, client, calls } = setup();
    socket.fire('connect');
    socket.ack({ ok: true, topic: { kind: 'namespaces' }, snapshot: [] });
    socket.fire('disconnect', 'transport close');
    expect(client.getState()).toBe('reconnecting');
    socket.fire('connect');
    socket.ack({ ok: true, topic: { kind: 'namespaces' }, snapshot: [ns('public'), ns('new')] });
    expect(socket.emitted.filter((e) => e.event === 'subscribe')).toHaveLength(2);
    expect(calls).toEqual(['snapshot:', 'snapshot:public,new']);
  });

  it('should report a refused subscription and a failed connection to the subscriber', () => {
    const { socket, calls } = setup();
    socket.fire('connect_error', new Error('refused'));
    socket.fire('connect');
    socket.ack({ ok: false, error: { code: 'TOPIC_NOT_FOUND', message: 'no' } });
    expect(calls).toEqual(['error:SERVICE_UNAVAILABLE', 'error:TOPIC_NOT_FOUND']);
  });

  it('should stop delivering and tell the server when the last subscriber leaves', () => {
    const { socket, calls, unsubscribe } = setup();
    socket.fire('connect');
    socket.ack({ ok: true, topic: { kind: 'namespaces' }, snapshot: [] });
    unsubscribe();
    socket.fire('namespace.changed', changed('after'));
    expect(calls).toEqual(['snapshot:']);
    expect(socket.emitted.at(-1)?.event).toBe('unsubscribe');
  });

  it('should notify state listeners when the connection state changes', () => {
    const { socket, client } = setup();
    const listener = vi.fn();
    client.onStateChange(listener);
    socket.fire('connect');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('should report a refused token as UNAUTHENTICATED so subscribers fall back to HTTP', () => {
    const { socket, calls } = setup();
    socket.fire('connect_error', new Error('UNAUTHENTICATED'));
    expect(calls).toEqual(['error:UNAUTHENTICATED']);
  });

  it('should drop the socket on close and open a new one that resubscribes on restart', () => {
    const { socket, sockets, client, calls } = setup();
    socket.fire('connect');
    socket.ack({ ok: true, topic: { kind: 'namespaces' }, snapshot: [] });
    client.close();
    expect(socket.disconnected).toBe(true);
    expect(client.getState()).toBe('connecting');
    socket.fire('namespace.changed', changed('ignored'));
    client.restart();
    expect(sockets).toHaveLength(2);
    sockets[1].fire('connect');
    sockets[1].ack({ ok: true, topic: { kind: 'namespaces' }, snapshot: [ns('public')] });
    expect(calls).toEqual(['snapshot:', 'snapshot:public']);
  });
});
