import { Agent, createServer, request, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HttpDrain } from './http-drain';

// A real HTTP server whose handler admits each request through the drain; "/hold" is answered
// only when released (a long poll), "/slow" when the test finishes it (a request in flight).
describe('HttpDrain', () => {
  let drain: HttpDrain;
  let server: Server;
  let port: number;
  let agent: Agent;
  const held: ServerResponse[] = [];
  const slow: ServerResponse[] = [];
  const arrived: string[] = []; // every request the server read, refused ones too
  const finishSlow = () => {
    for (const res of slow.splice(0)) res.end('slow done');
  };

  beforeEach(async () => {
    drain = new HttpDrain();
    held.length = 0;
    slow.length = 0;
    arrived.length = 0;
    drain.onDrain(() => {
      for (const res of held.splice(0)) res.end('released');
    });
    server = createServer((req, res) => {
      arrived.push(req.url ?? '');
      if (!drain.admit(req, res)) return;
      if (req.url === '/hold') held.push(res);
      else if (req.url === '/slow') slow.push(res);
      else res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
  });

  afterEach(() => {
    agent.destroy();
    server.closeAllConnections();
  });

  const send = (path: string, via: Agent | false = agent) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, agent: via }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end();
    });

  it('should release held requests, wait for the ones in flight and only then resolve', async () => {
    const hold = send('/hold', false);
    const running = send('/slow', false);
    await vi.waitUntil(() => held.length === 1 && slow.length === 1); // both in the handler
    expect(drain.inFlightCount()).toBe(2);
    let drained = false;
    const done = drain.drain(server).then(() => (drained = true));
    expect(await hold).toMatchObject({ status: 200, body: 'released' });
    expect(drained).toBe(false); // the slow one is still running
    finishSlow();
    expect(await running).toMatchObject({ status: 200, body: 'slow done' });
    await done;
    expect(drain.inFlightCount()).toBe(0);
  });

  it('should refuse a request arriving on an open connection once draining, in its transport format, and close that connection', async () => {
    // One connection carries a slow request, then, once the drain has begun, another.
    const socket = connect(port, '127.0.0.1');
    let raw = '';
    socket.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
    await vi.waitUntil(() => slow.length === 1); // in the handler
    const done = drain.drain(server);
    // No new connection is accepted.
    await expect(send('/api/v1/namespaces', false)).rejects.toThrow();
    socket.write('GET /api/v1/namespaces HTTP/1.1\r\nHost: x\r\n\r\n');
    // Refused while the slow one runs; its answer waits behind the slow one's.
    await vi.waitUntil(() => arrived.length === 2);
    finishSlow();
    await closed; // the server closes the connection after the refusal
    await done;
    const answers = raw.split(/(?=HTTP\/1\.1 )/);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toMatch(/^HTTP\/1\.1 200 [\s\S]*slow done$/);
    expect(answers[1]).toMatch(/^HTTP\/1\.1 503 /);
    expect(answers[1]).toMatch(/\r\nconnection: close\r\n/i);
    expect(answers[1]).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(JSON.parse(answers[1].slice(answers[1].indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('shutting down') });
  });

  it('should answer a Nacos request refused while draining as Nacos does (plain text)', async () => {
    expect(drain.admit({ url: '/nacos/v1/cs/configs', headers: {} } as never, fakeResponse())).toBe(true);
    void drain.drain(server);
    const res = fakeResponse();
    expect(drain.admit({ url: '/nacos/v1/cs/configs', headers: {} } as never, res)).toBe(false);
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('shutting down');
  });
});

// Just what admit() touches of a response.
function fakeResponse(): ServerResponse & { status: number; headers: Record<string, string>; body: string } {
  const res = {
    status: 0,
    headers: {} as Record<string, string>,
    body: '',
    writeHead(status: number, headers: Record<string, string>) {
      res.status = status;
      res.headers = headers;
      return res;
    },
    end(body: string) {
      res.body = body;
    },
    on() {
      return res;
    },
  };
  return res as never;
}
