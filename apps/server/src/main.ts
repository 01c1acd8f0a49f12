import 'reflect-metadata';
import { startApp } from './bootstrap';
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
  const logger = createRootLogger(settings.log.level);
  // A shutdown that hangs (a stuck connection) must still end the process.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      setTimeout(() => {
        logger.error('graceful shutdown timed out; exiting');
        process.exit(1);
      }, settings.http.shutdownTimeoutMs).unref();
    });
  }
  try {
    await startApp(settings, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  }
}

void main();
