import type { RateLimitPolicy } from '../../src/capture/http/client.js';
import type { RateLimitState } from '../../src/capture/http/rate-gate.js';

/**
 * A website announces no budget; it refuses with 429 (or 503) and may say in `Retry-After` when to
 * come back: seconds, or an HTTP date (RFC 9110 §10.2.3), moved onto our clock with its `Date`
 * header. Nothing goes to the host until then: the gate is shared by every request of the domain.
 */
export function readRetryAfter(status: number, headers: Record<string, string>, receivedAt: number): RateLimitState | null {
  if (status !== 429 && status !== 503) return null;
  const v = (headers['retry-after'] ?? '').trim();
  if (!v) return null;
  let resetAt: number;
  if (/^\d+$/.test(v)) resetAt = receivedAt + Number(v) * 1000;
  else {
    const at = Date.parse(v);
    if (!Number.isFinite(at)) return null;
    const serverNow = Date.parse(headers['date'] ?? '');
    resetAt = at - (Number.isFinite(serverNow) ? serverNow - receivedAt : 0);
  }
  return { limit: 0, remaining: 0, resetAt: Math.max(receivedAt, resetAt) };
}

export const retryAfterPolicy = (key: string): RateLimitPolicy => ({ key, read: readRetryAfter });
