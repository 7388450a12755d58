import type { RateLimitPolicy } from '../../src/capture/http/client.js';
import type { RateLimitState } from '../../src/capture/http/rate-gate.js';

/**
 * X sends `x-rate-limit-limit`, `-remaining` and `-reset` on every API answer, the reset in Unix
 * epoch seconds on the server's clock, one window per endpoint and token. We move the reset onto
 * our clock with the `Date` header (whole seconds, so offsets under two seconds are granularity).
 */
export function readXRateLimit(status: number, headers: Record<string, string>, receivedAt: number): RateLimitState | null {
  const limit = Number(headers['x-rate-limit-limit']);
  const remaining = Number(headers['x-rate-limit-remaining']);
  const resetSeconds = Number(headers['x-rate-limit-reset']);
  if (!headers['x-rate-limit-reset'] || !Number.isFinite(limit) || !Number.isFinite(remaining) || !Number.isFinite(resetSeconds)) return null;
  const serverNow = Date.parse(headers['date'] ?? '');
  const skew = Number.isFinite(serverNow) ? serverNow - receivedAt : 0;
  const offset = Math.abs(skew) < 2000 ? 0 : skew;
  // A 429 while the window still has requests left is the per-second rule (full-archive search):
  // the next second will do, not the end of the 15-minute window.
  if (status === 429 && remaining > 0) return { limit, remaining: 0, resetAt: receivedAt + 1000 };
  return { limit, remaining, resetAt: resetSeconds * 1000 - offset };
}

/** The endpoints X limits separately; each has its own window per token. */
export type XEndpoint = 'users/by/username' | 'users/:id/tweets' | 'tweets/search/recent' | 'tweets/search/all' | 'tweets';

export function xRateLimit(host: string, endpoint: XEndpoint, who: string): RateLimitPolicy {
  return { key: `${host} ${endpoint} ${who}`, read: readXRateLimit };
}
