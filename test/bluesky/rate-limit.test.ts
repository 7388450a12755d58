import { describe, expect, it } from 'vitest';
import { readBlueskyRateLimit } from '../../crawlers/bluesky/rate-limit.js';
import { cidSha256 } from '../../crawlers/bluesky/cid.js';

describe('Bluesky rate-limit headers', () => {
  const now = Date.parse('2026-06-01T10:00:00.400Z');
  it('RateLimit-Reset is Unix seconds on the server clock, moved onto ours by the Date header', () => {
    const headers = { 'ratelimit-limit': '3000', 'ratelimit-remaining': '2990', 'ratelimit-reset': String(Date.parse('2026-06-01T10:05:00Z') / 1000), 'ratelimit-policy': '3000;w=300' };
    expect(readBlueskyRateLimit(200, { ...headers, date: 'Mon, 01 Jun 2026 10:00:00 GMT' }, now)).toEqual({ limit: 3000, remaining: 2990, resetAt: Date.parse('2026-06-01T10:05:00Z') });
    // A server clock a minute ahead: its reset is a minute earlier on ours.
    expect(readBlueskyRateLimit(200, { ...headers, date: 'Mon, 01 Jun 2026 10:01:00 GMT' }, now)!.resetAt).toBe(Date.parse('2026-06-01T10:04:00.400Z'));
  });
  it('without Reset the policy window is the safe guess; without the counts nothing is known', () => {
    expect(readBlueskyRateLimit(429, { 'ratelimit-limit': '10', 'ratelimit-remaining': '0', 'ratelimit-policy': '10;w=60' }, now)).toEqual({ limit: 10, remaining: 0, resetAt: now + 60_000 });
    expect(readBlueskyRateLimit(200, { 'x-ratelimit-limit': '10' }, now)).toBeNull();
  });
});

describe('CIDs', () => {
  it('a blob CID names the SHA-256 of its bytes; anything else names nothing', () => {
    // From the Bluesky docs' image record (shared/fixtures/platforms/bluesky/records/blob.image.json).
    expect(cidSha256('bafkreibabalobzn6cd366ukcsjycp4yymjymgfxcv6xczmlgpemzkz3cfa')).toMatch(/^[0-9a-f]{64}$/);
    expect(cidSha256('QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG')).toBeNull();
    expect(cidSha256('bafkrei')).toBeNull();
  });
});
