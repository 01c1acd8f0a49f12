import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './server';
import { eventually } from './wait';

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  // SIGKILL: what a crash looks like; Redis here keeps nothing on disk, so it comes back empty.
  kill: () => Promise<void>;
  // Starts it again on the same port.
  start: () => Promise<void>;
  // A client of its own, for the spec to look inside.
  client: () => Redis;
}

// A Redis server of the spec's own (Debian's redis-server, nothing persisted), so a spec can
// crash and restart it without touching the machine's Redis.
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    if (child) return;
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], { stdio: 'ignore' });
    await eventually(async () => {
      const probe = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      try {
        await probe.connect();
        if ((await probe.ping()) !== 'PONG') throw new Error('redis-server does not answer PING');
      } finally {
        probe.disconnect();
      }
    }, 10_000);
  };
  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  await start();
  return { port, url, kill, start, client: () => new Redis({ host: '127.0.0.1', port, lazyConnect: true }) };
}
