// A service as a TypeScript team writes one with Switchboard:
// - it registers itself over the client's socket (no heartbeat loop; gone when the process dies),
// - it reads its config and keeps it current (a published change arrives within a second),
// - it calls another service through an instance picked from the live list (weighted, healthy).
//
// Settings (environment): SWITCHBOARD_URL, SWITCHBOARD_TOKEN (or SWITCHBOARD_USERNAME and
// SWITCHBOARD_PASSWORD), SWITCHBOARD_NAMESPACE; SERVICE_NAME (default greeter), PORT (default 0:
// any free port), CALLS (the service /call forwards to), LABELS (canary labels, comma-separated),
// SNAPSHOT_DIR (where the last known config is kept for a start while the server is down).
import Fastify from 'fastify';
import { createClient, parseJson, SwitchboardError, type ConfigEntry } from '@switchboard/client';

interface GreeterConfig {
  greeting: string;
}

const serviceName = process.env.SERVICE_NAME ?? 'greeter';
const calls = process.env.CALLS;
const dataId = `${serviceName}.json`;
const fallback: GreeterConfig = { greeting: 'hello' };

const switchboard = createClient({
  url: process.env.SWITCHBOARD_URL ?? 'http://127.0.0.1:8848',
  token: process.env.SWITCHBOARD_TOKEN,
  username: process.env.SWITCHBOARD_USERNAME,
  password: process.env.SWITCHBOARD_PASSWORD,
  namespace: process.env.SWITCHBOARD_NAMESPACE,
  labels: process.env.LABELS ? process.env.LABELS.split(',') : undefined,
  snapshotDir: process.env.SNAPSHOT_DIR,
});

// The config as last seen; a content that is no valid JSON keeps the previous one.
let config: GreeterConfig = fallback;
let configVersion = 0;
function apply(entry: ConfigEntry | null): void {
  if (!entry) {
    config = fallback;
    configVersion = 0;
    return;
  }
  try {
    config = { ...fallback, ...parseJson<Partial<GreeterConfig>>(entry.content, dataId) };
    configVersion = entry.version;
  } catch (error) {
    log({ event: 'config-rejected', dataId, error: (error as Error).message });
  }
}

function log(fields: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ service: serviceName, ...fields })}\n`);
}

async function main(): Promise<void> {
  const app = Fastify();
  app.get('/hello', async () => ({ service: serviceName, greeting: config.greeting, configVersion }));
  app.get('/call', async (_request, reply) => {
    if (!calls) return reply.code(404).send({ error: 'CALLS is not set' });
    const target = await switchboard.naming.pick(calls);
    if (!target) return reply.code(503).send({ error: `no healthy instance of ${calls}` });
    const answer = await fetch(`http://${target.ip}:${target.port}/hello`);
    return { via: serviceName, to: `${target.ip}:${target.port}`, answer: await answer.json() };
  });

  const watch = switchboard.config.watch('DEFAULT_GROUP', dataId, apply, {
    onError: (error) => log({ event: 'config-error', code: error.code, message: error.message }),
  });
  await watch.ready;

  const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
  const port = Number(new URL(address).port);
  await switchboard.naming.register(serviceName, { ip: '127.0.0.1', port, metadata: { example: 'node-service' } });
  log({ event: 'ready', port, configVersion });

  const stop = async () => {
    watch.close();
    await switchboard.naming.deregister(serviceName, { ip: '127.0.0.1', port }).catch(() => undefined);
    await switchboard.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  const detail = error instanceof SwitchboardError ? `${error.code}: ${error.message}` : String(error);
  process.stderr.write(`${serviceName} failed to start: ${detail}\n`);
  process.exit(1);
});
