import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XStoryBuilder } from '../../crawlers/x/fake/builder.js';
import { FakeXDataset } from '../../crawlers/x/fake/dataset.js';
import { DEMO_NOW, demoDataset } from '../../crawlers/x/fake/demo-dataset.js';
import { expectedCapture } from '../../crawlers/x/fake/expectations.js';
import { startFakeX, type FakeX, type FakeXOptions } from '../../crawlers/x/fake/server.js';
import { syntheticDataset } from '../../crawlers/x/fake/synthetic-dataset.js';
import { runCapture } from '../../src/capture/run.js';
import type { Registry } from '../../src/domain/types.js';
import type { Workspace } from '../../src/workspace.js';
import { dumpAccount } from '../helpers/dump.js';
import { FAST_HTTP, openTestWorkspace, type TestAccount } from '../helpers/workspace.js';

const TOKEN = 'x-test-bearer-0a1b2c3d4e5f';
process.env.TEST_X_TOKEN = TOKEN;
process.env.TEST_X_WRONG_TOKEN = 'x-wrong-bearer-9f8e7d6c';
const ID = 'voorbeeldstad-x';
const ACCOUNT: TestAccount = { id: ID, platform: 'x', handle: 'voorbeeldstad', tokenEnv: 'TEST_X_TOKEN', render: false };
const SETTINGS = `${FAST_HTTP}capture:\n  fullSweepDays: 0\nprivacy:\n  faces: false\n`;
const DAY = 86_400_000;

interface Setup {
  fake: FakeX;
  ws: Workspace;
  registry: Registry;
  clock: { now: number };
  run(opts?: { signal?: AbortSignal }): Promise<string>;
}

const open: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of open.reverse()) await close();
});

async function setup(dataset: FakeXDataset, opts: Omit<FakeXOptions, 'dataset' | 'tokens' | 'now'> = {}, account: TestAccount = ACCOUNT): Promise<Setup> {
  const clock = { now: Date.parse(dataset.clock.now) };
  const fake = await startFakeX({ dataset, tokens: [TOKEN], now: () => clock.now, ...opts });
  const t = await openTestWorkspace(fake.url, [account], SETTINGS);
  open.push(() => fake.close(), () => t.ws.close());
  return {
    fake,
    ws: t.ws,
    registry: t.registry,
    clock,
    run: async (o = {}) => (await runCapture(t.ws, t.registry, { now: () => new Date(clock.now), signal: o.signal })).status,
  };
}

/** Full-archive search instead of recent search (capture.x.replySearch: all). */
const useFullArchive = (ws: Workspace, on: boolean) => Object.assign(ws.settings.capture, { x: { replySearch: on ? 'all' : 'recent' } });
const byText = (ds: FakeXDataset, s: string) => [...ds.tweets.values()].find((t) => t.versions.some((v) => v.text.includes(s)))!;
const idOf = (ds: FakeXDataset, s: string) => ds.idOf(byText(ds, s));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('X capture of the demo account (recent search)', () => {
  let s: Setup;
  let ds: FakeXDataset;
  beforeAll(async () => {
    ds = demoDataset();
    s = await setup(ds);
  });

  it('first run: posts, replies search reaches, edits as versions, originals of photos and videos, cut threads recorded', async () => {
    expect(await s.run()).toBe('completed');
    const want = expectedCapture(ds, { search: 'recent', now: s.clock.now });
    const items = await s.ws.store.listItems(ID);
    const posts = items.filter((i) => i.kind !== 'profile');
    expect(posts.map((i) => i.platformId).sort()).toEqual([...want.itemIds].sort());
    expect(posts.filter((i) => i.thirdParty).map((i) => i.platformId).sort()).toEqual([...want.thirdPartyIds].sort());
    // Threads of posts older than recent search's seven days say so; the others do not.
    expect(posts.filter((i) => i.threadCut).map((i) => i.platformId).sort()).toEqual([...want.cut].sort());
    for (const i of posts.filter((x) => x.threadCut)) expect(i.threadCut).toMatch(/recent search reaches back 7 days.*replySearch/);
    expect(want.cut).toContain(idOf(ds, 'Stationsweg afgesloten'));

    const item = (id: string) => items.find((i) => i.platformId === id)!;
    // The answer in an old thread, beyond search's reach, still joins its thread (by conversation_id).
    const roadworks = idOf(ds, 'Stationsweg afgesloten');
    expect(item(idOf(ds, 'winkels blijven'))).toMatchObject({ kind: 'reply', threadRootPlatformId: roadworks });
    // The answer in a citizen's own conversation roots a thread; replies below it belong to it, others in that conversation do not.
    const answer = idOf(ds, 'De veegwagen komt donderdag');
    expect(item(answer)).toMatchObject({ kind: 'post', threadRootPlatformId: answer });
    expect(item(idOf(ds, 'Top, bedankt!'))).toMatchObject({ kind: 'reply', threadRootPlatformId: answer, thirdParty: true });
    expect(items.some((i) => i.platformId === idOf(ds, 'Hier ook!'))).toBe(false);
    // A reply to a reply hangs under its parent; the retweet belongs to no thread.
    const glass = idOf(ds, 'Er ligt al glas');
    expect(item(idOf(ds, 'mijn dochter had bijna'))).toMatchObject({ parentPlatformId: glass, threadRootPlatformId: idOf(ds, 'nieuwe speeltuin') });
    const retweet = [...ds.tweets.values()].find((t) => t.retweetOf)!;
    expect(item(ds.idOf(retweet))).toMatchObject({ kind: 'post' });
    expect(item(ds.idOf(retweet)).threadRootPlatformId).toBeUndefined();

    // The edited post: one item named by its first id, a version per edit keyed by that edit's id.
    const hours = byText(ds, 'Hemelvaartsdag');
    const versions = await s.ws.store.listVersions(ID, ds.idOf(hours));
    expect(versions.map((v) => v.versionKey)).toEqual(hours.versions.map((v) => v.id));
    expect(versions.map((v) => (JSON.parse(v.payload) as { data: { text: string } }).data.text)).toEqual([expect.stringContaining('12.00 uur'), expect.stringContaining('16.00 uur')]);
    expect(item(ds.idOf(hours)).uri).toBe(`https://x.com/i/status/${ds.idOf(hours)}`);

    // Media: photos at name=orig, the video's highest bit rate MP4, byte for byte as served.
    for (const [versionId, urls] of Object.entries(want.media)) {
      const owner = ds.postOf(versionId)!;
      const stored = (await s.ws.store.listVersions(ID, ds.idOf(owner))).find((v) => v.versionKey === versionId)!;
      expect(stored.media.map((m) => m.url)).toEqual(urls);
      for (const m of stored.media) {
        const served = Buffer.from(await (await fetch(m.url)).arrayBuffer());
        expect(m.sha256, m.url).toBe(sha(served));
      }
    }
    expect(Object.values(want.media).flat().some((u) => /\/480x270\/.*\.mp4\?tag=12$/.test(u))).toBe(true);
    const profile = items.find((i) => i.kind === 'profile')!;
    expect((await s.ws.store.listVersions(ID, profile.platformId))[0]!.media[0]?.url).toBe(want.profileImage);
    expect(s.fake.stats.exceeded).toBe(0);

    // The token is in no file of the archive: not the WARC, not the database, not the log.
    for (const f of filesUnder(s.ws.dataDir)) expect(readFileSync(f).includes(TOKEN), f).toBe(false);
  });

  it('three days later: the edit as a new version, deletions confirmed by lookup, replies beyond search kept', async () => {
    const before = await dumpAccount(s.ws.store, ID);
    s.fake.nextDay();
    s.clock.now = Date.parse(ds.clock.nextDayNow) + 2 * DAY;
    const lookups = s.fake.stats.endpoints.tweets ?? 0;
    expect(await s.run()).toBe('completed');
    const after = await dumpAccount(s.ws.store, ID);
    const get = (id: string) => after.find((i) => i.id === id);
    // Nothing stored before is lost or changed; replies now older than seven days are asked for by id and kept.
    for (const b of before) expect(get(b.id)!.versions.slice(0, b.versions.length)).toEqual(b.versions);
    expect(after.filter((i) => i.deleted).map((i) => i.id).sort()).toEqual([idOf(ds, 'Nieuwe bekendmaking'), idOf(ds, 'mijn dochter had bijna')].sort());
    expect(get(idOf(ds, 'fenna.hoekstra@example.nl'))!.deleted).toBe(false);
    expect((s.fake.stats.endpoints.tweets ?? 0) - lookups).toBeGreaterThan(0);
    const evidence = await s.ws.store.listItems(ID);
    expect(evidence.find((i) => i.platformId === idOf(ds, 'Nieuwe bekendmaking'))!.deletedAt).toBeDefined();

    const market = byText(ds, 'Markt afgesloten');
    expect(get(ds.idOf(market))!.versions.map((v) => v.key)).toEqual(market.versions.map((v) => v.id));
    for (const text of ['ijsbaan op de Markt', 'grof afval', 'Tot hoe laat', 'bankje voor de ouders', 'Mooi werk!', 'Eikenlaan 3']) expect(get(idOf(ds, text)), text).toBeDefined();
    expect(get(idOf(ds, 'Mooi werk!'))).toMatchObject({ parent: idOf(ds, 'Prachtig geworden'), root: idOf(ds, 'nieuwe speeltuin') });
    expect(get(idOf(ds, 'Eikenlaan 3'))).toMatchObject({ root: idOf(ds, 'gft-afval') });
    expect(new Set(after.map((i) => i.id)).size).toBe(after.length);
  });
});

/** Three old posts with replies from before and within the last seven days. */
function oldThreads(): FakeXDataset {
  const now = Date.parse(DEMO_NOW);
  const ds = new FakeXDataset('x-old-threads', { now: new Date(now).toISOString(), nextDayNow: new Date(now + DAY).toISOString() }, '2876543210');
  const b = new XStoryBuilder(ds, now);
  const town = b.user({ id: '2876543210', username: 'voorbeeldstad', name: 'Gemeente Voorbeeldstad' });
  const citizen = b.user({ username: 'inwoner1', name: 'Inwoner Eén' });
  for (const days of [30, 20, 12]) {
    const post = b.tweet({ author: town, daysAgo: days, text: `Bericht van ${days} dagen geleden.` });
    const first = b.tweet({ author: citizen, daysAgo: days - 1, text: `Oude reactie op ${days}.`, replyTo: post });
    b.tweet({ author: citizen, daysAgo: days - 2, text: `Nog een oude reactie op ${days}.`, replyTo: first });
    b.tweet({ author: citizen, daysAgo: 1, text: `Recente reactie op ${days}.`, replyTo: post });
  }
  return ds;
}

describe('X replies through full-archive search (capture.x.replySearch: all)', () => {
  it('reaches replies older than seven days, one request a second, and closes the gap recent search left', async () => {
    const ds = oldThreads();
    const s = await setup(ds);
    expect(await s.run()).toBe('completed');
    let items = await s.ws.store.listItems(ID);
    expect(items.filter((i) => i.threadCut).length).toBe(3);
    expect(items.filter((i) => i.thirdParty).length).toBe(3);

    useFullArchive(s.ws, true);
    s.clock.now += 60_000;
    const started = Date.now();
    expect(await s.run()).toBe('completed');
    const elapsed = Date.now() - started;
    items = await s.ws.store.listItems(ID);
    expect(items.filter((i) => i.kind !== 'profile').map((i) => i.platformId).sort()).toEqual([...expectedCapture(ds, { search: 'all', now: s.clock.now }).itemIds].sort());
    expect(items.filter((i) => i.threadCut)).toEqual([]);
    expect(s.fake.stats.endpoints['tweets/search/all']).toBe(3);
    // X allows one full-archive request per second: three requests take at least two seconds, and none was refused.
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(s.fake.stats.exceeded).toBe(0);
  });

  it('stops with a clear reason when the token has no full-archive access', async () => {
    const s = await setup(oldThreads(), { fullArchive: false });
    useFullArchive(s.ws, true);
    expect(await s.run()).toBe('stopped');
    const run = (await s.ws.store.listRuns(1))[0]!;
    expect(run.accounts[0]!.stop?.reason).toMatch(/full-archive search is not part of this token's X API access \(403 Client Forbidden.*replySearch to "recent"/);
  });
});

describe('X capture limits and failures', () => {
  it('records that the timeline stops at the 3,200 most recent posts', async () => {
    const s = await setup(syntheticDataset({ posts: 3250, replies: 0, seed: 3, now: new Date(DEMO_NOW) }));
    expect(await s.run()).toBe('completed');
    const counts = await s.ws.store.countItems(ID);
    expect(counts.posts).toBe(3200);
    expect(await s.ws.store.getCursor(ID, 'timeline.cut')).toMatch(/only the 3200 most recent posts.*has 3251, so about 51 posts from before \d{4}-\d{2}-\d{2}.*socialarchive import/);
    expect(s.fake.stats.endpoints['users/:id/tweets']).toBe(32);
  });

  it('a walk up interrupted between pages resumes below what it committed and ends equal to an uninterrupted one', async () => {
    const make = () => {
      const ds = syntheticDataset({ posts: 40, replies: 0, seed: 5, now: new Date(DEMO_NOW) });
      const b = new XStoryBuilder(ds, Date.parse(DEMO_NOW));
      const town = ds.users.get(ds.ownUserId)!;
      for (let i = 0; i < 230; i++) b.tweet({ author: town, daysAgo: -0.9 + i / 300, text: `Nieuw bericht ${i}`, nextDay: true });
      return ds;
    };
    const reference = await setup(make());
    const killed = await setup(make());
    for (const s of [reference, killed]) {
      expect(await s.run()).toBe('completed');
      s.fake.nextDay();
      s.clock.now = Date.parse(s.fake.dataset.clock.nextDayNow);
    }
    expect(await reference.run()).toBe('completed');

    const abort = new AbortController();
    const queries: string[] = [];
    let pages = 0;
    killed.fake.onRequest((_n, _m, path) => {
      if (!path.includes('/tweets?')) return;
      queries.push(path);
      if (++pages === 2) abort.abort(new Error('killed'));
    });
    expect(await killed.run({ signal: abort.signal })).toBe('interrupted');
    expect(await killed.ws.store.getCursor(ID, 'timeline.up.below')).not.toBeNull();
    expect(await killed.run()).toBe('completed');
    expect(queries.slice(2).some((q) => q.includes('until_id=') && q.includes('since_id='))).toBe(true);
    // Each workspace has its own fake (its own port, which the payloads name), so payloads are compared by key.
    const strip = (d: Awaited<ReturnType<typeof dumpAccount>>) => d.filter((i) => i.kind !== 'profile').map((i) => ({ ...i, versions: i.versions.map((v) => v.key) }));
    expect(strip(await dumpAccount(killed.ws.store, ID))).toEqual(strip(await dumpAccount(reference.ws.store, ID)));
    expect(await killed.ws.store.getCursor(ID, 'timeline.top')).toBe(await reference.ws.store.getCursor(ID, 'timeline.top'));
  });

  it('waits out an injected 429 and retries a 503, and still captures everything', async () => {
    const ds = oldThreads();
    const s = await setup(ds);
    s.fake.inject({ kind: '429', times: 1, match: /\/2\/users\/\d+\/tweets/, resetInSeconds: 1 });
    s.fake.inject({ kind: 'status', status: 503, times: 1, match: /search\/recent/ });
    expect(await s.run()).toBe('completed');
    expect(s.fake.pendingFaults).toBe(0);
    const items = await s.ws.store.listItems(ID);
    expect(items.filter((i) => i.kind !== 'profile').map((i) => i.platformId).sort()).toEqual([...expectedCapture(ds, { search: 'recent', now: s.clock.now }).itemIds].sort());
  });

  it('stops when X refuses the token, without repeating it', async () => {
    const s = await setup(oldThreads(), {}, { ...ACCOUNT, tokenEnv: 'TEST_X_WRONG_TOKEN' });
    expect(await s.run()).toBe('stopped');
    const stop = (await s.ws.store.listRuns(1))[0]!.accounts[0]!.stop!;
    expect(stop.reason).toMatch(/X refused the token \(401 Unauthorized/);
    expect(JSON.stringify(stop)).not.toContain('x-wrong-bearer');
  });
});
