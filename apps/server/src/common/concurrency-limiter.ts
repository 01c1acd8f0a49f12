// At most `limit` pieces of work in flight per key (a caller). A slot is taken with tryAcquire and
// given back by calling the release function it returns; releasing twice gives back one slot.
export class ConcurrencyLimiter {
  private readonly inFlightByKey = new Map<string, number>();
  private total = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }

  // The release function, or undefined when the key already holds `limit` slots.
  tryAcquire(key: string): (() => void) | undefined {
    const held = this.inFlightByKey.get(key) ?? 0;
    if (held >= this.limit) return undefined;
    this.inFlightByKey.set(key, held + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const now = (this.inFlightByKey.get(key) ?? 1) - 1;
      if (now > 0) this.inFlightByKey.set(key, now);
      else this.inFlightByKey.delete(key);
    };
  }

  inFlight(key?: string): number {
    return key === undefined ? this.total : (this.inFlightByKey.get(key) ?? 0);
  }
}
