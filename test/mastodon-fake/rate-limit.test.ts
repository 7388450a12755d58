import { afterEach, describe, expect, it } from 'vitest';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { bearer, get } from './helpers.js';

const servers: FakeMastodon[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A server whose clock the test moves. */
async function serverAt(startMs: number, opts: Parameters<typeof startFakeMastodon>[0] = {}) {
  const clock = { ms: startMs };
  const srv = await startFakeMastodon({ ...opts, now: () => clock.ms });
  servers.push(srv);
  return { srv, clock };
}

const ISO_MICRO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

describe('rate limits', () => {
  it('sends rack-attack headers on every API response and a 429 once the window is used up', async () => {
    // 12:03:21.456 UTC: the 300 s window runs from 12:00:00 to 12:05:00.
    const { srv } = await serverAt(Date.parse('2026-01-01T12:03:21.456Z'), { rateLimit: { limit: 5, periodSeconds: 300 } });
    const remaining: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await get(`${srv.url}/api/v1/accounts/lookup?acct=voorbeeldstad`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe('5');
      remaining.push(res.headers.get('x-ratelimit-remaining') ?? '');
      expect(res.headers.get('x-ratelimit-reset')).toBe('2026-01-01T12:05:00.456000Z');
      expect(res.headers.get('date')).toBe('Thu, 01 Jan 2026 12:03:21 GMT');
    }
    // A 404 is an API response too.
    const notFound = await get(`${srv.url}/api/v1/statuses/1`);
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(remaining).toEqual(['4', '3', '2', '1']);

    const over = await get(`${srv.url}/api/v1/accounts/lookup?acct=voorbeeldstad`);
    expect(over.status).toBe(429);
    expect(over.text).toBe('{"error":"Too many requests"}');
    expect(over.headers.get('content-type')).toMatch(/^application\/json/);
    expect(over.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(over.headers.get('x-ratelimit-reset')).toMatch(ISO_MICRO);
    expect(over.headers.get('retry-after')).toBeNull();
    expect(srv.stats.exceeded).toBe(1);
    expect(srv.stats.responses[429]).toBe(1);

    // The throttle answers before the token is checked, as rack-attack runs before the app.
    const badTokenWhileLimited = await get(`${srv.url}/api/v1/accounts/lookup?acct=voorbeeldstad`, bearer('x'));
    expect(badTokenWhileLimited.status).toBe(429);
    // Media are static files: never limited, no headers, not counted.
    const file = [...srv.dataset.files.keys()][0];
    const media = await fetch(`${srv.url}${file}`);
    expect(media.status).toBe(200);
    expect(media.headers.get('x-ratelimit-limit')).toBeNull();
    expect(srv.stats.exceeded).toBe(2);
  });

  it('starts a new window at the next multiple of the period', async () => {
    const { srv, clock } = await serverAt(Date.parse('2026-01-01T12:04:59.900Z'), { rateLimit: { limit: 2, periodSeconds: 300 } });
    const url = `${srv.url}/api/v1/accounts/lookup?acct=voorbeeldstad`;
    expect((await get(url)).status).toBe(200);
    expect((await get(url)).status).toBe(200);
    expect((await get(url)).status).toBe(429);
    clock.ms = Date.parse('2026-01-01T12:05:00.100Z');
    const fresh = await get(url);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(fresh.headers.get('x-ratelimit-reset')).toBe('2026-01-01T12:10:00.100000Z');
  });

  it('counts a user token apart from anonymous calls, and can be changed or switched off', async () => {
    const { srv } = await serverAt(Date.parse('2026-01-01T12:00:10.000Z'), { tokens: ['t'], rateLimit: { limit: 1, periodSeconds: 60 } });
    const url = `${srv.url}/api/v1/accounts/lookup?acct=voorbeeldstad`;
    expect((await get(url)).status).toBe(200);
    expect((await get(url)).status).toBe(429);
    expect((await get(url, bearer('t'))).status).toBe(200);
    srv.setRateLimit({ limit: 10, periodSeconds: 60 });
    const raised = await get(url);
    expect(raised.status).toBe(200);
    expect(raised.headers.get('x-ratelimit-remaining')).toBe('7');
    srv.setRateLimit(null);
    const off = await get(url);
    expect(off.status).toBe(200);
    expect(off.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('reports the throttle closest to exhaustion when the paging limit also applies', async () => {
    const { srv } = await serverAt(Date.parse('2026-01-01T12:00:10.000Z'), {
      rateLimit: { limit: 300, periodSeconds: 300 },
      pagingRateLimit: { limit: 3, periodSeconds: 900 },
    });
    const account = (await get<{ id: string }>(`${srv.url}/api/v1/accounts/lookup?acct=voorbeeldstad`)).body.id;
    const plain = await get(`${srv.url}/api/v1/accounts/${account}/statuses`);
    expect(plain.headers.get('x-ratelimit-limit')).toBe('300');
    const paging = await get(`${srv.url}/api/v1/accounts/${account}/statuses?max_id=999999999999999999`);
    expect(paging.headers.get('x-ratelimit-limit')).toBe('3');
    expect(paging.headers.get('x-ratelimit-remaining')).toBe('2');
    expect(paging.headers.get('x-ratelimit-reset')).toBe('2026-01-01T12:15:00.000000Z');
    await get(`${srv.url}/api/v1/accounts/${account}/statuses?min_id=0`);
    await get(`${srv.url}/api/v1/accounts/${account}/statuses?since_id=0`);
    const over = await get(`${srv.url}/api/v1/accounts/${account}/statuses?max_id=1`);
    expect(over.status).toBe(429);
    expect(over.headers.get('x-ratelimit-limit')).toBe('3');
    // Requests without paging parameters still go through.
    expect((await get(`${srv.url}/api/v1/accounts/${account}/statuses`)).status).toBe(200);
  });
});
