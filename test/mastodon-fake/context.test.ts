import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetBuilder } from '../../crawlers/mastodon/fake/builder.js';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import type { FakeStatus } from '../../crawlers/mastodon/fake/store.js';
import { bearer, get, type StatusJson } from './helpers.js';

interface ContextJson {
  ancestors: StatusJson[];
  descendants: StatusJson[];
}

let srv: FakeMastodon;
let storm: FakeStatus;

beforeAll(async () => {
  srv = await startFakeMastodon({ tokens: ['service-token'], rateLimit: null });
  const found = [...srv.dataset.statuses.values()].find((s) => s.pinned && s.content.includes('Code oranje'));
  if (!found) throw new Error('demo has no storm post');
  storm = found;
});
afterAll(() => srv.close());

/** Depth of a descendant below `rootId`, following in_reply_to_id through the returned statuses. */
function depths(rootId: string, list: StatusJson[]): Map<string, number> {
  const byId = new Map(list.map((s) => [s.id, s]));
  const out = new Map<string, number>();
  const depth = (s: StatusJson): number => {
    if (s.in_reply_to_id === rootId) return 1;
    const parent = byId.get(s.in_reply_to_id ?? '');
    if (!parent) throw new Error(`descendant ${s.id} has a parent outside the context`);
    return depth(parent) + 1;
  };
  for (const s of list) out.set(s.id, depth(s));
  return out;
}

describe('GET /api/v1/statuses/:id/context', () => {
  it('with a user token returns the whole thread, deeper than 20 and longer than 60', async () => {
    const res = await get<ContextJson>(`${srv.url}/api/v1/statuses/${storm.id}/context`, bearer('service-token'));
    expect(res.status).toBe(200);
    expect(res.body.ancestors).toEqual([]);
    const d = res.body.descendants;
    expect(d.length).toBeGreaterThan(60);
    expect(new Set(d.map((s) => s.id)).size).toBe(d.length);
    expect(Math.max(...depths(storm.id, d).values())).toBeGreaterThan(20);
    // With a token, user-specific fields appear.
    expect(d[0]).toMatchObject({ favourited: false, bookmarked: false });
  });

  it('without a token stops at 60 descendants and depth 20, in depth-first order with self-replies first', async () => {
    const full = (await get<ContextJson>(`${srv.url}/api/v1/statuses/${storm.id}/context`, bearer('service-token'))).body.descendants;
    const res = await get<ContextJson>(`${srv.url}/api/v1/statuses/${storm.id}/context`);
    const d = res.body.descendants;
    expect(d).toHaveLength(60);
    expect(Math.max(...depths(storm.id, d).values())).toBe(20);
    expect(d[0]).not.toHaveProperty('favourited');

    // The municipality's own thread updates (self-replies) come first...
    const selfReplies = d.filter((s) => s.in_reply_to_account_id === s.account.id);
    expect(selfReplies.length).toBe(2);
    expect(d.slice(0, 2)).toEqual(selfReplies);
    // ...then the rest depth first: a parent before its replies, siblings oldest first.
    const rest = d.slice(2);
    const position = new Map(rest.map((s, i) => [s.id, i]));
    for (const s of rest) {
      const p = position.get(s.in_reply_to_id ?? '');
      if (p !== undefined) expect(p).toBeLessThan(position.get(s.id) as number);
    }
    // The cap keeps a prefix of the full depth-first order (minus what lies deeper than 20).
    const fullRest = full.filter((s) => s.in_reply_to_account_id !== s.account.id);
    const tooDeep = new Set([...depths(storm.id, full)].filter(([, depth]) => depth > 20).map(([id]) => id));
    expect(rest.map((s) => s.id)).toEqual(fullRest.filter((s) => !tooDeep.has(s.id)).slice(0, 58).map((s) => s.id));
  });

  it('gives ancestors root first, and caps them at the nearest 40 without a token', async () => {
    const b = new DatasetBuilder('chain', { now: '2026-06-01T00:00:00.000Z', nextDayNow: '2026-06-02T00:00:00.000Z' });
    const a = b.account({ username: 'gemeente', displayName: 'Gemeente', createdOn: '2024-01-01' });
    const c = b.account({ username: 'inwoner', domain: 'mastodon.nl', displayName: 'Inwoner', createdOn: '2024-01-01' });
    const chain: FakeStatus[] = [b.status({ key: 's0', by: a, at: '2026-05-01T10:00:00.000Z', text: 'Begin' })];
    for (let i = 1; i <= 45; i++) {
      const parent = chain[i - 1] as FakeStatus;
      chain.push(b.status({ key: `s${i}`, by: i % 2 ? c : a, replyTo: parent, at: new Date(Date.parse(parent.createdAt) + 60_000).toISOString(), text: `Reactie ${i}` }));
    }
    const own = await startFakeMastodon({ dataset: b.ds, tokens: ['t'] });
    try {
      const leaf = chain[45] as FakeStatus;
      const anon = await get<ContextJson>(`${own.url}/api/v1/statuses/${leaf.id}/context`);
      expect(anon.body.ancestors.map((s) => s.id)).toEqual(chain.slice(5, 45).map((s) => s.id));
      expect(anon.body.descendants).toEqual([]);
      const authed = await get<ContextJson>(`${own.url}/api/v1/statuses/${leaf.id}/context`, bearer('t'));
      expect(authed.body.ancestors.map((s) => s.id)).toEqual(chain.slice(0, 45).map((s) => s.id));
      const middle = await get<ContextJson>(`${own.url}/api/v1/statuses/${chain[10]?.id}/context`);
      expect(middle.body.ancestors).toHaveLength(10);
      expect(middle.body.descendants).toHaveLength(20);
    } finally {
      await own.close();
    }
  });
});

describe('statuses, history and errors', () => {
  it('serves a single status and 404s unknown or malformed ids', async () => {
    const res = await get<StatusJson>(`${srv.url}/api/v1/statuses/${storm.id}`);
    expect(res.body.id).toBe(storm.id);
    expect(res.body.uri).toBe(`${srv.url}/users/voorbeeldstad/statuses/${storm.id}`);
    expect(res.body.url).toBe(`${srv.url}/@voorbeeldstad/${storm.id}`);
    // Rails escapes HTML in JSON: the raw body has \u003c, the parsed content has <p>.
    expect(res.text).toContain('"content":"\\u003cp\\u003e');
    expect(res.body.content.startsWith('<p>')).toBe(true);
    for (const path of ['999999999999999999', 'abc', `${storm.id}0`]) {
      for (const suffix of ['', '/context', '/history']) {
        const missing = await get(`${srv.url}/api/v1/statuses/${path}${suffix}`);
        expect(missing.status).toBe(404);
        expect(missing.text).toBe('{"error":"Record not found"}');
      }
    }
  });

  it('gives remote replies their own uri and url, and remote media a remote_url', async () => {
    const remote = [...srv.dataset.statuses.values()].filter((s) => srv.dataset.account(s.accountId)?.domain && s.media.length > 0);
    expect(remote.length).toBeGreaterThan(0);
    for (const s of remote) {
      const res = await get<StatusJson>(`${srv.url}/api/v1/statuses/${s.id}`);
      const domain = res.body.account.acct.split('@')[1] ?? '';
      expect(res.body.uri).toMatch(new RegExp(`^https://${domain.replace(/\./g, '\\.')}/users/[a-z]+/statuses/\\d+$`));
      expect(res.body.uri.endsWith(`/${s.id}`)).toBe(false);
      expect(res.body).not.toHaveProperty('application');
      const m = res.body.media_attachments[0];
      expect(m?.url).toMatch(new RegExp(`^${srv.url}/system/cache/media_attachments/files/(\\d{3}/){6}original/[0-9a-f]{16}\\.(jpeg|png|webp|gif)$`));
      expect(m?.remote_url).toMatch(/^https:\/\//);
    }
  });

  it('returns /history oldest first, with the original and the current version', async () => {
    const edited = [...srv.dataset.statuses.values()].filter((s) => s.editedAt !== null);
    expect(edited).toHaveLength(2);
    const counts = [];
    for (const s of edited) {
      const status = (await get<StatusJson>(`${srv.url}/api/v1/statuses/${s.id}`)).body;
      expect(status.edited_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const res = await get<Record<string, unknown>[]>(`${srv.url}/api/v1/statuses/${s.id}/history`);
      const h = res.body;
      counts.push(h.length);
      expect(Object.keys(h[0] ?? {})).toEqual(['content', 'spoiler_text', 'sensitive', 'created_at', 'account', 'media_attachments', 'emojis']);
      expect(h[0]?.created_at).toBe(status.created_at);
      expect(h[h.length - 1]?.created_at).toBe(status.edited_at);
      expect(h[h.length - 1]?.content).toBe(status.content);
      expect(new Set(h.map((v) => v.content)).size).toBe(h.length);
      const times = h.map((v) => Date.parse(String(v.created_at)));
      expect(times).toEqual([...times].sort((x, y) => x - y));
    }
    expect(counts.sort()).toEqual([2, 3]);
    const plain = await get<unknown[]>(`${srv.url}/api/v1/statuses/${storm.id}/history`);
    expect(plain.body).toHaveLength(1);
  });

  it('401s an invalid token, and everything anonymous in whitelist mode', async () => {
    const bad = await get(`${srv.url}/api/v1/statuses/${storm.id}`, bearer('wrong'));
    expect(bad.status).toBe(401);
    expect(bad.text).toBe('{"error":"The access token is invalid"}');
    const locked = await startFakeMastodon({ whitelistMode: true, tokens: ['ok'] });
    try {
      const anon = await get(`${locked.url}/api/v1/accounts/lookup?acct=voorbeeldstad`);
      expect(anon.status).toBe(401);
      expect(anon.text).toBe('{"error":"This API requires an authenticated user"}');
      const ok = await get(`${locked.url}/api/v1/accounts/lookup?acct=voorbeeldstad`, bearer('ok'));
      expect(ok.status).toBe(200);
      // Media are static files: no token needed.
      const avatar = (ok.body as { avatar: string }).avatar;
      expect((await fetch(avatar)).status).toBe(200);
    } finally {
      await locked.close();
    }
  });
});
