import type { RateLimitPolicy } from '../../src/capture/http/client.js';
import type { RateLimitState } from '../../src/capture/http/rate-gate.js';

/**
 * Bluesky services (xrpc-server) send `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`
 * (Unix epoch seconds on the server's clock) and `RateLimit-Policy: <limit>;w=<seconds>`. The reset
 * is moved onto our clock with the `Date` header; both have whole seconds only, so offsets under two
 * seconds are taken as granularity, not skew. Without `Reset`, the policy's window from now is the
 * safe guess.
 */
export function readBlueskyRateLimit(_status: number, headers: Record<string, string>, receivedAt: number): RateLimitState | null {
  const limit = Number(headers['ratelimit-limit']);
  const remaining = Number(headers['ratelimit-remaining']);
  if (!Number.isFinite(limit) || !Number.isFinite(remaining) || headers['ratelimit-remaining'] === undefined) return null;
  const resetSeconds = Number(headers['ratelimit-reset']);
  if (headers['ratelimit-reset'] !== undefined && Number.isFinite(resetSeconds)) {
    const serverNow = Date.parse(headers['date'] ?? '');
    const skew = Number.isFinite(serverNow) ? serverNow - receivedAt : 0;
    const offset = Math.abs(skew) < 2000 ? 0 : skew;
    return { limit, remaining, resetAt: resetSeconds * 1000 - offset };
  }
  const window = /;\s*w=(\d+)/.exec(headers['ratelimit-policy'] ?? '');
  return window ? { limit, remaining, resetAt: receivedAt + Number(window[1]) * 1000 } : null;
}

export function blueskyRateLimit(key: string): RateLimitPolicy {
  return { key, read: readBlueskyRateLimit };
}
