// Keys changed in one turn of the event loop (the changes of one commit group), handled once
// each in the next turn, after the work that made them has been answered. A key that fails is
// reported and never stops the others.
export class PerTurn<K> {
  private readonly pending = new Map<string, K>();

  constructor(
    private readonly handle: (key: K) => void,
    private readonly failed: (key: K, error: Error) => void,
  ) {}

  add(id: string, key: K): void {
    if (this.pending.size === 0) setImmediate(() => this.flush());
    this.pending.set(id, key);
  }

  private flush(): void {
    const keys = [...this.pending.values()];
    this.pending.clear();
    for (const key of keys) {
      try {
        this.handle(key);
      } catch (error) {
        this.failed(key, error as Error);
      }
    }
  }
}
