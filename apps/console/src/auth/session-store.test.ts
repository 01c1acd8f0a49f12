import { describe, expect, it } from 'vitest';
import { SESSION_STORAGE_KEY, SessionStore, type SessionClock, type SessionEvent } from './session-store';

class MemoryStorage {
  readonly data = new Map<string, string>();
  getItem = (key: string) => this.data.get(key) ?? null;
  setItem = (key: string, value: string) => void this.data.set(key, value);
  removeItem = (key: string) => void this.data.delete(key);
}

// A clock whose timers run only when the test advances time.
class FakeClock implements SessionClock {
  time = Date.parse('2026-01-01T00:00:00.000Z');
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 1;
  now = () => this.time;
  setTimeout = (callback: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  advance(ms: number) {
    this.time += ms;
    for (const timer of this.timers.filter((t) => t.at <= this.time)) {
      this.timers = this.timers.filter((t) => t !== timer);
      timer.callback();
    }
  }
  get pending() {
    return this.timers.length;
  }
}

const inMinutes = (clock: FakeClock, minutes: number) =>
  new Date(clock.time + minutes * 60_000).toISOString();

function setup() {
  const storage = new MemoryStorage();
  const clock = new FakeClock();
  const store = new SessionStore(storage, clock);
  const events: SessionEvent[] = [];
  store.subscribe((e) => events.push(e));
  return { storage, clock, store, events };
}

describe('SessionStore', () => {
  it('should keep the token with its expiry in localStorage when a session is saved', () => {
    const { storage, clock, store, events } = setup();
    const session = { accessToken: 'tok-1', expiresAt: inMinutes(clock, 30) };
    store.save(session);
    expect(JSON.parse(storage.getItem(SESSION_STORAGE_KEY) ?? '')).toEqual(session);
    expect(store.getToken()).toBe('tok-1');
    expect(events).toEqual([{ type: 'started' }]);
  });

  it('should find a session saved by an earlier page load', () => {
    const { storage, clock } = setup();
    storage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ accessToken: 'tok-2', expiresAt: inMinutes(clock, 5) }),
    );
    expect(new SessionStore(storage, clock).getToken()).toBe('tok-2');
  });

  it('should end the session with reason expired when its expiry time arrives', () => {
    const { clock, store, events, storage } = setup();
    store.save({ accessToken: 'tok', expiresAt: inMinutes(clock, 10) });
    clock.advance(9 * 60_000);
    expect(store.getToken()).toBe('tok');
    clock.advance(60_000);
    expect(events.at(-1)).toEqual({ type: 'ended', reason: 'expired' });
    expect(storage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(store.getToken()).toBeUndefined();
  });

  it('should drop an expired stored token on read and report the expiry', () => {
    const { storage, clock, store, events } = setup();
    storage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ accessToken: 'old', expiresAt: inMinutes(clock, -1) }),
    );
    expect(store.getToken()).toBeUndefined();
    expect(storage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(events).toEqual([{ type: 'ended', reason: 'expired' }]);
  });

  it('should ignore stored values that are not a session', () => {
    const { storage, store } = setup();
    storage.setItem(SESSION_STORAGE_KEY, 'not json');
    expect(store.getToken()).toBeUndefined();
    storage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'x' }));
    expect(store.getToken()).toBeUndefined();
  });

  it('should remove the token, cancel the timer and tell listeners why when cleared', () => {
    const { clock, store, events, storage } = setup();
    store.save({ accessToken: 'tok', expiresAt: inMinutes(clock, 10) });
    store.clear('logout');
    expect(storage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(clock.pending).toBe(0);
    expect(events.at(-1)).toEqual({ type: 'ended', reason: 'logout' });
  });

  it('should report unauthenticated rather than expired when there was no token to expire', () => {
    const { store, events } = setup();
    store.clear('expired');
    expect(events).toEqual([{ type: 'ended', reason: 'unauthenticated' }]);
  });

  it('should not end a newer session when the timer of a replaced one fires', () => {
    const { clock, store, events } = setup();
    store.save({ accessToken: 'first', expiresAt: inMinutes(clock, 1) });
    store.save({ accessToken: 'second', expiresAt: inMinutes(clock, 60) });
    clock.advance(2 * 60_000);
    expect(store.getToken()).toBe('second');
    expect(events.filter((e) => e.type === 'ended')).toEqual([]);
  });
});
