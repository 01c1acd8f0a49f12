import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN_SECRET_FILE, resolveTokenSecret } from './token-secret';

describe('resolveTokenSecret', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'sb-secret-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('should generate a different owner-only secret per data directory and then keep it', () => {
    const a = dir();
    const b = dir();
    const first = resolveTokenSecret('', a);
    expect(first.source).toBe('generated');
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(a, TOKEN_SECRET_FILE)).mode & 0o777).toBe(0o600);
    expect(resolveTokenSecret('', a)).toEqual({ secret: first.secret, source: 'file' });
    expect(resolveTokenSecret('', b).secret).not.toBe(first.secret);
  });

  it('should prefer the configured secret and write nothing', () => {
    const d = dir();
    expect(resolveTokenSecret('x'.repeat(40), d)).toEqual({ secret: 'x'.repeat(40), source: 'setting' });
    expect(() => readFileSync(join(d, TOKEN_SECRET_FILE))).toThrow();
  });
});
