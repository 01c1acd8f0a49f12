import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome, hasTerminalEmulation, runCli, startCli, startCliServer, type CliHome, type CliServer } from '../../support/cli-run';

let api: CliServer;
let home: CliHome;

beforeAll(async () => {
  api = await startCliServer();
  home = cliHome();
});
afterAll(async () => {
  home.remove();
  await api.stop();
});

const credentialsFile = () => join(home.configHome, 'switchboard', 'credentials.json');

describe('switchboard login', () => {
  it('should store the url and token readable by the owner only when the password comes on stdin', async () => {
    const result = await runCli(['login', '--url', api.baseUrl, '--username', 'admin', '--password-stdin', '-o', 'json'], { env: home.env, input: `${api.adminPassword}\n` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ url: api.baseUrl, username: 'admin' });
    expect(statSync(credentialsFile()).mode & 0o777).toBe(0o600);
    expect(statSync(join(home.configHome, 'switchboard')).mode & 0o777).toBe(0o700);
    const stored = JSON.parse(readFileSync(credentialsFile(), 'utf8')) as { url: string; token: string };
    expect(stored.url).toBe(api.baseUrl);
    expect(stored.token).toMatch(/\S{16,}/);
    expect(result.stdout).not.toContain(stored.token);
  });

  it('should call the server with the stored token when no url or token is given', async () => {
    const result = await runCli(['ns', 'ls', '-o', 'json'], { env: home.env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { namespaceId: string }[]).map((n) => n.namespaceId)).toContain('public');
  });

  it('should prefer SWITCHBOARD_TOKEN over the stored token', async () => {
    const result = await runCli(['ns', 'ls'], { env: { ...home.env, SWITCHBOARD_TOKEN: 'not-a-token' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: UNAUTHENTICATED: /);
  });

  it('should not send the stored token to another server address', async () => {
    const elsewhere = api.baseUrl.replace('127.0.0.1', 'localhost');
    const result = await runCli(['ns', 'ls', '--url', elsewhere], { env: home.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: UNAUTHENTICATED: /);
  });

  it('should exit 1 and keep the stored login when the password is wrong', async () => {
    const before = readFileSync(credentialsFile(), 'utf8');
    const result = await runCli(['login', '--url', api.baseUrl, '-u', 'admin', '--password', 'wrong-password'], { env: home.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: UNAUTHENTICATED: /);
    expect(readFileSync(credentialsFile(), 'utf8')).toBe(before);
  });

  it.skipIf(!hasTerminalEmulation)('should ask for the user name and the password on a terminal, without echoing the password', async () => {
    const other = cliHome();
    try {
      const session = startCli(['login', '--url', api.baseUrl], { env: other.env }, true);
      await session.waitForStdout((out) => out.includes('Username:'));
      session.type('admin\r');
      await session.waitForStdout((out) => out.includes('Password:'));
      session.type(`${api.adminPassword}\r`);
      expect(await session.exited).toBe(0);
      expect(session.stdout()).toMatch(/logged in to \S+ as admin/);
      expect(session.stdout()).not.toContain(api.adminPassword);
      const stored = JSON.parse(readFileSync(join(other.configHome, 'switchboard', 'credentials.json'), 'utf8')) as { username: string };
      expect(stored.username).toBe('admin');
    } finally {
      other.remove();
    }
  });

  it('should exit 2 when no password can be had without a terminal', async () => {
    const result = await runCli(['login', '--url', api.baseUrl, '-u', 'admin'], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no password/);
  });
});

describe('switchboard logout', () => {
  it('should remove the stored token so later commands are unauthenticated', async () => {
    const result = await runCli(['logout'], { env: home.env });
    expect(result.code).toBe(0);
    expect(existsSync(credentialsFile())).toBe(false);
    const after = await runCli(['ns', 'ls', '--url', api.baseUrl], { env: home.env });
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/^error: UNAUTHENTICATED: /);
  });

  it('should use SWITCHBOARD_URL and SWITCHBOARD_TOKEN without any stored login', async () => {
    const result = await runCli(['ns', 'ls', '-o', 'json'], { env: { ...home.env, ...api.env } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ namespaceId: 'public' })]));
  });
});
