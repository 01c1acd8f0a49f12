import { describe, expect, it } from 'vitest';
import type { ServiceSummaryView } from '@switchboard/shared';
import {
  applyServiceChanged,
  filterServices,
  groupsOf,
  serviceRowKey,
  sortServices,
  summaryReachesThreshold,
} from './service-list';

function svc(serviceName: string, overrides: Partial<ServiceSummaryView> = {}): ServiceSummaryView {
  return {
    namespaceId: 'public',
    groupName: 'DEFAULT_GROUP',
    serviceName,
    protectThreshold: 0,
    clusterCount: 1,
    instanceCount: 2,
    healthyInstanceCount: 2,
    ...overrides,
  };
}

const at = '2026-01-01T00:00:00.000Z';
const names = (items: ServiceSummaryView[]) => items.map(serviceRowKey);
const seeded = sortServices([
  svc('orders'),
  svc('billing'),
  svc('orders', { groupName: 'A_GROUP' }),
]);

describe('service list', () => {
  it('should sort by service name, then group', () => {
    expect(names(seeded)).toEqual([
      'DEFAULT_GROUP@@billing',
      'A_GROUP@@orders',
      'DEFAULT_GROUP@@orders',
    ]);
  });

  it('should add a created service and replace an updated one in place', () => {
    const created = applyServiceChanged(seeded, { change: 'created', service: svc('cart'), at });
    expect(names(created)).toEqual([
      'DEFAULT_GROUP@@billing',
      'DEFAULT_GROUP@@cart',
      'A_GROUP@@orders',
      'DEFAULT_GROUP@@orders',
    ]);
    const updated = applyServiceChanged(created, {
      change: 'updated',
      service: svc('cart', { healthyInstanceCount: 1 }),
      at,
    });
    expect(updated).toHaveLength(4);
    expect(updated.find((s) => s.serviceName === 'cart')?.healthyInstanceCount).toBe(1);
  });

  it('should remove a deleted service and ignore the delete of one it does not show', () => {
    const removed = applyServiceChanged(seeded, { change: 'deleted', service: svc('billing'), at });
    expect(names(removed)).toEqual(['A_GROUP@@orders', 'DEFAULT_GROUP@@orders']);
    expect(applyServiceChanged(removed, { change: 'deleted', service: svc('billing'), at })).toBe(
      removed,
    );
  });

  it('should filter by name substring without case, by exact group and by emptiness', () => {
    const items = [...seeded, svc('idle', { instanceCount: 0, healthyInstanceCount: 0 })];
    expect(names(filterServices(items, { query: ' ORD ' }))).toEqual([
      'A_GROUP@@orders',
      'DEFAULT_GROUP@@orders',
    ]);
    expect(names(filterServices(items, { query: 'ord', group: 'A_GROUP' }))).toEqual([
      'A_GROUP@@orders',
    ]);
    expect(filterServices(items, { query: '' })).toHaveLength(4);
    expect(names(filterServices(items, { query: '', hideEmpty: true }))).not.toContain(
      'DEFAULT_GROUP@@idle',
    );
  });

  it('should list each group once, sorted', () => {
    expect(groupsOf(seeded)).toEqual(['A_GROUP', 'DEFAULT_GROUP']);
  });

  it('should tell when the healthy share is at or below the protect threshold', () => {
    expect(summaryReachesThreshold(svc('a', { healthyInstanceCount: 0 }))).toBe(true);
    expect(summaryReachesThreshold(svc('a', { healthyInstanceCount: 1 }))).toBe(false);
    expect(
      summaryReachesThreshold(svc('a', { healthyInstanceCount: 1, protectThreshold: 0.5 })),
    ).toBe(true);
    expect(summaryReachesThreshold(svc('a', { instanceCount: 0, healthyInstanceCount: 0 }))).toBe(
      false,
    );
  });
});
