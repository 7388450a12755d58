// Rack::Attack-style throttles (config/initializers/rack_attack.rb): fixed windows aligned to
// multiples of the period since the epoch, the request itself counted; headers from
// app/controllers/concerns/rate_limit_headers.rb.

export interface RateLimit {
  limit: number;
  periodSeconds: number;
}

export interface ThrottleData {
  limit: number;
  count: number;
  periodSeconds: number;
}

export class Throttle {
  private counts = new Map<string, number>();
  private window = -1;

  constructor(public config: RateLimit) {}

  /** Count one request for `discriminator` at `nowMs`; the result says how full the window is. */
  hit(discriminator: string, nowMs: number): ThrottleData {
    const { limit, periodSeconds } = this.config;
    const window = Math.floor(nowMs / 1000 / periodSeconds);
    if (window !== this.window) {
      this.window = window;
      this.counts = new Map();
    }
    const count = (this.counts.get(discriminator) ?? 0) + 1;
    this.counts.set(discriminator, count);
    return { limit, count, periodSeconds };
  }
}

/**
 * `now + (period - now.to_i % period)`, as Ruby's `iso8601(6)`: the end of the window plus the
 * fraction of the current second, with microseconds.
 */
export function resetTime(nowMs: number, periodSeconds: number): string {
  const seconds = Math.floor(nowMs / 1000);
  const resetMs = nowMs + (periodSeconds - (seconds % periodSeconds)) * 1000;
  return new Date(resetMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Headers for the throttle closest to exhaustion. */
export function rateLimitHeaders(data: ThrottleData[], nowMs: number): Record<string, string> {
  let most: ThrottleData | undefined;
  for (const d of data) if (!most || d.limit - d.count < most.limit - most.count) most = d;
  if (!most) return {};
  return {
    'X-RateLimit-Limit': String(most.limit),
    'X-RateLimit-Remaining': String(Math.max(0, most.limit - most.count)),
    'X-RateLimit-Reset': resetTime(nowMs, most.periodSeconds),
  };
}

/** The throttled responder's headers: the exceeded throttle, nothing remaining. */
export function exceededHeaders(d: ThrottleData, nowMs: number): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(d.limit),
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': resetTime(nowMs, d.periodSeconds),
  };
}
