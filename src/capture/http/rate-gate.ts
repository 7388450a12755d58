/** What a platform's rate-limit headers say, with the reset moved onto our own clock. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Local epoch milliseconds at which the window resets. */
  resetAt: number;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Keeps requests to one rate-limited key (a host, or a host and token) inside the platform's budget.
 *
 * The platform tells us, on every response, how many requests remain until the window resets. We
 * spend that budget locally, counting requests in flight that the server has not counted yet, and
 * when it is spent we wait for the reset. When the window is unknown (first request, or after a
 * reset) only one probe request goes out to learn it, so a burst can never overshoot.
 */
export class RateGate {
  private remaining: number | null = null;
  private resetAt = 0;
  private inflight = 0;
  private waiters: (() => void)[] = [];
  /** Requests that had to wait for a window reset, for the run's report. */
  waits = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly sleepFn: Sleep = sleep,
    /** Margin after a reset before the next request, for clock granularity. */
    private readonly marginMs = 50,
  ) {}

  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.now();
      if (this.remaining !== null && now >= this.resetAt + this.marginMs) this.remaining = null;
      if (this.remaining === null) {
        if (this.inflight === 0) {
          this.inflight++;
          return;
        }
        await new Promise<void>((resolve) => this.waiters.push(resolve));
        continue;
      }
      if (this.remaining > 0) {
        this.remaining--;
        this.inflight++;
        return;
      }
      this.waits++;
      await this.sleepFn(this.resetAt + this.marginMs - now, signal);
    }
  }

  /**
   * Call once per acquire(): with what the response said (null when it said nothing about limits),
   * or `undefined` when no response arrived at all.
   */
  release(state: RateLimitState | null | undefined): void {
    this.inflight--;
    if (state === undefined) {
      // No response, nothing learned: the next waiter probes.
    } else if (state) {
      const others = this.inflight;
      const sameWindow = this.remaining !== null && Math.abs(state.resetAt - this.resetAt) < 1000;
      const fromServer = Math.max(0, state.remaining - others);
      this.remaining = sameWindow ? Math.min(this.remaining!, fromServer) : fromServer;
      this.resetAt = state.resetAt;
    } else if (this.remaining === null && this.inflight === 0) {
      // The platform sent no limits: nothing to spend, let everyone through.
      this.remaining = Number.POSITIVE_INFINITY;
      this.resetAt = Number.POSITIVE_INFINITY;
    }
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  /** A 429 arrived: nothing is left until `resetAt`. */
  exhausted(resetAt: number): void {
    this.remaining = 0;
    this.resetAt = resetAt;
  }
}
