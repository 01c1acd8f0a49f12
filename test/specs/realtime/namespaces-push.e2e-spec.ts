import { NAMESPACES_ENDPOINTS as E, type NamespaceView } from '@switchboard/shared';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { call, nacosForm, uniqueId } from '../../support/api';
import { connect, roundTrip, subscribe, waitForEvent, type RealtimeSocket } from '../../support/realtime';

const baseUrl = inject('baseUrl');

describe('socket.io topic namespaces', () => {
  const sockets: RealtimeSocket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  it('should answer the subscribe with a snapshot, then push a create made over HTTP', async () => {
    const socket = await connect(baseUrl);
    sockets.push(socket);
    const ack = await subscribe(socket, { kind: 'namespaces' });
    expect(ack.ok).toBe(true);
    const snapshot = (ack as { snapshot: NamespaceView[] }).snapshot;
    expect(snapshot[0]).toMatchObject({ namespaceId: 'public', builtIn: true });

    const namespaceId = uniqueId();
    const delta = waitForEvent(socket, 'namespace.changed', (e) => e.namespace.namespaceId === namespaceId, 10_000);
    const res = await call(baseUrl, E.createNamespace, { body: { namespaceId, name: 'pushed' } });
    expect(res.status).toBe(201);
    const [event] = await delta;
    expect(event).toMatchObject({ change: 'created', namespace: res.body });
    expect(Date.parse(event.at)).not.toBeNaN();
  });

  it('should push updates and deletes from the Nacos API too, in commit order', async () => {
    const socket = await connect(baseUrl);
    sockets.push(socket);
    await subscribe(socket, { kind: 'namespaces' });
    const namespaceId = uniqueId();
    const seen: string[] = [];
    socket.on('namespace.changed', (e) => {
      if (e.namespace.namespaceId === namespaceId) seen.push(`${e.change}:${e.namespace.name}`);
    });
    const deleted = waitForEvent(socket, 'namespace.changed', (e) => e.namespace.namespaceId === namespaceId && e.change === 'deleted', 10_000);
    await nacosForm(baseUrl, 'POST', '/nacos/v2/console/namespace', { namespaceId, namespaceName: 'one' });
    await nacosForm(baseUrl, 'PUT', '/nacos/v1/console/namespaces', { namespace: namespaceId, namespaceShowName: 'two' });
    await nacosForm(baseUrl, 'DELETE', '/nacos/v1/console/namespaces', { namespaceId });
    await deleted;
    expect(seen).toEqual(['created:one', 'updated:two', 'deleted:two']);
  });

  it('should not push to clients that did not subscribe, nor after unsubscribe, nor for failed writes', async () => {
    const idle = await connect(baseUrl);
    const leaving = await connect(baseUrl);
    sockets.push(idle, leaving);
    await subscribe(leaving, { kind: 'namespaces' });
    expect(await leaving.timeout(10_000).emitWithAck('unsubscribe', { kind: 'namespaces' })).toEqual({ ok: true });
    const received: unknown[] = [];
    idle.on('namespace.changed', (e) => received.push(e));
    leaving.on('namespace.changed', (e) => received.push(e));
    const watcher = await connect(baseUrl);
    sockets.push(watcher);
    await subscribe(watcher, { kind: 'namespaces' });
    const failed: unknown[] = [];
    watcher.on('namespace.changed', (e) => {
      if (e.namespace.namespaceId === 'public') failed.push(e);
    });
    expect((await call(baseUrl, E.deleteNamespace, { params: { namespaceId: 'public' } })).status).toBe(409);
    const namespaceId = uniqueId();
    const arrived = waitForEvent(watcher, 'namespace.changed', (e) => e.namespace.namespaceId === namespaceId);
    await call(baseUrl, E.createNamespace, { body: { namespaceId, name: 'only-watcher' } });
    await arrived;
    // The change went out to every subscriber at once; a wrongly addressed event would reach the
    // others before the answer to a later request on their own connection.
    await Promise.all([idle, leaving].map((socket) => roundTrip(socket)));
    expect(received).toEqual([]);
    expect(failed).toEqual([]);
  });

  it('should refuse an unknown topic in the ack', async () => {
    const socket = await connect(baseUrl);
    sockets.push(socket);
    const ack = await subscribe(socket, { kind: 'weather' } as never);
    expect(ack).toMatchObject({ ok: false, error: { code: 'TOPIC_NOT_FOUND' } });
  });
});
