import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facebookDemoDataset, syntheticFacebookDataset, type FacebookDataset } from '../../crawlers/facebook/fake/index.js';
import { renderImage } from '../../crawlers/mastodon/fake/images.js';
import { startFakeGraph, type FakeGraph } from '../../crawlers/meta-graph/fake/server.js';
import { runCapture } from '../../src/capture/run.js';
import type { Registry } from '../../src/domain/types.js';
import { formatsReader } from '../../src/formats-stage/index.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import type { Workspace } from '../../src/workspace.js';
import { FAST_HTTP, openTestWorkspace } from '../helpers/workspace.js';

const TOKEN = 'fb-crawl-page-token-1a2b3c4d';
process.env.FB_CRAWL_TOKEN = TOKEN;
process.env.FB_CRAWL_BAD_TOKEN = 'not-the-page-token-0000';
const SETTINGS = `${FAST_HTTP}capture:\n  fullSweepDays: 0\n`;

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'docs', 'normalised-item.schema.json'), 'utf8')) as object);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function setup(opts: { tokenEnv?: string; dataset?: () => FacebookDataset } = {}) {
  const ds = opts.dataset?.() ?? facebookDemoDataset({ now: new Date() });
  const fake = await startFakeGraph({ datasets: [ds], tokens: [TOKEN] });
  const t = await openTestWorkspace(fake.url, [{ id: 'fb', handle: `"${ds.page.id}"`, platform: 'facebook', tokenEnv: opts.tokenEnv ?? 'FB_CRAWL_TOKEN' }], SETTINGS);
  return { ds, fake, ...t };
}

const items = async (ws: Workspace) => (await ws.store.listItems('fb')).filter((i) => i.kind !== 'profile');

describe('Facebook capture of the demo Page', () => {
  let ds: FacebookDataset;
  let fake: FakeGraph;
  let ws: Workspace;
  let registry: Registry;
  beforeAll(async () => {
    ({ ds, fake, ws, registry } = await setup());
    expect((await runCapture(ws, registry)).status).toBe('completed');
  });
  afterAll(async () => {
    await ws?.close();
    await fake?.close();
  });

  it('holds every post and comment, replies under their comment, third-party authors marked, photos stored at capture', async () => {
    const want = ds.expected();
    const got = await items(ws);
    expect(got.map((i) => i.platformId).sort()).toEqual(want.itemIds);
    expect(got.filter((i) => i.thirdParty).map((i) => i.platformId).sort()).toEqual([...want.thirdPartyIds].sort());
    for (const p of ds.livePosts) {
      for (const c of ds.liveComments(p)) {
        const item = got.find((i) => i.platformId === c.id)!;
        expect(item).toMatchObject({ kind: 'reply', threadRootPlatformId: p.id, parentPlatformId: c.parentId ?? p.id });
      }
    }
    // The hidden comment (the Page hid it) is archived too.
    expect(got.some((i) => i.platformId === ds.posts.flatMap((p) => p.comments).find((c) => c.hidden)!.id)).toBe(true);
    for (const [id, paths] of Object.entries(want.media)) {
      const [v] = await ws.store.listVersions('fb', id);
      expect(v!.media).toHaveLength(paths.length);
      for (const [i, m] of v!.media.entries()) {
        const spec = ds.files().get(paths[i]!)!;
        expect(m.sha256, `${id} media ${i}`).toBe(sha256(await renderImage(spec)));
      }
    }
  });

  it('maps every stored version onto the normalised schema', async () => {
    const reader = formatsReader(ws.store, registry);
    const all = await ws.store.listItems('fb');
    let n = 0;
    for (const item of all.filter((i) => i.kind !== 'profile')) {
      for (const view of await reader.versions(item)) {
        expect(view.problem).toBeUndefined();
        expect(validate(view.normalised), JSON.stringify(validate.errors)).toBe(true);
        expect(view.normalised!.version.key).toBe(view.record.versionKey);
        n++;
      }
    }
    expect(n).toBe(ds.expected().itemIds.length);
    const album = ds.posts.find((p) => p.photos.length === 3)!;
    const [view] = await reader.versions(all.find((i) => i.platformId === album.id)!);
    expect(view!.normalised!.media.map((m) => m.sha256 !== null)).toEqual([true, true, true]);
    expect(view!.normalised!.text.plain).toContain('Één dag vol muziek');
    const share = ds.posts.find((p) => p.link)!;
    const [card] = await reader.versions(all.find((i) => i.platformId === share.id)!);
    expect(card!.normalised!.links).toContainEqual(expect.objectContaining({ source: 'card', url: share.link!.url }));
    const reply = ds.posts.flatMap((p) => p.comments).find((c) => c.parentId && !c.deleted)!;
    const [r] = await reader.versions(all.find((i) => i.platformId === reply.id)!);
    expect(r!.normalised).toMatchObject({ kind: 'reply', replyTo: { platformId: reply.parentId }, threadRoot: { platformId: reply.postId } });
  });

  it('next day: new posts and comments, one version more per edit (not for counters or fresh media links), deletions confirmed', async () => {
    const day1 = new Map<string, string[]>();
    for (const i of await items(ws)) day1.set(i.platformId, (await ws.store.listVersions('fb', i.platformId)).map((v) => v.payloadSha256));
    const before = new Set(ds.expected().itemIds);
    fake.nextDay();
    expect((await runCapture(ws, registry)).status).toBe('completed');
    const want = ds.expected();
    const got = await items(ws);
    const gone = [...before].filter((id) => !want.itemIds.includes(id)).sort();
    expect(gone.length).toBe(3); // the vacancy with its comment, and a comment
    expect(got.filter((i) => i.deletedAt).map((i) => i.platformId).sort()).toEqual(gone);
    expect(got.map((i) => i.platformId).sort()).toEqual([...new Set([...before, ...want.itemIds])].sort());
    for (const i of got) {
      const versions = await ws.store.listVersions('fb', i.platformId);
      expect(versions.length, i.platformId).toBe(want.versions[i.platformId] ?? 1);
      // What day 1 stored stays as it was.
      if (day1.has(i.platformId)) expect(versions.slice(0, 1).map((v) => v.payloadSha256)).toEqual(day1.get(i.platformId));
    }
    const edited = Object.keys(want.versions);
    expect(edited).toHaveLength(2);
    for (const id of edited) {
      const [old, now] = await ws.store.listVersions('fb', id);
      expect(old!.payload).not.toBe(now!.payload);
    }
  });

  it('never relies on a CDN link: yesterday’s links are refused now, the files are in the archive', async () => {
    const photo = ds.posts.find((p) => p.key === 'riolering')!;
    const [v] = await ws.store.listVersions('fb', photo.id);
    const res = await fetch(v!.media[0]!.url);
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('URL signature expired');
    const stored = join(ws.dataDir, 'files', 'sha256', v!.media[0]!.sha256!.slice(0, 2), v!.media[0]!.sha256!.slice(2, 4), v!.media[0]!.sha256!);
    expect(sha256(readFileSync(stored))).toBe(v!.media[0]!.sha256);
  });
});

describe("Facebook's rate-limit signal and errors", () => {
  // Comments come along with their posts: a Page of 200 posts is 4 pages of 50, plus the long threads.
  const many = () => syntheticFacebookDataset({ posts: 200, comments: 600, seed: 3, photoEvery: 0 });

  it('pauses at 75 % of the usage budget instead of being throttled', async () => {
    const { ds, fake, ws, registry } = await setup({ dataset: many });
    const times: number[] = [];
    fake.onRequest((_n, path) => void (path.startsWith('/v25.0/') && times.push(Date.now())));
    // 4 calls in a rolling 2 s: 75 % is 3.
    fake.setRateLimit({ calls: 4, windowSeconds: 2, budget: 'buc' });
    try {
      expect((await runCapture(ws, registry)).status).toBe('completed');
      expect(fake.stats.exceeded).toBe(0);
      expect(times.length).toBeGreaterThan(6);
      // Never past Meta's refusal in any rolling window (a probe after a pause may reach it), and it waited.
      const busiest = Math.max(...times.map((t) => times.filter((x) => x > t - 2000 && x <= t).length));
      expect(busiest).toBeLessThanOrEqual(4);
      expect(times.at(-1)! - times[0]!).toBeGreaterThan((times.length / 4 - 1) * 1000);
      expect((await items(ws)).map((i) => i.platformId).sort()).toEqual(ds.expected().itemIds);
    } finally {
      await ws.close();
      await fake.close();
    }
  });

  it('waits out a throttling error and asks again; a long one stops the run cleanly and the next run continues', async () => {
    const { ds, fake, ws, registry } = await setup({ dataset: many });
    try {
      const seen: { at: number; path: string }[] = [];
      fake.onRequest((_n, path) => seen.push({ at: Date.now(), path }));
      fake.inject({ kind: 'throttle', code: 4, regainMinutes: 0, times: 1, match: /\/posts\?/ });
      // The second page of posts answers "wait an hour": the first capture stops there.
      fake.inject({ kind: 'throttle', code: 80001, regainMinutes: 60, times: 1, match: /\/posts\?.*after=/ });
      const stopped = await runCapture(ws, registry);
      const posts = seen.filter((s) => s.path.includes('/posts?'));
      expect(fake.stats.responses[403]).toBe(1);
      expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(990);
      expect(stopped.status).toBe('stopped');
      expect(stopped.accounts[0]!.stop!.reason).toMatch(/rate limit.*80001.*60 minutes.*next run continues/);
      expect(stopped.accounts[0]!.stop!.reason).not.toContain(TOKEN);
      const kept = (await items(ws)).length;
      expect(kept).toBeGreaterThan(50);
      const resumed = await runCapture(ws, registry);
      expect(resumed.status).toBe('completed');
      // It went on below where it stopped (`until`), after looking for what is new since (`since`).
      const again = seen.filter((s) => s.path.includes('/posts?')).slice(posts.length);
      expect(again[0]!.path).toMatch(/since=/);
      expect(again[1]!.path).toMatch(/until=/);
      expect((await items(ws)).map((i) => i.platformId).sort()).toEqual(ds.expected().itemIds);
    } finally {
      await ws.close();
      await fake.close();
    }
  });

  it('marks nothing deleted while the Page itself does not answer (a token that lost access looks like deletions)', async () => {
    const { ds, fake, ws, registry } = await setup();
    try {
      expect((await runCapture(ws, registry)).status).toBe('completed');
      fake.nextDay();
      fake.inject({ kind: 'error', status: 400, code: 100, subcode: 33, message: `Unsupported get request. Object with ID '${ds.page.id}' does not exist`, times: 1, match: new RegExp(`^/v25\\.0/${ds.page.id}\\?fields=id$`) });
      const run = await runCapture(ws, registry);
      expect(run.status).toBe('stopped');
      expect(run.accounts[0]!.stop!.reason).toMatch(/nothing was marked deleted/);
      expect((await items(ws)).filter((i) => i.deletedAt)).toEqual([]);
      expect((await runCapture(ws, registry)).status).toBe('completed');
      expect((await items(ws)).filter((i) => i.deletedAt)).toHaveLength(3);
    } finally {
      await ws.close();
      await fake.close();
    }
  });

  it('stops with a message a person can act on when the token is refused', async () => {
    const { fake, ws, registry } = await setup({ tokenEnv: 'FB_CRAWL_BAD_TOKEN' });
    try {
      const run = await runCapture(ws, registry);
      expect(run.status).toBe('stopped');
      expect(run.accounts[0]!.stop!.reason).toMatch(/Facebook refused the access token .*190.*renew the token/);
      expect(await items(ws)).toEqual([]);
    } finally {
      await ws.close();
      await fake.close();
    }
  });
});
