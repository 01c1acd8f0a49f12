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
  server = await startServer();
  project.provide('baseUrl', server.baseUrl);
}

export async function teardown(): Promise<void> {
  if (!server) return;
  await server.stop();
  removeDir(server.dataDir);
}
