import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

const POLICY = { maxFailures: 5, delayMs: 1000, lockoutMs: 900_000 };
const ATTACKER = '203.0.113.9';
const VICTIM = '198.51.100.7';

function failTimes(throttle: LoginThrottle, n: number, address = ATTACKER, startMs = 0): number {
  let nowMs = startMs;
  for (let i = 0; i < n; i++) {
    const refusal = throttle.refusal('admin', address, 'guess', nowMs);
    if (refusal) nowMs = refusal.untilMs; // the attacker waits as told
    throttle.failed('admin', address, nowMs);
  }
  return nowMs;
}

describe('LoginThrottle', () => {
  it('should let the first two failures through at once, then make each attempt wait twice as long', () => {
    const throttle = new LoginThrottle(POLICY);
    throttle.failed('admin', ATTACKER, 0);
    expect(throttle.refusal('admin', ATTACKER, 'guess', 0)).toBeUndefined();
    throttle.failed('admin', ATTACKER, 0);
    expect(throttle.refusal('admin', ATTACKER, 'guess', 999)).toEqual({ reason: 'delay', untilMs: 1000 });
    expect(throttle.refusal('admin', ATTACKER, 'guess', 1000)).toBeUndefined();
    throttle.failed('admin', ATTACKER, 1000);
    expect(throttle.refusal('admin', ATTACKER, 'guess', 1000)).toEqual({ reason: 'delay', untilMs: 3000 });
    throttle.failed('admin', ATTACKER, 3000);
    expect(throttle.refusal('admin', ATTACKER, 'guess', 3000)).toEqual({ reason: 'delay', untilMs: 7000 });
  });

  it('should lock the address out after the last failure, and report that lock-out once', () => {
    const throttle = new LoginThrottle(POLICY);
    const nowMs = failTimes(throttle, 4);
    expect(throttle.failed('admin', ATTACKER, nowMs)).toEqual({ address: ATTACKER, untilMs: nowMs + 900_000 });
    expect(throttle.refusal('admin', ATTACKER, 'right', nowMs + 899_999)).toEqual({ reason: 'lockout', untilMs: nowMs + 900_000 });
    expect(throttle.lockouts('admin', nowMs)).toEqual([{ address: ATTACKER, untilMs: nowMs + 900_000 }]);
    expect(throttle.refusal('admin', ATTACKER, 'right', nowMs + 900_000)).toBeUndefined();
    expect(throttle.lockouts('admin', nowMs + 900_000)).toEqual([]);
  });

  it("should never refuse another address, nor another user from the attacker's address", () => {
    const throttle = new LoginThrottle(POLICY);
    const nowMs = failTimes(throttle, 5);
    expect(throttle.refusal('admin', VICTIM, 'right', nowMs)).toBeUndefined();
    expect(throttle.refusal('alice', ATTACKER, 'right', nowMs)).toBeUndefined();
  });

  it('should let a password that succeeded from the address within the window through its lock-out, without lifting it', () => {
    const throttle = new LoginThrottle(POLICY);
    throttle.succeeded('admin', ATTACKER, 'right', 0);
    const nowMs = failTimes(throttle, 5, ATTACKER, 10);
    expect(throttle.refusal('admin', ATTACKER, 'right', nowMs)).toBeUndefined();
    expect(throttle.refusal('admin', ATTACKER, 'other', nowMs)).toMatchObject({ reason: 'lockout' });
    throttle.succeeded('admin', ATTACKER, 'right', nowMs);
    expect(throttle.refusal('admin', ATTACKER, 'other', nowMs)).toMatchObject({ reason: 'lockout' });
    // Remembered for the window after its last success.
    expect(throttle.refusal('admin', ATTACKER, 'right', nowMs + 899_999)).toBeUndefined();
  });

  it('should forget a success after the window', () => {
    const throttle = new LoginThrottle(POLICY);
    throttle.succeeded('admin', ATTACKER, 'right', 0);
    const nowMs = failTimes(throttle, 5, ATTACKER, 900_000);
    expect(throttle.refusal('admin', ATTACKER, 'right', nowMs)).toMatchObject({ reason: 'lockout' });
  });

  it('should clear the failures of an address on a success there', () => {
    const throttle = new LoginThrottle(POLICY);
    const nowMs = failTimes(throttle, 4);
    throttle.succeeded('admin', ATTACKER, 'right', nowMs);
    expect(throttle.refusal('admin', ATTACKER, 'guess', nowMs)).toBeUndefined();
    expect(throttle.failed('admin', ATTACKER, nowMs)).toBeUndefined();
  });

  it('should lift every lock-out and wait of a user on unlock, and take lock-outs told by another node', () => {
    const throttle = new LoginThrottle(POLICY);
    const nowMs = failTimes(throttle, 5);
    failTimes(throttle, 2, VICTIM, nowMs);
    throttle.lockOut('admin', '192.0.2.1', nowMs + 60_000);
    expect(throttle.lockouts('admin', nowMs).map((l) => l.address)).toEqual(['192.0.2.1', ATTACKER]);
    expect(throttle.unlock('admin', nowMs).map((l) => l.address)).toEqual(['192.0.2.1', ATTACKER]);
    expect(throttle.refusal('admin', ATTACKER, 'guess', nowMs)).toBeUndefined();
    expect(throttle.refusal('admin', VICTIM, 'guess', nowMs)).toBeUndefined();
  });

  it('should never make an attempt wait longer than a lock-out, however many failures a huge limit allows', () => {
    const throttle = new LoginThrottle({ ...POLICY, maxFailures: 1_000_000_000 });
    for (let i = 0; i < 2_000; i++) throttle.failed('admin', ATTACKER, 0);
    expect(throttle.refusal('admin', ATTACKER, 'guess', 0)).toEqual({ reason: 'delay', untilMs: 900_000 });
  });

  it('should not wait between attempts when the delay is 0', () => {
    const throttle = new LoginThrottle({ ...POLICY, delayMs: 0 });
    for (let i = 0; i < 4; i++) {
      throttle.failed('admin', ATTACKER, 0);
      expect(throttle.refusal('admin', ATTACKER, 'guess', 0)).toBeUndefined();
    }
    expect(throttle.failed('admin', ATTACKER, 0)).toBeDefined();
  });

  it('should keep a bounded number of addresses, dropping the oldest', () => {
    const throttle = new LoginThrottle(POLICY);
    throttle.failed('admin', 'first', 0);
    throttle.failed('admin', 'first', 0);
    expect(throttle.refusal('admin', 'first', 'x', 0)).toBeDefined();
    for (let i = 0; i < 100_000; i++) throttle.failed('admin', `a${i}`, 0);
    expect(throttle.refusal('admin', 'first', 'x', 0)).toBeUndefined();
    throttle.lockOut('admin', 'last', 1);
    expect(throttle.lockouts('admin', 0).map((l) => l.address)).toEqual(['last']);
  });
});
