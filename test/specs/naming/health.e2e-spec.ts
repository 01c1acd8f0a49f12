import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { NAMING_ENDPOINTS as E, type InstancesChangedEvent } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, nacosForm } from '../../support/api';
import { connect, subscribe, waitForEvent } from '../../support/realtime';
import { freePort, removeDir, startServer, tempDataDir, type RunningServer } from '../../support/server';
import { eventually, repeatEvery } from '../../support/wait';

const PROBE_INTERVAL_MS = 300;
const SHORT = {
  NAMING_HEARTBEAT_INTERVAL_MS: '200',
  NAMING_UNHEALTHY_AFTER_MS: '600',
  NAMING_EXPIRE_AFTER_MS: '1200',
  NAMING_SWEEP_INTERVAL_MS: '100',
  NAMING_PROBE_INTERVAL_MS: String(PROBE_INTERVAL_MS),
  NAMING_PROBE_TIMEOUT_MS: '200',
};

function listen(server: TcpServer | HttpServer, port: number): Promise<void> {
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
}
function close(server: TcpServer | HttpServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}

describe('instance health', () => {
  const dataDir = tempDataDir('switchboard-health-');
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ dataDir, env: SHORT });
  });
  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  it('should mark a silent ephemeral instance unhealthy, then remove it, pushing both', async () => {
    const key = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: 'silent' };
    const socket = await connect(server.baseUrl);
    try {
      await subscribe(socket, { kind: 'service', ...key });
      const changes: InstancesChangedEvent[] = [];
      socket.on('service.instancesChanged', (e) => changes.push(e));
      const expired = waitForEvent(socket, 'service.instancesChanged', (e) => e.change === 'expired', 10_000);
      await call(server.baseUrl, E.registerInstance, { params: key, body: { ip: '127.0.0.1', port: 1 } });
      await expired;
      expect(changes.map((c) => [c.change, c.instance.healthy])).toEqual([
        ['registered', true],
        ['healthChanged', false],
        ['expired', false],
      ]);
      expect((await call(server.baseUrl, E.listInstances, { params: key })).body.instances).toEqual([]);
    } finally {
      socket.disconnect();
    }
  });

  it('should keep a beating instance healthy past the timeouts', async () => {
    const key = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: 'beating' };
    const address = { ...key, clusterName: 'DEFAULT', ip: '127.0.0.1', port: 2 };
    const socket = await connect(server.baseUrl);
    try {
      await subscribe(socket, { kind: 'service', ...key });
      const changes: InstancesChangedEvent[] = [];
      socket.on('service.instancesChanged', (e) => changes.push(e));
      // A silent instance registered after the beating one: once the sweep has expired it, the
      // beating one has outlived both timeouts as well.
      const silentExpired = waitForEvent(socket, 'service.instancesChanged', (e) => e.change === 'expired' && e.instance.port === 3, 10_000);
      await call(server.baseUrl, E.registerInstance, { params: key, body: { ip: '127.0.0.1', port: 2 } });
      const beats = repeatEvery(200, async () => expect((await call(server.baseUrl, E.heartbeat, { params: address })).status).toBe(200));
      try {
        await call(server.baseUrl, E.registerInstance, { params: key, body: { ip: '127.0.0.1', port: 3 } });
        await silentExpired;
      } finally {
        await beats.stop();
      }
      // Never unhealthy in between either: a flip would have been pushed before the expiry.
      expect(changes.filter((c) => c.instance.port === 2).map((c) => c.change)).toEqual(['registered']);
      expect((await call(server.baseUrl, E.getInstance, { params: address })).body.healthy).toBe(true);
    } finally {
      socket.disconnect();
    }
  });

  it('should probe a persistent instance over TCP: unhealthy when the listener stops, healthy when it is back', async () => {
    const port = await freePort();
    let probes = 0;
    let listener = createTcpServer((s) => {
      probes += 1;
      s.end();
    });
    await listen(listener, port);
    const key = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: 'tcp-probed' };
    const address = { ...key, clusterName: 'DEFAULT', ip: '127.0.0.1', port };
    await call(server.baseUrl, E.registerInstance, { params: key, body: { ip: '127.0.0.1', port, ephemeral: false } });
    // Probe rounds never overlap: once a second probe connects, the first one's verdict is in.
    await eventually(() => expect(probes).toBeGreaterThanOrEqual(2), PROBE_INTERVAL_MS * 4 + 1_000);
    expect((await call(server.baseUrl, E.getInstance, { params: address })).body.healthy).toBe(true);
    await close(listener);
    await eventually(async () => expect((await call(server.baseUrl, E.getInstance, { params: address })).body.healthy).toBe(false), PROBE_INTERVAL_MS * 2 + 300);
    listener = createTcpServer((s) => s.end());
    await listen(listener, port);
    await eventually(async () => expect((await call(server.baseUrl, E.getInstance, { params: address })).body.healthy).toBe(true), PROBE_INTERVAL_MS * 2 + 300);
    await close(listener);
  });

  it('should probe over HTTP on the cluster path and status', async () => {
    const port = await freePort();
    let status = 200;
    const http = createHttpServer((req, res) => {
      res.statusCode = req.url === '/healthz' ? status : 404;
      res.end();
    });
    await listen(http, port);
    try {
      const key = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: 'http-probed' };
      await call(server.baseUrl, E.createService, { params: { namespaceId: 'public' }, body: { serviceName: key.serviceName, clusters: [{ name: 'WEB', healthCheck: { type: 'HTTP', path: '/healthz' }, metadata: {} }] } });
      const address = { ...key, clusterName: 'WEB', ip: '127.0.0.1', port };
      await call(server.baseUrl, E.registerInstance, { params: key, body: { ip: '127.0.0.1', port, clusterName: 'WEB', ephemeral: false } });
      status = 503;
      await eventually(async () => expect((await call(server.baseUrl, E.getInstance, { params: address })).body.healthy).toBe(false), PROBE_INTERVAL_MS * 2 + 300);
      status = 200;
      await eventually(async () => expect((await call(server.baseUrl, E.getInstance, { params: address })).body.healthy).toBe(true), PROBE_INTERVAL_MS * 2 + 300);
    } finally {
      await close(http);
    }
  });

  it('should keep persistent instances across a restart, drop ephemeral ones, and let them register again after a 20404 beat', async () => {
    const key = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: 'restart' };
    await call(server.baseUrl, E.createService, { params: { namespaceId: 'public' }, body: { serviceName: 'restart', clusters: [{ name: 'DEFAULT', healthCheck: { type: 'NONE' }, metadata: {} }] } });
    await call(server.baseUrl, E.registerInstance, { params: key, body: { ip: '127.0.0.1', port: 10, ephemeral: false, weight: 5, tags: ['canary'] } });
    await call(server.baseUrl, E.registerInstance, { params: key, body: { ip: '127.0.0.1', port: 11 } });
    await server.stop();
    server = await startServer({ dataDir, env: SHORT });
    const after = await call(server.baseUrl, E.listInstances, { params: key });
    expect(after.body.instances).toEqual([expect.objectContaining({ port: 10, ephemeral: false, weight: 5, tags: ['canary'] })]);
    const beat = await nacosForm(server.baseUrl, 'PUT', '/nacos/v1/ns/instance/beat', { serviceName: 'DEFAULT_GROUP@@restart', ip: '127.0.0.1', port: 11 });
    expect(beat.json()).toMatchObject({ code: 20404 });
    expect((await nacosForm(server.baseUrl, 'POST', '/nacos/v1/ns/instance', { serviceName: 'restart', ip: '127.0.0.1', port: 11 })).text).toBe('ok');
    const again = await nacosForm(server.baseUrl, 'PUT', '/nacos/v1/ns/instance/beat', { serviceName: 'DEFAULT_GROUP@@restart', ip: '127.0.0.1', port: 11 });
    expect(again.json()).toMatchObject({ code: 10200 });
  });
});
