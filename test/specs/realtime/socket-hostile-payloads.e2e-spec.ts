import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type RealtimeSocket } from '../../support/realtime';

// socket.io messages carry no body schema: a registration whose fields have the wrong types is
// refused in its acknowledgement, naming the field, as the HTTP API refuses it.
describe('socket.io registration with fields of the wrong type', () => {
  let socket: RealtimeSocket;
  const service = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: 'socket-hostile' };
  const instance = { ip: '127.0.0.1', port: 8080 };

  beforeAll(async () => {
    socket = await connect(inject('baseUrl'));
  });
  afterAll(() => {
    socket.close();
  });

  const cases: [string, unknown, string][] = [
    ['an instance that is text', 'x', 'instance'],
    ['an ip that is null', { ...instance, ip: null }, 'instance.ip'],
    ['a port that is text', { ...instance, port: '8080' }, 'instance.port'],
    ['metadata that is null', { ...instance, metadata: null }, 'instance.metadata'],
    ['tags that are text', { ...instance, tags: 'canary' }, 'instance.tags'],
    ['tags that are null', { ...instance, tags: null }, 'instance.tags'],
  ];
  for (const [name, payload, field] of cases) {
    it(`should refuse ${name}, naming ${field}`, async () => {
      const ack = await socket.timeout(5_000).emitWithAck('instance.register', { service, instance: payload } as never);
      expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field })] } });
    });
  }

  it('should refuse a deregistration without an instance, naming it', async () => {
    const ack = await socket.timeout(5_000).emitWithAck('instance.deregister', { service, instance: null } as never);
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'instance' })] } });
  });
});
