import { CONFIG_CENTER_ENDPOINTS as C, NAMESPACES_ENDPOINTS, NAMING_ENDPOINTS as N, OVERVIEW_ENDPOINTS as O, type OverviewView } from '@switchboard/shared';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { connect, subscribe, waitForEvent, type RealtimeSocket } from '../../support/realtime';
import { bearer, createUser } from '../../support/users';

const baseUrl = inject('baseUrl');

describe('the overview', () => {
  const sockets: RealtimeSocket[] = [];
  afterAll(() => sockets.forEach((s) => s.close()));

  it('should count services, instances, configs and canaries per readable namespace, with recent changes, live', async () => {
    const namespaceId = uniqueId('ovw');
    await call(baseUrl, NAMESPACES_ENDPOINTS.createNamespace, { body: { namespaceId, name: 'Overview' } });
    const service = { namespaceId, groupName: 'DEFAULT_GROUP', serviceName: 'orders' };
    await call(baseUrl, N.registerInstance, { params: service, body: { ip: '10.0.0.1', port: 80, ephemeral: false } });
    await call(baseUrl, N.registerInstance, { params: service, body: { ip: '10.0.0.2', port: 80, healthy: false } });
    const key = { namespaceId, group: 'DEFAULT_GROUP', dataId: 'orders.yaml' };
    await call(baseUrl, C.publishConfig, { params: key, body: { content: 'a: 1\n', type: 'yaml' } });
    await call(baseUrl, C.startCanary, { params: key, body: { content: 'a: 2\n', target: { weight: 10 } } });

    const overview = (await call(baseUrl, O.getOverview)).body;
    expect(overview.namespaces.find((n) => n.namespaceId === namespaceId)).toEqual({ namespaceId, name: 'Overview', services: 1, instances: 2, healthyInstances: 1, configs: 1, activeCanaries: 1, sdkConnections: 0 });
    expect(overview.totals.namespaces).toBe(overview.namespaces.length);
    expect(overview.totals.configs).toBe(overview.namespaces.reduce((sum, n) => sum + n.configs, 0));
    expect(overview.recentChanges[0]).toMatchObject({ action: 'canary.started', namespaceId, actor: 'admin' });

    // A user who reads only this namespace sees only it, and no changes outside it.
    const reader = await createUser(baseUrl, inject('adminToken'), [{ namespaceId, action: 'read' }]);
    const own = (await call(baseUrl, O.getOverview, { headers: bearer(reader.token) })).body;
    expect(own.namespaces.map((n) => n.namespaceId)).toEqual([namespaceId]);
    expect(own.recentChanges.every((c) => c.namespaceId === namespaceId)).toBe(true);
    expect(own.recentChanges.length).toBeGreaterThan(0);

    const socket = await connect(baseUrl, reader.token);
    sockets.push(socket);
    const ack = await subscribe(socket, { kind: 'overview' });
    expect(ack.ok && (ack.snapshot as OverviewView).namespaces.map((n) => n.namespaceId)).toEqual([namespaceId]);
    const next = waitForEvent(socket, 'overview.changed', (e) => e.overview.namespaces[0]?.configs === 2, 10_000);
    await call(baseUrl, C.publishConfig, { params: { ...key, dataId: 'billing.yaml' }, body: { content: 'b: 1\n', type: 'yaml' } });
    const [event] = await next;
    expect(event.overview.recentChanges[0]).toMatchObject({ action: 'config.publish', target: 'DEFAULT_GROUP/billing.yaml' });
  });
});
