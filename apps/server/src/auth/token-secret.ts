import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TOKEN_SECRET_FILE = 'token-secret';

// The signing secret: from the setting, else from the data directory, else generated there on
// first start (owner-only permissions). Never a built-in value.
export function resolveTokenSecret(configured: string, dataDir: string): { secret: string; source: 'setting' | 'file' | 'generated' } {
  if (configured) return { secret: configured, source: 'setting' };
  const file = join(dataDir, TOKEN_SECRET_FILE);
  if (existsSync(file)) return { secret: readFileSync(file, 'utf8').trim(), source: 'file' };
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { secret, source: 'generated' };
}
