import { AUTH_ENDPOINTS, NAMING_ENDPOINTS as E } from '@switchboard/shared';
import { describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { connect, subscribe, waitForEvent } from '../../support/realtime';
import { eventually } from '../../support/wait';

const baseUrl = inject('baseUrl');

describe('instances registered over socket.io', () => {
  it('should live without heartbeats while the connection is open and vanish when it closes', async () => {
    const service = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: uniqueId('sock') };
    const owner = await connect(baseUrl);
    const watcher = await connect(baseUrl);
    try {
      await subscribe(watcher, { kind: 'service', ...service });
      const ack = await owner.timeout(10_000).emitWithAck('instance.register', { service, instance: { ip: '127.0.0.5', port: 7001, tags: ['canary'] } });
      expect(ack).toMatchObject({ ok: true, instance: { ip: '127.0.0.5', port: 7001, ephemeral: true, tags: ['canary'], lastHeartbeatAt: null } });
      const bad = await owner.timeout(10_000).emitWithAck('instance.register', { service, instance: { ip: '127.0.0.5', port: 0 } });
      expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect((await call(baseUrl, E.listInstances, { params: service })).body.instances).toHaveLength(1);
      const gone = waitForEvent(watcher, 'service.instancesChanged', (e) => e.change === 'deregistered', 10_000);
      owner.disconnect();
      await gone;
      expect((await call(baseUrl, E.listInstances, { params: service })).body.instances).toEqual([]);
      // The audit trail names the connection's user for its registration, the system for the
      // removal that followed the disconnect.
      await eventually(async () => {
        const audit = await call(baseUrl, AUTH_ENDPOINTS.listAudit, { query: { targetType: 'instance', pageSize: 200 } });
        const rows = audit.body.items.filter((e) => e.target === `DEFAULT_GROUP@@${service.serviceName} DEFAULT 127.0.0.5:7001`).map((e) => [e.action, e.actor, e.sourceIp]);
        expect(rows).toEqual([
          ['instance.deregistered', 'system', ''],
          ['instance.registered', 'admin', '127.0.0.1'],
        ]);
      });
    } finally {
      owner.disconnect();
      watcher.disconnect();
    }
  });
});
