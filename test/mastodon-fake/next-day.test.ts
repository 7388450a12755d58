import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffCaptures, expectedCapture, type ExpectedCapture } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { bearer, get, linkRel, type StatusJson } from './helpers.js';

const DAY = 86_400_000;
let srv: FakeMastodon;
const before: Record<string, ExpectedCapture> = {};
const after: Record<string, ExpectedCapture> = {};
let newestBefore: string;
let countBefore: number;
let nowBefore: string;

beforeAll(async () => {
  srv = await startFakeMastodon({ tokens: ['t'], rateLimit: null });
  for (const acct of ['voorbeeldstad', 'burgemeester']) before[acct] = expectedCapture(srv.dataset, acct, { token: true });
  newestBefore = before.voorbeeldstad?.timeline[0] ?? '';
  countBefore = (await get<{ statuses_count: number }>(`${srv.url}/api/v1/accounts/lookup?acct=voorbeeldstad`)).body.statuses_count;
  nowBefore = srv.dataset.now;
  srv.nextDay();
  const size = srv.dataset.statuses.size;
  srv.nextDay();
  expect(srv.dataset.statuses.size).toBe(size);
  for (const acct of ['voorbeeldstad', 'burgemeester']) after[acct] = expectedCapture(srv.dataset, acct, { token: true });
});
afterAll(() => srv.close());

const status = (id: string) => {
  const s = srv.dataset.status(id);
  if (!s) throw new Error(`no status ${id}`);
  return s;
};

describe('the next day', () => {
  it('moves the dataset clock one day on', () => {
    expect(Date.parse(srv.dataset.now) - Date.parse(nowBefore)).toBe(DAY);
  });

  it('brings two new posts and new replies on an old and a recent thread', () => {
    const v = diffCaptures(before.voorbeeldstad as ExpectedCapture, after.voorbeeldstad as ExpectedCapture);
    const m = diffCaptures(before.burgemeester as ExpectedCapture, after.burgemeester as ExpectedCapture);
    const posts = [...v.added, ...m.added].filter((id) => status(id).inReplyToId === null);
    expect(posts).toHaveLength(2);
    expect(new Set(posts.map((id) => status(id).accountId)).size).toBe(2);

    // Which thread each new reply belongs to, and how old that thread's post is.
    const rootOf = (id: string): string => {
      let s = status(id);
      while (s.inReplyToId !== null) s = status(s.inReplyToId);
      return s.id;
    };
    const replies = v.added.filter((id) => status(id).inReplyToId !== null);
    const byThread = new Map<string, string[]>();
    for (const id of replies) byThread.set(rootOf(id), [...(byThread.get(rootOf(id)) ?? []), id]);
    const ages = [...byThread.keys()].map((root) => (Date.parse(nowBefore) - Date.parse(status(root).createdAt)) / DAY).sort((a, b) => a - b);
    expect(ages).toHaveLength(2);
    expect(ages[0]).toBeLessThan(30);
    expect(ages[1]).toBeGreaterThan(30);
    // Among them a reply to a reply, the municipality's own answer, and third-party replies.
    expect(replies.some((id) => status(status(id).inReplyToId as string).inReplyToId !== null)).toBe(true);
    expect(replies.some((id) => status(id).accountId === after.voorbeeldstad?.accountId)).toBe(true);
    expect(replies.filter((id) => after.voorbeeldstad?.thirdPartyIds.includes(id)).length).toBeGreaterThanOrEqual(3);
    // Everything added is newer than everything the first run saw.
    for (const id of [...v.added, ...m.added]) expect(Date.parse(status(id).createdAt)).toBeGreaterThan(Date.parse(nowBefore));
  });

  it('edits a post and a reply, keeping the old versions in /history', async () => {
    const v = diffCaptures(before.voorbeeldstad as ExpectedCapture, after.voorbeeldstad as ExpectedCapture);
    expect(v.edited).toHaveLength(2);
    const kinds = v.edited.map((id) => (status(id).inReplyToId === null ? 'post' : 'reply')).sort();
    expect(kinds).toEqual(['post', 'reply']);
    for (const id of v.edited) {
      const history = await get<{ content: string; created_at: string }[]>(`${srv.url}/api/v1/statuses/${id}/history`);
      expect(history.body).toHaveLength(after.voorbeeldstad?.versions[id] ?? 0);
      expect(history.body.length).toBe((before.voorbeeldstad?.versions[id] ?? 0) + 1);
      const current = await get<StatusJson>(`${srv.url}/api/v1/statuses/${id}`);
      expect(history.body[history.body.length - 1]?.content).toBe(current.body.content);
      expect(Date.parse(current.body.edited_at ?? '')).toBeGreaterThan(Date.parse(nowBefore));
    }
  });

  it('deletes a post and two replies: 404, gone from timeline and context', async () => {
    const v = diffCaptures(before.voorbeeldstad as ExpectedCapture, after.voorbeeldstad as ExpectedCapture);
    const m = diffCaptures(before.burgemeester as ExpectedCapture, after.burgemeester as ExpectedCapture);
    const removed = [...v.removed, ...m.removed];
    expect(removed).toHaveLength(3);
    const beforeTimeline = new Set(before.voorbeeldstad?.timeline);
    expect(removed.filter((id) => beforeTimeline.has(id))).toHaveLength(1);
    for (const id of removed) {
      for (const suffix of ['', '/context', '/history']) {
        const res = await get(`${srv.url}/api/v1/statuses/${id}${suffix}`, bearer('t'));
        expect(res.status).toBe(404);
        expect(res.body).toEqual({ error: 'Record not found' });
      }
    }
    const removedSet = new Set(removed);
    for (const [root, ids] of Object.entries(before.voorbeeldstad?.descendants ?? {})) {
      if (!ids.some((id) => removedSet.has(id))) continue;
      const ctx = await get<{ descendants: StatusJson[] }>(`${srv.url}/api/v1/statuses/${root}/context`, bearer('t'));
      const served = ctx.body.descendants.map((s) => s.id);
      expect(served.filter((s) => removedSet.has(s))).toEqual([]);
      expect(served).toEqual(expect.arrayContaining(ids.filter((s) => !removedSet.has(s))));
    }
  });

  it('lets an incremental run find exactly the new timeline statuses with min_id', async () => {
    const id = after.voorbeeldstad?.accountId;
    const seen: string[] = [];
    let url: string | null = `${srv.url}/api/v1/accounts/${id}/statuses?limit=40&min_id=${newestBefore}`;
    while (url) {
      const res: Awaited<ReturnType<typeof get<StatusJson[]>>> = await get<StatusJson[]>(url);
      seen.push(...res.body.map((s) => s.id));
      url = linkRel(res.headers.get('link'), 'prev');
    }
    const fresh = after.voorbeeldstad?.timeline.filter((t) => !before.voorbeeldstad?.timeline.includes(t)) ?? [];
    expect(fresh.length).toBeGreaterThanOrEqual(2);
    expect([...seen].sort()).toEqual([...fresh].sort());
    const count = (await get<{ statuses_count: number }>(`${srv.url}/api/v1/accounts/lookup?acct=voorbeeldstad`)).body.statuses_count;
    expect(count).toBe(countBefore + fresh.length - 1);
  });
});
