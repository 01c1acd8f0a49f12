import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from './concurrency-limiter';

describe('ConcurrencyLimiter', () => {
  it('should refuse a key once it holds the limit, and take it again after a release', () => {
    const limiter = new ConcurrencyLimiter(2);
    const first = limiter.tryAcquire('alice');
    const second = limiter.tryAcquire('alice');
    expect(first).toBeTypeOf('function');
    expect(second).toBeTypeOf('function');
    expect(limiter.tryAcquire('alice')).toBeUndefined();
    expect(limiter.inFlight('alice')).toBe(2);
    first!();
    expect(limiter.inFlight('alice')).toBe(1);
    expect(limiter.tryAcquire('alice')).toBeTypeOf('function');
  });

  it('should count each key on its own', () => {
    const limiter = new ConcurrencyLimiter(1);
    expect(limiter.tryAcquire('alice')).toBeTypeOf('function');
    expect(limiter.tryAcquire('alice')).toBeUndefined();
    expect(limiter.tryAcquire('ip:10.0.0.2')).toBeTypeOf('function');
    expect(limiter.inFlight()).toBe(2);
  });

  it('should give back one slot when a release is called twice', () => {
    const limiter = new ConcurrencyLimiter(2);
    const release = limiter.tryAcquire('alice')!;
    limiter.tryAcquire('alice');
    release();
    release();
    expect(limiter.inFlight('alice')).toBe(1);
    expect(limiter.inFlight()).toBe(1);
  });

  it('should forget a key that holds nothing', () => {
    const limiter = new ConcurrencyLimiter(1);
    limiter.tryAcquire('alice')!();
    expect(limiter.inFlight('alice')).toBe(0);
    expect(limiter.inFlight()).toBe(0);
    expect((limiter as unknown as { inFlightByKey: Map<string, number> }).inFlightByKey.size).toBe(0);
  });

  it('should refuse a limit that is not a positive integer', () => {
    expect(() => new ConcurrencyLimiter(0)).toThrow(RangeError);
    expect(() => new ConcurrencyLimiter(1.5)).toThrow(RangeError);
  });
});
