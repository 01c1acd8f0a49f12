import { createHook } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { keepTickShape } from './tick-shape';

describe('keepTickShape', () => {
  it('should keep one tick object of process.nextTick, with its two async id keys', () => {
    const tick = keepTickShape() as Record<string | symbol, unknown>;
    expect(tick).toBeTypeOf('object');
    expect(tick.callback).toBeTypeOf('function');
    // Its computed keys: the two async ids, and from Node 22 on also the async context frame.
    const keys = Object.getOwnPropertySymbols(tick).map((key) => key.description);
    expect(keys).toEqual(expect.arrayContaining(['async_id_symbol', 'trigger_async_id_symbol']));
  });

  it('should keep the first tick object only, whatever ticks follow', async () => {
    const first = keepTickShape();
    // Another hook sees the next ticks; ours must not have replaced what it keeps with one of them.
    const seen: object[] = [];
    const observer = createHook({ init: (_id, type, _trigger, resource) => type === 'TickObject' && seen.push(resource) });
    observer.enable();
    await new Promise<void>((resolve) => process.nextTick(resolve));
    observer.disable();
    expect(seen.length).toBeGreaterThan(0);
    expect(keepTickShape()).toBe(first);
    expect(seen).not.toContain(first);
  });
});
