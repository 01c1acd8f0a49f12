import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './server';

export interface TcpProxy {
  readonly host: string; // always 127.0.0.1
  readonly port: number;
  // Live client connections (each with its upstream connection).
  readonly connections: number;
  // What a restart of the service looks like to a client: every live connection is destroyed
  // both ways and new connections are refused until start().
  stop: () => Promise<void>;
  // Listens again, on the same port.
  start: () => Promise<void>;
  // stop() for good.
  close: () => Promise<void>;
}

// A TCP proxy on a free 127.0.0.1 port in front of host:port, to cut a database or Redis off
// from a server under test and bring it back, without touching the service itself.
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const port = await freePort();
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  let server: Server | undefined;

  const accept = (client: Socket) => {
    const pair = { client, upstream: createConnection({ host: target.host, port: target.port }) };
    pairs.add(pair);
    // Either side ending or failing ends both; errors of a destroyed socket are reported here
    // instead of being thrown.
    const end = () => {
      pairs.delete(pair);
      pair.client.destroy();
      pair.upstream.destroy();
    };
    for (const socket of [pair.client, pair.upstream]) socket.on('error', end).on('close', end);
    pair.client.pipe(pair.upstream);
    pair.upstream.pipe(pair.client);
  };

  const start = () =>
    new Promise<void>((resolve, reject) => {
      if (server) return resolve();
      const listening = createServer(accept);
      listening.once('error', reject);
      listening.listen(port, '127.0.0.1', () => {
        listening.off('error', reject);
        server = listening;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      const closing = server;
      server = undefined;
      // Refuse new connections first, then cut the live ones.
      closing?.close(() => resolve());
      for (const { client, upstream } of [...pairs]) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
      if (!closing) resolve();
    });

  await start();
  return {
    host: '127.0.0.1',
    port,
    get connections() {
      return pairs.size;
    },
    stop,
    start,
    close: stop,
  };
}
