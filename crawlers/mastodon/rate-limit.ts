import type { RateLimitPolicy } from '../../src/capture/http/client.js';
import type { RateLimitState } from '../../src/capture/http/rate-gate.js';

/**
 * Mastodon sends `X-RateLimit-Limit`, `-Remaining` and `-Reset`, the reset as an ISO 8601 time on
 * the server's clock. We move it onto ours using the `Date` header; that header has whole seconds
 * only, so offsets under two seconds are taken as clock granularity, not skew.
 */
export function readMastodonRateLimit(_status: number, headers: Record<string, string>, receivedAt: number): RateLimitState | null {
  const limit = Number(headers['x-ratelimit-limit']);
  const remaining = Number(headers['x-ratelimit-remaining']);
  const reset = Date.parse(headers['x-ratelimit-reset'] ?? '');
  if (!Number.isFinite(limit) || !Number.isFinite(remaining) || !Number.isFinite(reset)) return null;
  const serverNow = Date.parse(headers['date'] ?? '');
  const skew = Number.isFinite(serverNow) ? serverNow - receivedAt : 0;
  const offset = Math.abs(skew) < 2000 ? 0 : skew;
  return { limit, remaining, resetAt: reset - offset };
}

export function mastodonRateLimit(key: string): RateLimitPolicy {
  return { key, read: readMastodonRateLimit };
}
