import { NAMESPACES_ENDPOINTS, NAMING_ENDPOINTS as E } from '@switchboard/shared';
import { describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { errorBody } from '../../support/errors';

const baseUrl = inject('baseUrl');

describe('/api/v1 registry', () => {
  it('should create a service, register instances with tags, filter by tag, and update an instance', async () => {
    const serviceName = uniqueId('api');
    const created = await call(baseUrl, E.createService, {
      params: { namespaceId: 'public' },
      body: { serviceName, protectThreshold: 0.2, metadata: { owner: 'team-a' }, clusters: [{ name: 'EDGE', healthCheck: { type: 'HTTP', path: '/health' }, metadata: {} }] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName, protectThreshold: 0.2, instanceCount: 0 });
    const key = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName };
    const reg = await call(baseUrl, E.registerInstance, { params: key, body: { ip: '10.9.0.1', port: 80, tags: ['canary', 'canary', 'zone-a'], metadata: { v: '1' } } });
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({ ip: '10.9.0.1', port: 80, clusterName: 'DEFAULT', weight: 1, healthy: true, enabled: true, ephemeral: true, tags: ['canary', 'zone-a'] });
    await call(baseUrl, E.registerInstance, { params: key, body: { ip: '10.9.0.2', port: 80 } });
    const canaries = await call(baseUrl, E.listInstances, { params: key, query: { tags: 'canary' } });
    expect(canaries.body.instances.map((i) => i.ip)).toEqual(['10.9.0.1']);
    const address = { ...key, clusterName: 'DEFAULT', ip: '10.9.0.2', port: 80 };
    const updated = await call(baseUrl, E.updateInstance, { params: address, body: { weight: 50, tags: ['canary'], enabled: false } });
    expect(updated.body).toMatchObject({ weight: 50, tags: ['canary'], enabled: false });
    const visible = await call(baseUrl, E.listInstances, { params: key, query: { tags: 'canary' } });
    expect(visible.body.instances.map((i) => i.ip)).toEqual(['10.9.0.1']);
    const service = await call(baseUrl, E.getService, { params: key });
    expect(service.body).toMatchObject({ instanceCount: 2, healthyInstanceCount: 2, metadata: { owner: 'team-a' } });
    expect(service.body.clusters.map((c) => c.name).sort()).toEqual(['DEFAULT', 'EDGE']);
    expect((await call(baseUrl, E.heartbeat, { params: address })).body).toEqual({ clientBeatIntervalMs: 5000 });
    expect((await call(baseUrl, E.deregisterInstance, { params: address })).status).toBe(204);
    expect((await call(baseUrl, E.getInstance, { params: address })).status).toBe(404);
  });

  it('should search services by name with paging', async () => {
    const prefix = uniqueId('page');
    for (let i = 0; i < 5; i++) await call(baseUrl, E.createService, { params: { namespaceId: 'public' }, body: { serviceName: `${prefix}-${i}` } });
    const first = await call(baseUrl, E.listServices, { params: { namespaceId: 'public' }, query: { serviceName: prefix.toUpperCase(), pageNo: 1, pageSize: 2 } });
    expect(first.body).toMatchObject({ total: 5, pageNo: 1, pageSize: 2 });
    expect(first.body.items.map((s) => s.serviceName)).toEqual([`${prefix}-0`, `${prefix}-1`]);
    const last = await call(baseUrl, E.listServices, { params: { namespaceId: 'public' }, query: { serviceName: prefix, pageNo: 3, pageSize: 2 } });
    expect(last.body.items.map((s) => s.serviceName)).toEqual([`${prefix}-4`]);
    const empty = await call(baseUrl, E.listServices, { params: { namespaceId: 'public' }, query: { serviceName: prefix, hideEmpty: true } });
    expect(empty.body).toMatchObject({ total: 0, items: [] });
  });

  it('should refuse deleting a namespace that still holds services', async () => {
    const namespaceId = uniqueId('nsvc');
    await call(baseUrl, NAMESPACES_ENDPOINTS.createNamespace, { body: { namespaceId, name: 'with services' } });
    await call(baseUrl, E.registerInstance, { params: { namespaceId, groupName: 'DEFAULT_GROUP', serviceName: 'held' }, body: { ip: '10.9.9.9', port: 1 } });
    const refused = await call(baseUrl, NAMESPACES_ENDPOINTS.deleteNamespace, { params: { namespaceId } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject(errorBody('NAMESPACE_NOT_EMPTY', '1 services'));
    await call(baseUrl, E.deregisterInstance, { params: { namespaceId, groupName: 'DEFAULT_GROUP', serviceName: 'held', clusterName: 'DEFAULT', ip: '10.9.9.9', port: 1 } });
    await call(baseUrl, E.deleteService, { params: { namespaceId, groupName: 'DEFAULT_GROUP', serviceName: 'held' } });
    expect((await call(baseUrl, NAMESPACES_ENDPOINTS.deleteNamespace, { params: { namespaceId } })).status).toBe(204);
  });

  it('should answer 4xx naming the field for bad input and unknown things', async () => {
    const key = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: uniqueId('bad') };
    const bad = await call(baseUrl, E.registerInstance, { params: key, body: { ip: 'not an ip', port: 70000, weight: -1, tags: ['has space'] } });
    expect(bad.status).toBe(400);
    expect((bad.body.details as { field: string }[]).map((d) => d.field)).toEqual(['ip', 'port', 'weight', 'tags']);
    const threshold = await call(baseUrl, E.createService, { params: { namespaceId: 'public' }, body: { serviceName: uniqueId('t'), protectThreshold: 2 } });
    expect(threshold.status).toBe(400);
    expect(threshold.body.details).toEqual([expect.objectContaining({ field: 'protectThreshold', rule: 'range' })]);
    expect((await call(baseUrl, E.getService, { params: key })).body).toMatchObject(errorBody('SERVICE_NOT_FOUND', 'serviceName'));
    const ns = await call(baseUrl, E.listServices, { params: { namespaceId: 'no-such-namespace' } });
    expect(ns.status).toBe(404);
    expect(ns.body.code).toBe('NAMESPACE_NOT_FOUND');
    const port = await call(baseUrl, E.getInstance, { params: { ...key, clusterName: 'DEFAULT', ip: '1.1.1.1', port: 'x' } });
    expect(port.status).toBe(400);
  });
});
