import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, removeDir, repoRoot, tempDataDir, waitForReady } from '../../support/server';

describe('npm start', () => {
  const dataDir = tempDataDir('switchboard-start-');
  afterAll(() => removeDir(dataDir));

  it('should build what is missing, serve the console and ready, create the SQLite file, and stop on SIGTERM', async () => {
    const port = await freePort();
    let log = '';
    // detached: the npm process group can be signalled as a whole, as a terminal's Ctrl-C does.
    const child = spawn('npm', ['start'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout?.on('data', (c: Buffer) => (log += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
    try {
      const baseUrl = `http://127.0.0.1:${port}`;
      await waitForReady(baseUrl, child, () => log, 120_000);
      const page = await fetch(`${baseUrl}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root"');
      expect(existsSync(join(dataDir, 'switchboard.sqlite'))).toBe(true);
      expect(log).toContain('"msg":"switchboard listening"');
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
    // npm itself may end by the signal it was sent; the server inside must have stopped cleanly.
    const { code, signal } = await exited;
    expect(code === 0 || signal === 'SIGTERM', `code=${code} signal=${signal}`).toBe(true);
    expect(log).toContain('"msg":"shutting down"');
    expect(log).toContain('"msg":"stopped"');
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
  }, 180_000);
});
