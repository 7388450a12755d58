import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveDate } from '../../crawlers/x/archive/schema.js';
import { parseYtd } from '../../crawlers/x/archive/ytd.js';
import { DEMO_NOW, demoDataset } from '../../crawlers/x/fake/demo-dataset.js';
import { startFakeX, type FakeX } from '../../crawlers/x/fake/server.js';
import { readXRateLimit } from '../../crawlers/x/rate-limit.js';
import { plainText } from '../../crawlers/x/text.js';

// The fake answers as X API v2 does (shared/reference/platforms.md §3 and the X docs it cites):
// field selection, pagination and its end marker, problems in 200 answers, 400s, 401, 404, limits.
const TOKEN = 'x-fake-bearer-3c4d5e6f';
const auth = { Authorization: `Bearer ${TOKEN}` };
let fake: FakeX;
let clock = Date.parse(DEMO_NOW);

type Body = { data?: any; includes?: any; meta?: any; errors?: any[]; title?: string; type?: string; status?: number };
async function get(path: string, headers: Record<string, string> = auth): Promise<{ status: number; body: Body; headers: Headers }> {
  const res = await fetch(`${fake.url}${path}`, { headers });
  return { status: res.status, body: (await res.json()) as Body, headers: res.headers };
}

beforeAll(async () => {
  fake = await startFakeX({ dataset: demoDataset(), tokens: [TOKEN], now: () => clock, rateLimits: { 'users/by/username': { limit: 2, periodSeconds: 900 } } });
});
afterAll(async () => fake?.close());

describe('fake X API v2', () => {
  it('sends only the fields asked for, and refuses fields it does not know', async () => {
    const plain = await get('/2/users/2876543210/tweets?max_results=5');
    expect(Object.keys(plain.body.data[0]).sort()).toEqual(['edit_history_tweet_ids', 'id', 'text']);
    expect(plain.body.includes).toBeUndefined();
    const rich = await get('/2/users/2876543210/tweets?max_results=100&tweet.fields=created_at,public_metrics&expansions=author_id,attachments.media_keys&media.fields=url,variants');
    expect(rich.body.data[0]).toHaveProperty('created_at');
    expect(rich.body.includes.users[0]).toEqual({ id: '2876543210', name: 'Gemeente Voorbeeldstad', username: 'voorbeeldstad' });
    const video = rich.body.includes.media.find((m: { type: string }) => m.type === 'video');
    expect(video.variants.map((v: { content_type: string }) => v.content_type)).toEqual(['application/x-mpegURL', 'video/mp4', 'video/mp4', 'video/mp4']);
    // The OpenAPI spelling is accepted too.
    expect((await get('/2/users/2876543210/tweets?max_results=5&post.fields=created_at')).body.data[0]).toHaveProperty('created_at');
    const bad = await get('/2/users/2876543210/tweets?tweet.fields=created_at,bogus');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ title: 'Invalid Request', type: 'https://api.x.com/2/problems/invalid-request' });
    expect((await get('/2/users/2876543210/tweets?max_results=101')).status).toBe(400);
    expect((await get('/2/users/2876543210/tweets?pagination_token=nonsense')).status).toBe(400);
  });

  it('pages with next_token until it is absent, newest first, and since_id gives what is newer', async () => {
    const ids: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await get(`/2/users/2876543210/tweets?max_results=5${token ? `&pagination_token=${token}` : ''}`);
      pages++;
      ids.push(...r.body.data.map((t: { id: string }) => t.id));
      expect(r.body.meta.newest_id).toBe(r.body.data[0].id);
      if (pages > 1) expect(r.body.meta.previous_token).toBeDefined();
      token = r.body.meta.next_token;
    } while (token);
    expect(ids.length).toBe(fake.dataset.timeline('2876543210').length);
    expect([...ids].sort((a, b) => (a.length - b.length) || (a < b ? 1 : -1))).toEqual(ids);
    const newer = await get(`/2/users/2876543210/tweets?max_results=5&since_id=${ids[2]}`);
    expect(newer.body.data.map((t: { id: string }) => t.id)).toEqual(ids.slice(0, 2));
    expect(newer.body.meta.next_token).toBeUndefined();
    expect((await get(`/2/users/2876543210/tweets?since_id=${ids[0]}`)).body).toEqual({ meta: { result_count: 0 } });
  });

  it('answers lookups of deleted and unknown posts with resource-not-found problems in a 200, and earlier versions by their own id', async () => {
    const hours = [...fake.dataset.tweets.values()].find((t) => t.versions.length === 2)!;
    const r = await get(`/2/tweets?ids=${hours.versions[0]!.id},1234567890123&expansions=edit_history_tweet_ids`);
    expect(r.status).toBe(200);
    expect(r.body.data).toHaveLength(1);
    expect(r.body.data[0]).toMatchObject({ id: hours.versions[0]!.id, edit_history_tweet_ids: hours.versions.map((v) => v.id) });
    expect(r.body.includes.tweets.map((t: { id: string }) => t.id)).toEqual([hours.versions[1]!.id]);
    expect(r.body.errors).toEqual([
      expect.objectContaining({ resource_id: '1234567890123', resource_type: 'tweet', title: 'Not Found Error', type: 'https://api.x.com/2/problems/resource-not-found' }),
    ]);
    expect((await get('/2/users/by/username/nobody_here')).body.errors![0]).toMatchObject({ resource_type: 'user', type: 'https://api.x.com/2/problems/resource-not-found' });
    expect(await get('/2/nope')).toMatchObject({ status: 404, body: { errors: [{ code: 34 }] } });
  });

  it('searches conversations within seven days (recent) or all of them (full archive)', async () => {
    const waste = [...fake.dataset.tweets.values()].find((t) => t.versions[0]!.text.includes('gft-afval'))!;
    const id = waste.versions[0]!.id;
    const recent = await get(`/2/tweets/search/recent?query=conversation_id:${id}&max_results=10`);
    const all = await get(`/2/tweets/search/all?query=conversation_id:${id}&max_results=10`);
    expect(recent.body.data.length).toBe(1);
    expect(all.body.data.length).toBe(3);
    expect(all.body.data.map((t: { id: string }) => t.id)).not.toContain(id);
    expect((await get(`/2/tweets/search/recent?query=conversation_id:${id}&max_results=5`)).status).toBe(400);
    const old = new Date(clock - 8 * 86_400_000).toISOString();
    expect((await get(`/2/tweets/search/recent?query=conversation_id:${id}&start_time=${old}`)).body.errors![0].message).toMatch(/'start_time' must be on or after/);
  });

  it('refuses a missing or wrong token, and counts and refuses beyond the limit with x-rate-limit headers', async () => {
    expect(await get('/2/users/by/username/voorbeeldstad', {})).toMatchObject({ status: 401, body: { title: 'Unauthorized', status: 401 } });
    expect((await get('/2/users/by/username/voorbeeldstad', { Authorization: 'Bearer wrong' })).status).toBe(401);
    clock += 900_000; // a fresh window
    const first = await get('/2/users/by/username/voorbeeldstad');
    expect(first.headers.get('x-rate-limit-limit')).toBe('2');
    expect(first.headers.get('x-rate-limit-remaining')).toBe('1');
    expect(Number(first.headers.get('x-rate-limit-reset'))).toBe(Math.ceil((clock + 900_000) / 1000));
    await get('/2/users/by/username/voorbeeldstad');
    const refused = await get('/2/users/by/username/voorbeeldstad');
    expect(refused).toMatchObject({ status: 429, body: { title: 'Too Many Requests', status: 429 } });
    expect(refused.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(fake.stats.exceeded).toBe(1);
    clock += 900_000;
    expect((await get('/2/users/by/username/voorbeeldstad')).status).toBe(200);
  });

  it('serves photos at their original size only with name=orig', async () => {
    const m = [...fake.dataset.tweets.values()].flatMap((t) => t.versions.flatMap((v) => v.media)).find((x) => x.type === 'photo')!;
    const orig = Buffer.from(await (await fetch(`${fake.url}/media/${m.name}.jpg?name=orig`)).arrayBuffer());
    const medium = Buffer.from(await (await fetch(`${fake.url}/media/${m.name}.jpg`)).arrayBuffer());
    expect(orig.length).toBeGreaterThan(medium.length);
    expect(orig.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });
});

describe('X readers', () => {
  it('moves the epoch-second reset onto our clock, and reads a 429 with requests left as the per-second rule', () => {
    const now = Date.parse('2026-06-01T06:00:00Z');
    const h = (remaining: string, date = new Date(now).toUTCString()) => ({ 'x-rate-limit-limit': '300', 'x-rate-limit-remaining': remaining, 'x-rate-limit-reset': String(now / 1000 + 600), date });
    expect(readXRateLimit(200, h('12'), now)).toEqual({ limit: 300, remaining: 12, resetAt: now + 600_000 });
    expect(readXRateLimit(200, h('12', new Date(now + 60_000).toUTCString()), now)).toEqual({ limit: 300, remaining: 12, resetAt: now + 540_000 });
    expect(readXRateLimit(429, h('0'), now)?.resetAt).toBe(now + 600_000);
    expect(readXRateLimit(429, h('250'), now)).toEqual({ limit: 300, remaining: 0, resetAt: now + 1000 });
    expect(readXRateLimit(200, {}, now)).toBeNull();
  });

  it('reads window.YTD files as data, never as code', () => {
    expect(parseYtd('\uFEFFwindow.YTD.tweets.part2 = [ {"tweet": {}} ];\n', 'data/tweets-part2.js')).toEqual({ name: 'tweets', part: 2, entries: [{ tweet: {} }] });
    expect(() => parseYtd('window.YTD.tweets.part0 = (function(){ return [] })()', 'f')).toThrow(/is not JSON/);
    expect(() => parseYtd('window.YTD.tweets.part0 = {"a":1}', 'f')).toThrow(/is not a list/);
    expect(() => parseYtd('var x = []', 'f')).toThrow(/not an X archive data file/);
  });

  it('reads v1.1 dates with their offset, and refuses impossible ones', () => {
    expect(archiveDate('Sat Feb 18 12:33:11 +0000 2023')).toBe('2023-02-18T12:33:11.000Z');
    expect(archiveDate('Sat Feb 18 13:33:11 +0100 2023')).toBe('2023-02-18T12:33:11.000Z');
    expect(archiveDate('2023-02-18T12:33:11.000Z')).toBe('2023-02-18T12:33:11.000Z');
    expect(archiveDate('Sat Feb 30 12:33:11 +0000 2023')).toBeUndefined();
    expect(archiveDate('yesterday')).toBeUndefined();
  });

  it('writes short links out, leaves media links out and decodes what X escapes', () => {
    const text = 'Zie &lt;b&gt; &amp; https://t.co/abc en https://t.co/abcd https://t.co/pic';
    const links = [{ url: 'https://t.co/abc', expanded: 'https://a.nl' }, { url: 'https://t.co/abcd', expanded: 'https://b.nl' }, { url: 'https://t.co/pic', media: true }];
    expect(plainText(text, links)).toBe('Zie <b> & https://a.nl en https://b.nl');
  });
});
