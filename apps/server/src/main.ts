// First: it must see the process before the rest of the server is loaded (see tick-shape.ts).
import './runtime/tick-shape';
import 'reflect-metadata';
import { startApp, stopApp } from './bootstrap';
import { createRootLogger } from './logging/logger';
import { InvalidSettingsError, loadSettings } from './settings/load-settings';
import type { Settings } from './settings/settings';

async function main(): Promise<void> {
  let settings: Settings;
  try {
    settings = loadSettings(process.env);
  } catch (error) {
    if (error instanceof InvalidSettingsError) {
      process.stderr.write(`${error.message}\nSee apps/server/.env.example for every variable and its default.\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createRootLogger(settings.log);
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp(settings, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  }
  // Graceful shutdown: readiness goes off, HTTP intake stops, in-flight requests finish, then
  // sockets and the database close. A shutdown that hangs (a stuck connection) still ends the
  // process after the timeout.
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('graceful shutdown timed out; exiting');
      process.exit(1);
    }, settings.http.shutdownTimeoutMs).unref();
    stopApp(app).then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

void main();
