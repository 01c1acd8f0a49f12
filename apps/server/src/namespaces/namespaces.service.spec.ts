import type { Settings } from '../settings/settings';
import 'reflect-metadata';
import { KnownNamespaces } from '../auth/known-namespaces';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseWriter } from '../database/database-writer';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { DomainEvents } from '../common/events/domain-events';
import { createTestDatabase, openMigratedDataSource } from '../database/testing/test-databases';
import type { NamespaceChanged } from './domain/namespace.events';
import { NamespaceRepository } from './namespace.repository';
import { Replication } from '../cluster/replication';
import { NamespacesService } from './namespaces.service';
import { NamespaceEntity } from './domain/namespace.entity';

const CALLER = { user: 'ana', sourceIp: '10.0.0.9' };

class FixedClock extends Clock {
  constructor(private time = new Date('2026-03-01T00:00:00.000Z')) {
    super();
  }
  override now(): Date {
    return this.time;
  }
  advance(ms: number): void {
    this.time = new Date(this.time.getTime() + ms);
  }
}

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<string | undefined> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return error instanceof DomainError ? error.code : `non-domain: ${String(error)}`;
  }
  return undefined;
}

describe(NamespacesService.name, () => {
  let dataSource: DataSource;
  let service: NamespacesService;
  let events: NamespaceChanged[];
  let clock: FixedClock;

  beforeEach(async () => {
    dataSource = await openMigratedDataSource(await createTestDatabase('sqlite'), [NamespaceEntity]);
    const bus = new DomainEvents();
    events = [];
    bus.on('namespace.changed', (event) => events.push(event));
    clock = new FixedClock();
    service = new NamespacesService(new NamespaceRepository(dataSource, new DatabaseWriter(dataSource)), bus, clock, Replication.standalone(), new KnownNamespaces(), { auth: { enabled: true } } as Settings);
    await service.onModuleInit();
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  describe('onModuleInit', () => {
    it('should make sure the built-in public namespace exists', async () => {
      expect(service.list().map((n) => n.namespaceId)).toEqual(['public']);
      expect(await new NamespaceRepository(dataSource, new DatabaseWriter(dataSource)).findById('public')).not.toBeNull();
    });
  });

  describe('create', () => {
    it('should store the namespace, index it and emit created after the commit', async () => {
      const created = await service.create({ namespaceId: 'dev', name: ' Dev ', description: 'd', configQuota: 10 }, CALLER);
      expect(created).toMatchObject({ namespaceId: 'dev', name: 'Dev', description: 'd', configQuota: 10 });
      expect(await new NamespaceRepository(dataSource, new DatabaseWriter(dataSource)).findById('dev')).toMatchObject({ name: 'Dev' });
      expect(events).toEqual([{ change: 'created', namespace: created, caller: CALLER, at: clock.now() }]);
      expect(service.get('dev')).toBe(created);
    });

    it('should generate a UUID id when none is given', async () => {
      const created = await service.create({ name: 'generated' }, CALLER);
      expect(created.namespaceId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('should refuse duplicates, including the built-in id, without emitting', async () => {
      await service.create({ namespaceId: 'dup', name: 'a' }, CALLER);
      events.length = 0;
      expect(await codeOf(service.create({ namespaceId: 'dup', name: 'b' }, CALLER))).toBe('NAMESPACE_ALREADY_EXISTS');
      expect(await codeOf(service.create({ namespaceId: 'public', name: 'b' }, CALLER))).toBe('NAMESPACE_ALREADY_EXISTS');
      expect(events).toEqual([]);
    });

    it('should let exactly one of two concurrent creates of the same id win', async () => {
      const results = await Promise.allSettled([service.create({ namespaceId: 'race', name: 'a' }, CALLER), service.create({ namespaceId: 'race', name: 'b' }, CALLER)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((rejected.reason as DomainError).code).toBe('NAMESPACE_ALREADY_EXISTS');
    });

    it('should name every invalid field', async () => {
      const error = await service.create({ namespaceId: 'bad id!', name: 'a@b', description: 'x'.repeat(257), configQuota: -1 }, CALLER).catch((e: DomainError) => e);
      expect((error as DomainError).code).toBe('VALIDATION_FAILED');
      expect(((error as DomainError).details as { field: string }[]).map((d) => d.field)).toEqual(['namespaceId', 'name', 'description', 'configQuota']);
    });
  });

  describe('update', () => {
    it('should change the given fields, bump updatedAt and emit updated', async () => {
      await service.create({ namespaceId: 'dev', name: 'Dev' }, CALLER);
      clock.advance(1000);
      const updated = await service.update('dev', { description: 'new' }, CALLER);
      expect(updated).toMatchObject({ name: 'Dev', description: 'new' });
      expect(updated.updatedAt.getTime() - updated.createdAt.getTime()).toBe(1000);
      expect(events.at(-1)?.change).toBe('updated');
    });

    it('should refuse renaming public but allow its description and quota', async () => {
      expect(await codeOf(service.update('public', { name: 'other' }, CALLER))).toBe('NAMESPACE_PROTECTED');
      expect((await service.update('public', { name: 'public', description: 'main', configQuota: 500 }, CALLER)).configQuota).toBe(500);
    });

    it('should answer not found for an unknown id', async () => {
      expect(await codeOf(service.update('nope', { name: 'x' }, CALLER))).toBe('NAMESPACE_NOT_FOUND');
    });
  });

  describe('delete', () => {
    it('should remove the namespace and emit deleted with its last state', async () => {
      const created = await service.create({ namespaceId: 'gone', name: 'Gone' }, CALLER);
      await service.delete('gone', CALLER);
      expect(service.exists('gone')).toBe(false);
      expect(await new NamespaceRepository(dataSource, new DatabaseWriter(dataSource)).findById('gone')).toBeNull();
      expect(events.at(-1)).toMatchObject({ change: 'deleted', namespace: created });
    });

    it('should refuse deleting public and answer not found for unknown ids', async () => {
      expect(await codeOf(service.delete('public', CALLER))).toBe('NAMESPACE_PROTECTED');
      expect(await codeOf(service.delete('nope', CALLER))).toBe('NAMESPACE_NOT_FOUND');
    });
  });
});

describe('NamespacesService usage counters', () => {
  it('should refuse deleting a namespace that still holds something, naming what', async () => {
    const dataSource = await openMigratedDataSource(await createTestDatabase('sqlite'), [NamespaceEntity]);
    try {
      const service = new NamespacesService(new NamespaceRepository(dataSource, new DatabaseWriter(dataSource)), new DomainEvents(), new Clock(), Replication.standalone(), new KnownNamespaces(), { auth: { enabled: true } } as Settings);
      await service.onModuleInit();
      await service.create({ namespaceId: 'busy', name: 'Busy' }, CALLER);
      let services = 2;
      service.registerUsageCounter('services', (id) => (id === 'busy' ? services : 0));
      const error = await service.delete('busy', CALLER).catch((e: DomainError) => e);
      expect((error as DomainError).code).toBe('NAMESPACE_NOT_EMPTY');
      expect((error as DomainError).message).toContain('2 services');
      services = 0;
      await service.delete('busy', CALLER);
      expect(service.exists('busy')).toBe(false);
    } finally {
      await dataSource.destroy();
    }
  });
});
