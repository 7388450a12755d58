// Login throttling: after a few failures for one user name or from one address, further attempts
// wait, longer with every failure, for a window. Kept in memory: a restart forgives, which is
// acceptable for a console that listens on an internal network.

export interface ThrottleOptions {
  /** Failures allowed within the window before attempts are refused. */
  freeFailures: number;
  windowMs: number;
  /** Lock-out after the first failure beyond the free ones; doubles with each further failure. */
  baseLockMs: number;
  maxLockMs: number;
  now?: () => number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { freeFailures: 5, windowMs: 15 * 60_000, baseLockMs: 30_000, maxLockMs: 15 * 60_000 };

interface Entry {
  failures: number;
  firstAt: number;
  lockedUntil: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly o: ThrottleOptions = DEFAULT_THROTTLE) {
    this.now = o.now ?? Date.now;
  }

  /** Milliseconds to wait before any of these keys may try again; 0 when they may. */
  waitMs(keys: string[]): number {
    const now = this.now();
    return Math.max(0, ...keys.map((k) => (this.entries.get(k)?.lockedUntil ?? 0) - now));
  }

  failed(keys: string[]): void {
    const now = this.now();
    for (const k of keys) {
      let e = this.entries.get(k);
      if (!e || now - e.firstAt > this.o.windowMs) e = { failures: 0, firstAt: now, lockedUntil: 0 };
      e.failures++;
      const over = e.failures - this.o.freeFailures;
      if (over > 0) e.lockedUntil = now + Math.min(this.o.maxLockMs, this.o.baseLockMs * 2 ** (over - 1));
      this.entries.set(k, e);
    }
    if (this.entries.size > 10_000) this.prune(now);
  }

  succeeded(keys: string[]): void {
    for (const k of keys) this.entries.delete(k);
  }

  private prune(now: number): void {
    for (const [k, e] of this.entries) if (now - e.firstAt > this.o.windowMs && e.lockedUntil < now) this.entries.delete(k);
  }
}
