import { describe, expect, it } from 'vitest';
import type { InstancesChangedEvent, InstanceView } from '@switchboard/shared';
import {
  applyInstancesChanged,
  initInstanceList,
  pendingEdits,
  protectionOf,
  withLocalEdits,
  type LocalEdit,
} from './instance-list';

const service = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: 'orders' };

function inst(ip: string, port = 8080, overrides: Partial<InstanceView> = {}): InstanceView {
  const clusterName = overrides.clusterName ?? 'DEFAULT';
  return {
    instanceId: `${ip}#${port}#${clusterName}#DEFAULT_GROUP@@orders`,
    ip,
    port,
    clusterName,
    weight: 1,
    healthy: true,
    enabled: true,
    ephemeral: true,
    metadata: {},
    tags: [],
    lastHeartbeatAt: '2026-01-01T00:00:00.000Z',
    registeredAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const event = (
  change: InstancesChangedEvent['change'],
  instance: InstanceView,
  revision: number,
): InstancesChangedEvent => ({
  service,
  change,
  instance,
  revision,
  at: '2026-01-01T00:00:01.000Z',
});

const seeded = initInstanceList({
  service,
  instances: [inst('10.0.0.10'), inst('10.0.0.9'), inst('10.0.0.1', 80, { clusterName: 'BJ' })],
  reachProtectionThreshold: false,
  revision: 5,
});
const ips = (items: InstanceView[]) => items.map((i) => `${i.clusterName}/${i.ip}:${i.port}`);

describe('instance list', () => {
  it('should sort by cluster, then numerically by address', () => {
    expect(ips(seeded.instances)).toEqual([
      'BJ/10.0.0.1:80',
      'DEFAULT/10.0.0.9:8080',
      'DEFAULT/10.0.0.10:8080',
    ]);
    expect(seeded.revision).toBe(5);
  });

  it('should add registered instances and replace updated or health-changed ones', () => {
    const registered = applyInstancesChanged(seeded, event('registered', inst('10.0.0.2'), 6));
    expect(ips(registered.instances)).toContain('DEFAULT/10.0.0.2:8080');
    const sick = applyInstancesChanged(
      registered,
      event('healthChanged', inst('10.0.0.9', 8080, { healthy: false }), 7),
    );
    expect(sick.instances.find((i) => i.ip === '10.0.0.9')?.healthy).toBe(false);
    expect(sick.instances).toHaveLength(4);
    expect(sick.revision).toBe(7);
  });

  it('should remove deregistered and expired instances', () => {
    const once = applyInstancesChanged(seeded, event('expired', inst('10.0.0.9'), 6));
    const twice = applyInstancesChanged(once, event('deregistered', inst('10.0.0.10'), 7));
    expect(ips(twice.instances)).toEqual(['BJ/10.0.0.1:80']);
  });

  it('should ignore events the snapshot already holds', () => {
    expect(applyInstancesChanged(seeded, event('expired', inst('10.0.0.9'), 5))).toBe(seeded);
    expect(applyInstancesChanged(seeded, event('registered', inst('10.0.0.7'), 4))).toBe(seeded);
  });

  it('should show a confirmed edit until the list moves past it', () => {
    const id = inst('10.0.0.9').instanceId;
    const edits: LocalEdit[] = [
      { instanceId: id, snapshot: seeded.snapshot, revision: 5, patch: { weight: 7 } },
    ];
    expect(withLocalEdits(seeded, edits).find((i) => i.instanceId === id)?.weight).toBe(7);
    // The event of the change carries the server's state and retires the edit.
    const next = applyInstancesChanged(
      seeded,
      event('updated', inst('10.0.0.9', 8080, { weight: 7 }), 6),
    );
    expect(pendingEdits(edits, next)).toEqual([]);
    expect(withLocalEdits(next, edits)).toBe(next.instances);
  });

  it('should hide a deregistered instance at once and drop edits of an older snapshot', () => {
    const id = inst('10.0.0.10').instanceId;
    const removal: LocalEdit = {
      instanceId: id,
      snapshot: seeded.snapshot,
      revision: 5,
      removed: true,
    };
    expect(ips(withLocalEdits(seeded, [removal]))).not.toContain('DEFAULT/10.0.0.10:8080');
    const fresh = initInstanceList({
      service,
      instances: seeded.instances,
      reachProtectionThreshold: false,
      revision: 1,
    });
    expect(fresh.snapshot).not.toBe(seeded.snapshot);
    expect(withLocalEdits(fresh, [removal])).toBe(fresh.instances);
  });

  it('should count only enabled instances for the protect threshold', () => {
    const items = [
      inst('a'),
      inst('b', 1, { healthy: false }),
      inst('c', 1, { healthy: false, enabled: false }),
    ];
    expect(protectionOf(items, 0)).toEqual({ reached: false, healthy: 1, total: 2 });
    expect(protectionOf(items, 0.5)).toEqual({ reached: true, healthy: 1, total: 2 });
    expect(protectionOf([], 1).reached).toBe(false);
    expect(protectionOf([inst('b', 1, { healthy: false })], 0).reached).toBe(true);
  });
});
