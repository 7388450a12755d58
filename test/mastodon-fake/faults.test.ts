import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { get } from './helpers.js';

let srv: FakeMastodon;
let lookup: string;

beforeAll(async () => {
  srv = await startFakeMastodon({ rateLimit: null });
  lookup = `${srv.url}/api/v1/accounts/lookup?acct=voorbeeldstad`;
});
afterAll(() => srv.close());

/** Read a body to the end; returns the bytes received and the error that ended it, if any. */
async function drain(res: Response): Promise<{ bytes: number; error: unknown }> {
  const reader = res.body?.getReader();
  let bytes = 0;
  try {
    for (;;) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) return { bytes, error: null };
      bytes += chunk.value.length;
    }
  } catch (error) {
    return { bytes, error };
  }
}

describe('injected faults', () => {
  it('answers 5xx with an HTML page the given number of times, then recovers', async () => {
    srv.inject({ kind: 'status', status: 503, times: 2, match: /\/accounts\/lookup/ });
    for (let i = 0; i < 2; i++) {
      const res = await get(lookup);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toBe('text/html');
      expect(res.text).toContain('503 Service Temporarily Unavailable');
    }
    expect((await get(lookup)).status).toBe(200);
    srv.inject({ kind: 'status', status: 500, times: 1, body: '{"error":"boom"}' });
    const custom = await get(lookup);
    expect(custom.status).toBe(500);
    expect(custom.body).toEqual({ error: 'boom' });
  });

  it('sends a 429 below the limit, without rate-limit headers unless asked', async () => {
    const before = srv.stats.exceeded;
    srv.inject({ kind: '429', times: 1 });
    const plain = await get(lookup);
    expect(plain.status).toBe(429);
    expect(plain.body).toEqual({ error: 'Too many requests' });
    expect(plain.headers.get('x-ratelimit-remaining')).toBeNull();
    srv.inject({ kind: '429', times: 1, resetInSeconds: 2 });
    const withReset = await get(lookup);
    expect(withReset.headers.get('x-ratelimit-remaining')).toBe('0');
    const wait = Date.parse(withReset.headers.get('x-ratelimit-reset') ?? '') - Date.now();
    expect(wait).toBeGreaterThan(1000);
    expect(wait).toBeLessThanOrEqual(2000);
    expect(srv.stats.exceeded).toBe(before);
  });

  it('stalls without a response, then closes the connection', async () => {
    srv.inject({ kind: 'stall', times: 1, ms: 5_000 });
    const t0 = Date.now();
    await expect(fetch(lookup, { signal: AbortSignal.timeout(200) })).rejects.toThrow(/aborted|timeout/i);
    expect(Date.now() - t0).toBeLessThan(2_000);
    srv.inject({ kind: 'stall', times: 1, ms: 150 });
    const t1 = Date.now();
    await expect(fetch(lookup)).rejects.toThrow();
    expect(Date.now() - t1).toBeGreaterThanOrEqual(140);
    expect((await get(lookup)).status).toBe(200);
  });

  it('stalls in the middle of a body', async () => {
    srv.inject({ kind: 'stall-body', times: 1, ms: 200 });
    const t0 = Date.now();
    const res = await fetch(lookup);
    expect(res.status).toBe(200);
    const announced = Number(res.headers.get('content-length'));
    const { bytes, error } = await drain(res);
    expect(error).not.toBeNull();
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(announced);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
  });

  it('truncates a body below its Content-Length', async () => {
    const media = [...srv.dataset.files.keys()][0] as string;
    srv.inject({ kind: 'truncate', times: 1, match: /^\/system\// });
    const res = await fetch(`${srv.url}${media}`);
    const announced = Number(res.headers.get('content-length'));
    const { bytes, error } = await drain(res);
    expect(error).not.toBeNull();
    expect(bytes).toBeLessThan(announced);
    const whole = await fetch(`${srv.url}${media}`);
    expect((await whole.arrayBuffer()).byteLength).toBe(announced);
  });

  it('resets the connection without a response', async () => {
    srv.inject({ kind: 'reset', times: 1 });
    await expect(fetch(lookup)).rejects.toThrow();
    expect((await get(lookup)).status).toBe(200);
  });

  it('consumes faults in order, each by the first request it matches', async () => {
    srv.inject({ kind: 'status', status: 502, times: 1, match: /\/context$/ });
    srv.inject({ kind: 'status', status: 500, times: 1 });
    expect(srv.pendingFaults).toBe(2);
    expect((await get(lookup)).status).toBe(500);
    const storm = [...srv.dataset.statuses.values()].find((s) => s.pinned);
    expect((await get(`${srv.url}/api/v1/statuses/${storm?.id}`)).status).toBe(200);
    expect((await get(`${srv.url}/api/v1/statuses/${storm?.id}/context`)).status).toBe(502);
    expect(srv.pendingFaults).toBe(0);
  });

  it('tells a listener about every request before answering it', async () => {
    const own = await startFakeMastodon();
    try {
      const seen: [number, string, string, number][] = [];
      own.onRequest((n, method, pathAndQuery) => seen.push([n, method, pathAndQuery, Object.values(own.stats.responses).reduce((a, b) => a + b, 0)]));
      await get(`${own.url}/api/v1/accounts/lookup?acct=voorbeeldstad`);
      await fetch(`${own.url}/api/v1/instance`, { method: 'HEAD' });
      await get(`${own.url}/nope`);
      expect(seen).toEqual([
        [1, 'GET', '/api/v1/accounts/lookup?acct=voorbeeldstad', 0],
        [2, 'HEAD', '/api/v1/instance', 1],
        [3, 'GET', '/nope', 2],
      ]);
      expect(own.stats).toMatchObject({ requests: 3, apiRequests: 2, responses: { 200: 2, 404: 1 } });
      expect(own.stats.paths['/api/v1/accounts/lookup']).toBe(1);
    } finally {
      await own.close();
    }
  });
});
