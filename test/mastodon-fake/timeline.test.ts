import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { get, linkRel, type StatusJson } from './helpers.js';

let srv: FakeMastodon;
let accountId: string;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** ids compare as Mastodon documents: shorter is older, equal length lexically. */
const newerFirst = (a: string, b: string): number => (a.length !== b.length ? b.length - a.length : a < b ? 1 : a > b ? -1 : 0);

beforeAll(async () => {
  srv = await startFakeMastodon({ rateLimit: null });
  const res = await get<{ id: string }>(`${srv.url}/api/v1/accounts/lookup?acct=voorbeeldstad`);
  accountId = res.body.id;
});
afterAll(() => srv.close());

describe('account lookup', () => {
  it('resolves a local acct, with or without @ and own domain, and 404s an unknown one', async () => {
    const host = new URL(srv.url).host;
    for (const acct of ['voorbeeldstad', '@voorbeeldstad', `voorbeeldstad@${host}`]) {
      const res = await get<{ id: string; acct: string }>(`${srv.url}/api/v1/accounts/lookup?acct=${encodeURIComponent(acct)}`);
      expect(res.status).toBe(200);
      expect(res.body.acct).toBe('voorbeeldstad');
    }
    const remote = await get<{ acct: string; url: string }>(`${srv.url}/api/v1/accounts/lookup?acct=jan@mastodon.social`);
    expect(remote.body).toMatchObject({ acct: 'jan@mastodon.social', url: 'https://mastodon.social/@jan' });
    const missing = await get(`${srv.url}/api/v1/accounts/lookup?acct=bestaatniet`);
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('{"error":"Record not found"}');
    expect(missing.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});

describe('GET /api/v1/accounts/:id/statuses', () => {
  async function walk(first: string, rel: 'next' | 'prev'): Promise<{ pages: StatusJson[][]; links: (string | null)[] }> {
    const pages: StatusJson[][] = [];
    const links: (string | null)[] = [];
    let url: string | null = first;
    while (url !== null) {
      const res: Awaited<ReturnType<typeof get<StatusJson[]>>> = await get<StatusJson[]>(url);
      expect(res.status).toBe(200);
      pages.push(res.body);
      links.push(res.headers.get('link'));
      url = linkRel(res.headers.get('link'), rel);
      expect(pages.length).toBeLessThan(50);
    }
    return { pages, links };
  }

  it('walks down with max_id and up with min_id, covering every status exactly once', async () => {
    const expected = [...srv.dataset.timeline(accountId)];
    expect(expected.length).toBeGreaterThan(40);
    for (const limit of [20, 40]) {
      const down = await walk(`${srv.url}/api/v1/accounts/${accountId}/statuses?limit=${limit}`, 'next');
      const downIds = down.pages.flat().map((s) => s.id);
      expect(downIds).toEqual(expected);
      // A full page links on, a short one does not: the walk ends on the first short page.
      down.pages.forEach((page, i) => expect(linkRel(down.links[i] ?? null, 'next') !== null).toBe(page.length === limit));
      expect(down.pages).toHaveLength(Math.floor(expected.length / limit) + 1);

      const up = await walk(`${srv.url}/api/v1/accounts/${accountId}/statuses?limit=${limit}&min_id=0`, 'prev');
      // Each page is newest first; pages come oldest first; the final page is empty and has no Link.
      for (const page of up.pages) expect(page.map((s) => s.id)).toEqual([...page.map((s) => s.id)].sort(newerFirst));
      expect(up.pages[up.pages.length - 1]).toEqual([]);
      expect(up.links[up.links.length - 1]).toBeNull();
      const upIds = up.pages.flatMap((p) => p.map((s) => s.id));
      expect(new Set(upIds).size).toBe(upIds.length);
      expect([...upIds].sort(newerFirst)).toEqual(expected);
    }
  });

  it('writes the Link header as Mastodon does', async () => {
    const res = await get<StatusJson[]>(`${srv.url}/api/v1/accounts/${accountId}/statuses?limit=40`);
    const ids = res.body.map((s) => s.id);
    const base = `${srv.url}/api/v1/accounts/${accountId}/statuses`;
    expect(res.headers.get('link')).toBe(
      `<${base}?limit=40&max_id=${ids[39]}>; rel="next", <${base}?limit=40&min_id=${ids[0]}>; rel="prev"`,
    );
    // Default limit 20, and no limit copied when none was sent; limit is capped at 40.
    const dflt = await get<StatusJson[]>(`${base}`);
    expect(dflt.body).toHaveLength(20);
    expect(dflt.headers.get('link')).toMatch(new RegExp(`^<${base}\\?max_id=\\d+>; rel="next", <${base}\\?min_id=\\d+>; rel="prev"$`));
    const capped = await get<StatusJson[]>(`${base}?limit=100`);
    expect(capped.body).toHaveLength(40);
    // Filters are copied into both links, in sorted order.
    const filtered = await get<StatusJson[]>(`${base}?limit=5&exclude_replies=true&exclude_reblogs=true`);
    expect(linkRel(filtered.headers.get('link'), 'next')).toMatch(/\?exclude_reblogs=true&exclude_replies=true&limit=5&max_id=\d+$/);
    expect(linkRel(filtered.headers.get('link'), 'prev')).toMatch(/\?exclude_reblogs=true&exclude_replies=true&limit=5&min_id=\d+$/);
    // An empty page has no Link header at all.
    const empty = await get<StatusJson[]>(`${base}?min_id=${ids[0]}`);
    expect(empty.body).toEqual([]);
    expect(empty.headers.get('link')).toBeNull();
  });

  it('uses string ids beyond 2^53, ordered newest first, with ISO timestamps', async () => {
    const res = await get<StatusJson[]>(`${srv.url}/api/v1/accounts/${accountId}/statuses?limit=40`);
    expect(res.text).toMatch(/"id":"\d{18}"/);
    const ids = res.body.map((s) => s.id);
    for (const id of ids) {
      expect(typeof id).toBe('string');
      expect(BigInt(id) > MAX_SAFE).toBe(true);
    }
    expect(ids).toEqual([...ids].sort(newerFirst));
    for (let i = 1; i < res.body.length; i++) {
      const [a, b] = [res.body[i - 1], res.body[i]] as [StatusJson, StatusJson];
      expect(Date.parse(a.created_at)).toBeGreaterThanOrEqual(Date.parse(b.created_at));
    }
    for (const s of res.body) expect(s.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('includes own replies and boosts, and filters them on request', async () => {
    const all = await walkIds(`${srv.url}/api/v1/accounts/${accountId}/statuses?limit=40`);
    const statuses = all.map((id) => srv.dataset.status(id));
    const ownReplies = statuses.filter((s) => s?.inReplyToId && s.inReplyToAccountId !== accountId);
    const boosts = statuses.filter((s) => s?.reblogOfId);
    expect(ownReplies.length).toBeGreaterThan(5);
    expect(boosts).toHaveLength(1);

    const noReplies = await walkIds(`${srv.url}/api/v1/accounts/${accountId}/statuses?limit=40&exclude_replies=true`);
    expect(noReplies).toHaveLength(all.length - ownReplies.length);
    // A reply to oneself (a thread) is not excluded.
    const selfThread = noReplies.map((id) => srv.dataset.status(id)).filter((s) => s?.inReplyToId);
    expect(selfThread.length).toBeGreaterThan(0);
    const noBoosts = await walkIds(`${srv.url}/api/v1/accounts/${accountId}/statuses?limit=40&exclude_reblogs=1`);
    expect(noBoosts).toHaveLength(all.length - 1);

    const boost = await get<StatusJson>(`${srv.url}/api/v1/statuses/${boosts[0]?.id}`);
    expect(boost.body.content).toBe('');
    expect(boost.body.reblog?.account.acct).toBe('burgemeester');
    expect(boost.body.uri).toBe(`${srv.url}/users/voorbeeldstad/statuses/${boost.body.id}/activity`);

    const pinned = await get<StatusJson[]>(`${srv.url}/api/v1/accounts/${accountId}/statuses?pinned=true`);
    expect(pinned.body.map((s) => s.content.includes('Code oranje'))).toEqual([true]);
    const media = await walkIds(`${srv.url}/api/v1/accounts/${accountId}/statuses?only_media=true`);
    expect(media.length).toBeGreaterThan(0);
    expect(media.every((id) => (srv.dataset.status(id)?.media.length ?? 0) > 0)).toBe(true);
  });

  it('since_id returns the newest page above the id; max_id with min_id bounds both ends', async () => {
    const ids = [...srv.dataset.timeline(accountId)];
    const since = await get<StatusJson[]>(`${srv.url}/api/v1/accounts/${accountId}/statuses?limit=5&since_id=${ids[30]}`);
    expect(since.body.map((s) => s.id)).toEqual(ids.slice(0, 5));
    const between = await get<StatusJson[]>(`${srv.url}/api/v1/accounts/${accountId}/statuses?limit=40&min_id=${ids[10]}&max_id=${ids[3]}`);
    expect(between.body.map((s) => s.id)).toEqual(ids.slice(4, 10));
  });

  it('404s an unknown account', async () => {
    const res = await get(`${srv.url}/api/v1/accounts/123456789012345678/statuses`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'Record not found' });
  });
});

async function walkIds(first: string): Promise<string[]> {
  const out: string[] = [];
  let url: string | null = first;
  while (url) {
    const res: Awaited<ReturnType<typeof get<StatusJson[]>>> = await get<StatusJson[]>(url);
    out.push(...res.body.map((s) => s.id));
    url = linkRel(res.headers.get('link'), 'next');
  }
  return out;
}
