import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUTH_ENDPOINTS, CONFIG_CENTER_ENDPOINTS } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../support/api';
import { removeDir, repoRoot, startServer, type RunningServer } from '../../support/server';

// examples/ci/publish-and-canary.sh as a pipeline runs it: the CLI from the repository (npx),
// an access token of its own, a clean home directory.
const script = join(repoRoot, 'examples', 'ci', 'publish-and-canary.sh');
const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: 'greeter.json' };

function runScript(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('bash', [script], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: mkdtempSync(join(tmpdir(), 'switchboard-ci-home-')), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('examples/ci/publish-and-canary.sh', () => {
  let server: RunningServer;
  let env: Record<string, string>;
  let auth: { authorization: string };

  beforeAll(async () => {
    server = await startServer({ env: { AUTH_ENABLED: 'true', AUTH_ADMIN_PASSWORD: 'ci-admin-pw' } });
    const session = (await call(server.baseUrl, AUTH_ENDPOINTS.login, { body: { username: 'admin', password: 'ci-admin-pw' } })).body.accessToken;
    auth = { authorization: `Bearer ${session}` };
    const created = await call(server.baseUrl, AUTH_ENDPOINTS.createAccessToken, { body: { name: 'pipeline' }, headers: auth });
    expect(created.status).toBe(201);
    env = { SWITCHBOARD_URL: server.baseUrl, SWITCHBOARD_TOKEN: created.body.token };
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('should publish the release, start the canary of the next one, and refuse a second canary with exit code 1', async () => {
    const first = await runScript(env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('greeter.json: published the release (over version 0)');
    expect(first.stdout).toContain('canary started');
    const status = first.stdout.slice(first.stdout.indexOf('canary started')).split('\n').slice(1).join('\n');
    expect(JSON.parse(status)).toMatchObject({ dataId: 'greeter.json' });

    const config = await call(server.baseUrl, CONFIG_CENTER_ENDPOINTS.getConfig, { params: key, headers: auth });
    expect(config.body.content).toBe(readFileSync(join(repoRoot, 'examples', 'ci', 'greeter.json'), 'utf8'));
    const canary = await call(server.baseUrl, CONFIG_CENTER_ENDPOINTS.getCanary, { params: key, headers: auth });
    expect(canary.status).toBe(200);
    expect(canary.body.candidate.content).toBe(readFileSync(join(repoRoot, 'examples', 'ci', 'greeter-next.json'), 'utf8'));
    expect(canary.body.target).toMatchObject({ tags: ['canary'] });

    // Run again: nothing to publish, and the canary is already running: the step fails.
    const second = await runScript(env);
    expect(second.stdout).toContain('the server already has this release');
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('CANARY_ALREADY_ACTIVE');
  });
});
