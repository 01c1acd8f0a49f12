import type { TestProject } from 'vitest/node';
import { removeDir, startServer, type RunningServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: RunningServer | undefined;

// One real server (built code, temp SQLite file, free port) shared by the suite.
export async function setup(project: TestProject): Promise<void> {
  // Long polls end within a second: a Nacos client only adds a new subscription to its next
  // poll, so short holds keep tests quick (the fan-out spec runs its own server with defaults).
  server = await startServer({ env: { CONFIG_LONG_POLL_MIN_HOLD_MS: '300', CONFIG_LONG_POLL_MAX_HOLD_MS: '1000' } });
  project.provide('baseUrl', server.baseUrl);
}

export async function teardown(): Promise<void> {
  if (!server) return;
  await server.stop();
  removeDir(server.dataDir);
}
