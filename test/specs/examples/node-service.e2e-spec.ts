import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { AUTH_ENDPOINTS, CONFIG_CENTER_ENDPOINTS, NAMING_ENDPOINTS } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../support/api';
import { removeDir, repoRoot, startServer, type RunningServer } from '../../support/server';
import { eventually } from '../../support/wait';

// examples/node-service, built as `npm test` builds it, run as its README says: two services,
// `greeter` and `front` (which calls greeter through an instance it picks), against a real server
// with authentication on.
const main = join(repoRoot, 'examples', 'node-service', 'dist', 'main.js');

interface RunningExample {
  child: ChildProcess;
  port: number;
  output: () => string;
}

function startExample(server: RunningServer, env: Record<string, string>): Promise<RunningExample> {
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', SWITCHBOARD_URL: server.baseUrl, SWITCHBOARD_USERNAME: 'admin', SWITCHBOARD_PASSWORD: 'example-admin-pw', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`example exited with ${code}: ${log}`)));
    child.stdout?.on('data', () => {
      const ready = log
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { event?: string; port?: number })
        .find((line) => line.event === 'ready');
      if (ready?.port) resolve({ child, port: ready.port, output: () => log });
    });
  });
}

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('examples/node-service', () => {
  let server: RunningServer;
  let token: string;
  const examples: RunningExample[] = [];

  beforeAll(async () => {
    server = await startServer({ env: { AUTH_ENABLED: 'true', AUTH_ADMIN_PASSWORD: 'example-admin-pw' } });
    token = (await call(server.baseUrl, AUTH_ENDPOINTS.login, { body: { username: 'admin', password: 'example-admin-pw' } })).body.accessToken;
  });
  afterAll(async () => {
    for (const example of examples) example.child.kill('SIGKILL');
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  const publish = (content: string) =>
    call(server.baseUrl, CONFIG_CENTER_ENDPOINTS.publishConfig, { params: { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: 'greeter.json' }, body: { content, type: 'json' }, headers: { authorization: `Bearer ${token}` } });
  const greeterPorts = async () =>
    (await call(server.baseUrl, NAMING_ENDPOINTS.listInstances, { params: { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: 'greeter' }, headers: { authorization: `Bearer ${token}` } })).body.instances?.map((instance) => instance.port) ?? [];

  it('should register, serve its config live, call the service it picks, and vanish when killed', async () => {
    expect((await publish('{"greeting": "hi"}')).status).toBe(200);
    const greeter = await startExample(server, { SERVICE_NAME: 'greeter' });
    examples.push(greeter);
    const front = await startExample(server, { SERVICE_NAME: 'front', CALLS: 'greeter' });
    examples.push(front);

    expect(await greeterPorts()).toEqual([greeter.port]);
    expect((await getJson(`http://127.0.0.1:${greeter.port}/hello`)).body).toMatchObject({ service: 'greeter', greeting: 'hi' });
    const called = await getJson(`http://127.0.0.1:${front.port}/call`);
    expect(called.body).toMatchObject({ via: 'front', to: `127.0.0.1:${greeter.port}`, answer: { greeting: 'hi' } });

    // A published change reaches the running service.
    const published = await publish('{"greeting": "good morning"}');
    await eventually(async () => {
      const hello = await getJson(`http://127.0.0.1:${greeter.port}/hello`);
      expect(hello.body).toMatchObject({ greeting: 'good morning', configVersion: published.body.version });
    }, 5_000);

    // A process killed outright is gone from the registry, and front finds no instance to call.
    greeter.child.kill('SIGKILL');
    await eventually(async () => expect(await greeterPorts()).toEqual([]), 10_000);
    await eventually(async () => expect((await getJson(`http://127.0.0.1:${front.port}/call`)).status).toBe(503), 5_000);
  });
});
