import { NAMING_ENDPOINTS as E, type InstanceListView, type ServiceSummaryView } from '@switchboard/shared';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { call, nacosForm, uniqueId } from '../../support/api';
import { connect, subscribe, waitForEvent, type RealtimeSocket } from '../../support/realtime';

const baseUrl = inject('baseUrl');

describe('socket.io topics service and services', () => {
  const sockets: RealtimeSocket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  it('should answer with the instance snapshot, then each change, in order', async () => {
    const key = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: uniqueId('live') };
    await call(baseUrl, E.registerInstance, { params: key, body: { ip: '10.30.0.1', port: 1 } });
    const socket = await connect(baseUrl);
    sockets.push(socket);
    const ack = await subscribe(socket, { kind: 'service', ...key });
    expect(ack.ok).toBe(true);
    const snapshot = (ack as { snapshot: InstanceListView }).snapshot;
    expect(snapshot.instances.map((i) => i.ip)).toEqual(['10.30.0.1']);

    const steps: [string, () => Promise<unknown>][] = [
      ['registered', () => nacosForm(baseUrl, 'POST', '/nacos/v1/ns/instance', { serviceName: key.serviceName, ip: '10.30.0.2', port: 1 })],
      ['updated', () => call(baseUrl, E.updateInstance, { params: { ...key, clusterName: 'DEFAULT', ip: '10.30.0.2', port: 1 }, body: { weight: 9, tags: ['canary'] } })],
      ['deregistered', () => call(baseUrl, E.deregisterInstance, { params: { ...key, clusterName: 'DEFAULT', ip: '10.30.0.1', port: 1 } })],
    ];
    let revision = snapshot.revision;
    for (const [change, act] of steps) {
      const delta = waitForEvent(socket, 'service.instancesChanged', (e) => e.change === change, 10_000);
      await act();
      const [event] = await delta;
      expect(event.service).toEqual(key);
      expect(event.revision).toBeGreaterThan(revision);
      revision = event.revision;
    }
  });

  it('should keep a disabled instance in the snapshot (the operator can enable it again) but out of discovery', async () => {
    const key = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: uniqueId('off') };
    await call(baseUrl, E.registerInstance, { params: key, body: { ip: '10.31.0.1', port: 1 } });
    await call(baseUrl, E.registerInstance, { params: key, body: { ip: '10.31.0.2', port: 1 } });
    await call(baseUrl, E.updateInstance, { params: { ...key, clusterName: 'DEFAULT', ip: '10.31.0.2', port: 1 }, body: { enabled: false } });
    const socket = await connect(baseUrl);
    sockets.push(socket);
    const ack = await subscribe(socket, { kind: 'service', ...key });
    const snapshot = (ack as { snapshot: InstanceListView }).snapshot;
    expect(snapshot.instances.map((i) => [i.ip, i.enabled])).toEqual([
      ['10.31.0.1', true],
      ['10.31.0.2', false],
    ]);
    const discovery = await call(baseUrl, E.listInstances, { params: key });
    expect(discovery.body.instances.map((i) => i.ip)).toEqual(['10.31.0.1']);
  });

  it('should keep two services apart and push service summaries to the namespace topic', async () => {
    const a = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: uniqueId('a') };
    const b = { ...a, serviceName: uniqueId('b') };
    const socket = await connect(baseUrl);
    sockets.push(socket);
    await subscribe(socket, { kind: 'service', ...a });
    const services = await subscribe(socket, { kind: 'services', namespaceId: 'public' });
    expect(Array.isArray((services as { snapshot: ServiceSummaryView[] }).snapshot)).toBe(true);
    const wrong: unknown[] = [];
    socket.on('service.instancesChanged', (e) => {
      if (e.service.serviceName === b.serviceName) wrong.push(e);
    });
    const summary = waitForEvent(socket, 'service.changed', (e) => e.service.serviceName === b.serviceName && e.service.instanceCount === 1, 10_000);
    await call(baseUrl, E.registerInstance, { params: b, body: { ip: '10.31.0.1', port: 1 } });
    const [event] = await summary;
    expect(event.service).toMatchObject({ ...b, instanceCount: 1, healthyInstanceCount: 1 });
    const own = waitForEvent(socket, 'service.instancesChanged', (e) => e.service.serviceName === a.serviceName, 10_000);
    await call(baseUrl, E.registerInstance, { params: a, body: { ip: '10.31.0.2', port: 1 } });
    await own;
    expect(wrong).toEqual([]);
  });

  it('should treat registering an unchanged instance again as a beat (no event), and a changed one as an update', async () => {
    const key = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: uniqueId('again') };
    const body = { ip: '10.32.0.1', port: 1, weight: 2, metadata: { v: '1' } };
    await call(baseUrl, E.registerInstance, { params: key, body });
    const socket = await connect(baseUrl);
    sockets.push(socket);
    await subscribe(socket, { kind: 'service', ...key });
    const seen: string[] = [];
    socket.on('service.instancesChanged', (e) => seen.push(`${e.change}:${e.instance.weight}`));
    expect((await call(baseUrl, E.registerInstance, { params: key, body })).status).toBe(201);
    const updated = waitForEvent(socket, 'service.instancesChanged', (e) => e.change === 'updated', 10_000);
    await call(baseUrl, E.registerInstance, { params: key, body: { ...body, weight: 3 } });
    await updated;
    expect(seen).toEqual(['updated:3']);
    const address = { ...key, clusterName: 'DEFAULT', ip: '10.32.0.1', port: 1 };
    expect((await call(baseUrl, E.getInstance, { params: address })).body).toMatchObject({ weight: 3, metadata: { v: '1' } });
  });

  it('should refuse a malformed service topic', async () => {
    const socket = await connect(baseUrl);
    sockets.push(socket);
    expect(await subscribe(socket, { kind: 'service', namespaceId: 'public' } as never)).toMatchObject({ ok: false, error: { code: 'TOPIC_NOT_FOUND' } });
  });
});
