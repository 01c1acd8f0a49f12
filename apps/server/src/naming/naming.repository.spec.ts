import 'reflect-metadata';
import { beforeEach, expect, it } from 'vitest';
import { DatabaseWriter } from '../database/database-writer';
import { describeOnEachDatabase } from '../database/testing/test-databases';
import { PersistentInstanceEntity } from './domain/persistent-instance.entity';
import { ServiceEntity } from './domain/service.entity';
import { NamingRepository } from './naming.repository';

const at = new Date('2026-05-06T07:08:09.010Z');
const key = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: 'orders-服务' };

function service(serviceName = key.serviceName): ServiceEntity {
  return Object.assign(new ServiceEntity(), {
    ...key,
    serviceName,
    protectThreshold: 0.35,
    metadata: { team: 'α' },
    clusters: [{ name: 'WEB', healthCheck: { type: 'HTTP', path: '/h' }, metadata: {} }],
    createdAt: at,
    updatedAt: at,
  });
}

function instance(overrides: Partial<PersistentInstanceEntity> = {}): PersistentInstanceEntity {
  return Object.assign(new PersistentInstanceEntity(), {
    ...key,
    clusterName: 'WEB',
    ip: 'fe80::1ff:fe23:4567:890a',
    port: 8080,
    weight: 2.5,
    enabled: true,
    healthy: false,
    metadata: { v: '1', long: 'x'.repeat(70_000) },
    tags: ['canary'],
    createdAt: at,
    updatedAt: at,
    ...overrides,
  });
}

describeOnEachDatabase('NamingRepository', [ServiceEntity, PersistentInstanceEntity], (db) => {
  let repository: NamingRepository;
  beforeEach(() => {
    repository = new NamingRepository(db.dataSource, new DatabaseWriter(db.dataSource));
  });

  it('should store services with JSON fields, fractional thresholds and exact times', async () => {
    await repository.insertService(service());
    const [found] = (await repository.findAllServices()).filter((s) => s.serviceName === key.serviceName);
    expect(found).toEqual(service());
    await repository.updateService({ ...service(), protectThreshold: 0.9 });
    expect((await repository.findAllServices()).find((s) => s.serviceName === key.serviceName)?.protectThreshold).toBe(0.9);
    expect(await repository.deleteService(key)).toBe(true);
    expect(await repository.deleteService(key)).toBe(false);
  });

  it('should upsert persistent instances by their full identity and delete them', async () => {
    await repository.savePersistentInstance(instance());
    await repository.savePersistentInstance(instance({ weight: 9, healthy: true }));
    await repository.savePersistentInstance(instance({ port: 8081 }));
    const rows = (await repository.findAllPersistentInstances()).sort((a, b) => a.port - b.port);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(instance({ weight: 9, healthy: true }));
    expect(await repository.countPersistentInstancesOfNamespace('public')).toBe(2);
    await repository.deletePersistentInstance(key, 'WEB', 'fe80::1ff:fe23:4567:890a', 8080);
    expect((await repository.findAllPersistentInstances()).map((r) => r.port)).toEqual([8081]);
  });
});
