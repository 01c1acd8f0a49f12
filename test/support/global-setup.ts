import { randomBytes } from 'node:crypto';
import { AUTH_ENDPOINTS } from '@switchboard/shared';
import type { TestProject } from 'vitest/node';
import { removeDir, startServer, type RunningServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    grpcPort: number;
    adminUsername: string;
    adminPassword: string;
    adminToken: string;
  }
}

let server: RunningServer | undefined;

// One real server (built code, temp SQLite file, free port) shared by the suite.
export async function setup(project: TestProject): Promise<void> {
  // Long polls end within a second: a Nacos client only adds a new subscription to its next
  // poll, so short holds keep tests quick (the fan-out spec runs its own server with defaults).
  // Authentication on, with a known first administrator; failed logins lock out without waits
  // in between (the waits have a spec of their own).
  const adminPassword = `e2e-${randomBytes(9).toString('base64url')}`;
  server = await startServer({
    env: { AUTH_ENABLED: 'true', AUTH_ADMIN_USERNAME: 'admin', AUTH_ADMIN_PASSWORD: adminPassword, CONFIG_LONG_POLL_MIN_HOLD_MS: '300', CONFIG_LONG_POLL_MAX_HOLD_MS: '1000', AUTH_LOGIN_DELAY_MS: '0' },
  });
  const login = await fetch(`${server.baseUrl}${AUTH_ENDPOINTS.login.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: adminPassword }),
  });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
  project.provide('baseUrl', server.baseUrl);
  project.provide('grpcPort', server.grpcPort);
  project.provide('adminUsername', 'admin');
  project.provide('adminPassword', adminPassword);
  project.provide('adminToken', ((await login.json()) as { accessToken: string }).accessToken);
}

export async function teardown(): Promise<void> {
  if (!server) return;
  await server.stop();
  removeDir(server.dataDir);
}
