export const SESSION_STORAGE_KEY = 'switchboard.token';

export interface StoredSession {
  accessToken: string;
  expiresAt: string; // ISO 8601, from the login answer
}

// 'expired': the token ran out or the server refused it; 'logout': the user signed out;
// 'unauthenticated': the server asked for a login and there was no token at all.
export type SessionEndReason = 'expired' | 'logout' | 'unauthenticated';

export type SessionEvent = { type: 'started' } | { type: 'ended'; reason: SessionEndReason };

export interface SessionClock {
  now: () => number;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const browserClock: SessionClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => window.setTimeout(callback, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

// setTimeout fires at once for delays above 2^31-1 ms; long tokens are re-checked instead.
const MAX_TIMER_MS = 2_000_000_000;

// The bearer token and its expiry, kept in localStorage so a reload stays signed in. The one
// owner of the token: the HTTP client reads it, the realtime client reads it, and a timer ends
// the session when it expires.
export class SessionStore {
  private timer: unknown;
  private readonly listeners = new Set<(event: SessionEvent) => void>();

  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined,
    private readonly clock: SessionClock = browserClock,
  ) {}

  // The stored session while it is valid; an expired one is dropped (and reported) on read.
  get(): StoredSession | undefined {
    const stored = this.read();
    if (!stored) return undefined;
    if (Date.parse(stored.expiresAt) <= this.clock.now()) {
      this.clear('expired');
      return undefined;
    }
    this.schedule(stored);
    return stored;
  }

  getToken(): string | undefined {
    return this.get()?.accessToken;
  }

  save(session: StoredSession): void {
    try {
      this.storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
    } catch {
      // storage disabled: the session lasts for this page only
    }
    this.memory = session;
    this.schedule(session, true);
    this.emit({ type: 'started' });
  }

  clear(reason: SessionEndReason): void {
    this.cancelTimer();
    const had = this.read() !== undefined;
    this.memory = undefined;
    try {
      this.storage?.removeItem(SESSION_STORAGE_KEY);
    } catch {
      // nothing stored
    }
    // A 401 without any token is not an expiry, whatever the caller thought.
    this.emit({ type: 'ended', reason: reason === 'expired' && !had ? 'unauthenticated' : reason });
  }

  subscribe(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private memory: StoredSession | undefined;
  private scheduledFor: string | undefined;

  private read(): StoredSession | undefined {
    if (!this.storage) return this.memory;
    let raw: string | null;
    try {
      raw = this.storage.getItem(SESSION_STORAGE_KEY);
    } catch {
      return this.memory; // storage disabled: the session lives in memory only
    }
    if (raw === null) return undefined;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isStoredSession(parsed)) return parsed;
    } catch {
      // not ours: treat as no session
    }
    return undefined;
  }

  private schedule(session: StoredSession, force = false): void {
    if (!force && this.scheduledFor === session.expiresAt && this.timer !== undefined) return;
    this.cancelTimer();
    const delay = Math.max(0, Date.parse(session.expiresAt) - this.clock.now());
    this.scheduledFor = session.expiresAt;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (delay > MAX_TIMER_MS) this.get();
      else if (this.read()?.expiresAt === session.expiresAt) this.clear('expired');
    }, Math.min(delay, MAX_TIMER_MS));
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.scheduledFor = undefined;
  }

  private emit(event: SessionEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.accessToken === 'string' &&
    v.accessToken !== '' &&
    typeof v.expiresAt === 'string' &&
    !Number.isNaN(Date.parse(v.expiresAt))
  );
}

function browserStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

export const session = new SessionStore(browserStorage());
