import { createHash } from 'node:crypto';

export interface LoginThrottlePolicy {
  maxFailures: number; // failures in a row from one address before it is locked out for the user
  delayMs: number; // the wait after the second failure in a row, doubling after each further one, up to lockoutMs
  lockoutMs: number; // how long a lock-out lasts; how long a success is remembered
}

// Why an attempt may not be made now: a wait after failures, or a lock-out.
export interface LoginRefusal {
  reason: 'delay' | 'lockout';
  untilMs: number;
}

export interface LoginLockout {
  address: string;
  untilMs: number;
}

interface Attempts {
  readonly username: string;
  readonly address: string;
  failures: number;
  notBeforeMs: number; // a wait or a lock-out ends then (0: none)
  lockedOut: boolean;
}

// Entries kept at most (attempts, and successes): an attacker cycling through addresses fills
// them, so the oldest go first, never memory.
const MAX_ENTRIES = 100_000;

function pairKey(username: string, address: string): string {
  return `${username}\u0000${address}`;
}

// Failed logins counted per (user, client address), so that failures from one address never lock
// the user out anywhere else: an attacker who keeps guessing `admin`'s password locks out only
// their own address, while the console and the Nacos clients of that user keep signing in from
// theirs. After the second failure in a row each further attempt from that address must wait,
// twice as long each time; after `maxFailures` the address is locked out for `lockoutMs`. A
// password that succeeded from an address within `lockoutMs` keeps working from there even
// through a lock-out (clients behind the same address as an attacker keep working).
export class LoginThrottle {
  private readonly attempts = new Map<string, Attempts>();
  // sha256(user, address, password) → until when that success is remembered.
  private readonly successes = new Map<string, number>();

  constructor(private readonly policy: LoginThrottlePolicy) {}

  // Undefined: an attempt may be made now.
  refusal(username: string, address: string, password: string, nowMs: number): LoginRefusal | undefined {
    const entry = this.attempts.get(pairKey(username, address));
    if (!entry || entry.notBeforeMs <= nowMs) return undefined;
    if (this.succeededBefore(username, address, password, nowMs)) return undefined;
    return { reason: entry.lockedOut ? 'lockout' : 'delay', untilMs: entry.notBeforeMs };
  }

  // Counts a failure; returns the lock-out it started, if it did.
  failed(username: string, address: string, nowMs: number): LoginLockout | undefined {
    const key = pairKey(username, address);
    let entry = this.attempts.get(key);
    if (entry && entry.lockedOut && entry.notBeforeMs <= nowMs) entry = undefined; // served its time
    if (!entry) entry = { username, address, failures: 0, notBeforeMs: 0, lockedOut: false };
    entry.failures += 1;
    if (entry.failures >= this.policy.maxFailures) {
      entry.lockedOut = true;
      entry.notBeforeMs = nowMs + this.policy.lockoutMs;
    } else if (entry.failures >= 2 && this.policy.delayMs > 0) {
      // Never longer than a lock-out (and never past what a date can hold).
      entry.notBeforeMs = nowMs + Math.min(this.policy.delayMs * 2 ** (entry.failures - 2), this.policy.lockoutMs);
    }
    this.keep(this.attempts, key, entry);
    return entry.lockedOut && entry.failures === this.policy.maxFailures ? { address, untilMs: entry.notBeforeMs } : undefined;
  }

  // A success clears the address's failures, unless it is locked out (a remembered password
  // passes a lock-out, it does not lift it), and is remembered for `lockoutMs`.
  succeeded(username: string, address: string, password: string, nowMs: number): void {
    const key = pairKey(username, address);
    const entry = this.attempts.get(key);
    if (entry && !(entry.lockedOut && entry.notBeforeMs > nowMs)) this.attempts.delete(key);
    this.keep(this.successes, successKey(username, address, password), nowMs + this.policy.lockoutMs);
  }

  // A lock-out started on another node of the cluster.
  lockOut(username: string, address: string, untilMs: number): void {
    this.keep(this.attempts, pairKey(username, address), { username, address, failures: this.policy.maxFailures, notBeforeMs: untilMs, lockedOut: true });
  }

  // The addresses locked out for this user now.
  lockouts(username: string, nowMs: number): LoginLockout[] {
    const out: LoginLockout[] = [];
    for (const entry of this.attempts.values()) {
      if (entry.username === username && entry.lockedOut && entry.notBeforeMs > nowMs) out.push({ address: entry.address, untilMs: entry.notBeforeMs });
    }
    return out.sort((a, b) => a.address.localeCompare(b.address));
  }

  // Lifts every lock-out and wait of this user (an administrator's unlock, a new password);
  // returns the lock-outs lifted.
  unlock(username: string, nowMs: number): LoginLockout[] {
    const lifted = this.lockouts(username, nowMs);
    for (const [key, entry] of this.attempts) if (entry.username === username) this.attempts.delete(key);
    return lifted;
  }

  private succeededBefore(username: string, address: string, password: string, nowMs: number): boolean {
    const until = this.successes.get(successKey(username, address, password));
    return until !== undefined && until > nowMs;
  }

  // Insertion order is age: a refreshed entry moves to the end; the oldest go past the bound.
  private keep<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key);
    map.set(key, value);
    if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
  }
}

function successKey(username: string, address: string, password: string): string {
  // Never the password itself: a remembered success only lets an attempt through a lock-out, and
  // the password is still verified.
  return createHash('sha256').update(`${username}\u0000${address}\u0000${password}`).digest('hex');
}
