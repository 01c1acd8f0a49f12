import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

// What `switchboard login` keeps: the server and a session token for it. The token is a secret:
// the file is readable by its owner only (0600) in a directory only the owner can enter (0700).
export interface StoredCredentials {
  url: string;
  token: string;
  username: string;
  expiresAt: string; // ISO 8601
  namespace?: string; // the default namespace chosen at login
}

export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'switchboard', 'credentials.json');
}

export function readCredentials(path = credentialsPath()): StoredCredentials | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as Partial<StoredCredentials>;
    if (typeof value.url !== 'string' || typeof value.token !== 'string') return undefined;
    return { url: value.url, token: value.token, username: value.username ?? '', expiresAt: value.expiresAt ?? '', ...(value.namespace ? { namespace: value.namespace } : {}) };
  } catch {
    return undefined;
  }
}

export function writeCredentials(credentials: StoredCredentials, path = credentialsPath()): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  // Written beside the file and renamed over it: a reader never sees half a file, and the
  // secret never sits in a file with wider permissions.
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

export function removeCredentials(path = credentialsPath()): boolean {
  try {
    rmSync(path);
    return true;
  } catch {
    return false;
  }
}

// Addresses compared without a trailing slash: a token is only sent to the server it came from.
export function sameServer(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}
