// What is particular to Bluesky, on a capture of the fake demo: archived by DID, reposts are the
// account's acts (not its posts), depth-cut branches fetched again, answers in someone else's
// conversation root their own thread, originals from each author's PDS checked against their CID,
// an overwritten record is a new version keyed by its CID, deletions confirmed with getPosts, and
// the formats stage renders a Bluesky thread.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cidSha256 } from '../../crawlers/bluesky/cid.js';
import { THREAD_DEPTH } from '../../crawlers/bluesky/api.js';
import { blueskyDemoDataset, DEMO_HANDLE, diffCaptures, expectedCapture, startFakeBluesky, type ExpectedCapture, type FakeBluesky } from '../../crawlers/bluesky/fake/index.js';
import { createRenderer } from '../../formats/render/index.js';
import { runCapture } from '../../src/capture/run.js';
import type { Registry } from '../../src/domain/types.js';
import { processFormats } from '../../src/formats-stage/index.js';
import type { Workspace } from '../../src/workspace.js';
import { dumpAccount } from '../helpers/dump.js';
import { openTestWorkspace } from '../helpers/workspace.js';

const ID = 'voorbeeldstad-bluesky';
let fake: FakeBluesky;
let ws: Workspace;
let registry: Registry;
let day1: ExpectedCapture;
const methodsBefore: Record<string, number> = {};

const items = () => ws.store.listItems(ID);
const item = async (uri: string) => (await items()).find((i) => i.platformId === uri);
const post = (key: string) => [...fake.dataset.posts.values()].find((p) => p.text.includes(key))!;
const capture = async () => expect((await runCapture(ws, registry, { now: () => new Date(fake.dataset.now) })).status).toBe('completed');
const delta = (method: string) => (fake.stats.methods[method] ?? 0) - (methodsBefore[method] ?? 0);

beforeAll(async () => {
  fake = await startFakeBluesky({ dataset: blueskyDemoDataset() });
  // No `instance`: the crawler would use the public AppView; the test names the fake.
  const t = await openTestWorkspace(fake.url, [{ id: ID, platform: 'bluesky', handle: DEMO_HANDLE }], 'capture:\n  fullSweepDays: 0\nprivacy:\n  faces: false\n');
  ws = t.ws;
  registry = t.registry;
  day1 = expectedCapture(fake.dataset, DEMO_HANDLE);
  await capture();
}, 60_000);

afterAll(async () => {
  await ws?.close();
  await fake?.close();
});

describe('Bluesky capture of the fake demo', () => {
  it('archives by DID: the profile is the DID’s profile record, every item an AT-URI', async () => {
    const all = await items();
    const profile = all.find((i) => i.kind === 'profile')!;
    expect(profile.platformId).toBe(`at://${day1.did}/app.bsky.actor.profile/self`);
    expect(profile.authorId).toBe(day1.did);
    expect(all.filter((i) => i.kind !== 'profile').map((i) => i.platformId).sort()).toEqual(day1.itemIds);
    // Avatar and banner: originals from the PDS, not the CDN's re-encoded copies.
    const [v] = await ws.store.listVersions(ID, profile.platformId);
    expect(v!.media.map((m) => m.type)).toEqual(['avatar', 'banner']);
    for (const m of v!.media) {
      expect(m.url).toContain('/xrpc/com.atproto.sync.getBlob?');
      expect(m.sha256).toBe(cidSha256(new URL(m.url).searchParams.get('cid')!));
    }
  });

  it('a repost is the account’s act, stored as its own item; the reposted post is not the account’s post', async () => {
    const [repostUri, subject] = Object.entries(day1.reposts)[0]!;
    const r = (await item(repostUri))!;
    expect(r).toMatchObject({ kind: 'post', thirdParty: false });
    expect(r.threadRootPlatformId).toBeUndefined();
    expect(await item(subject)).toBeUndefined();
  });

  it('fetches a branch again where the thread depth cut it, and gets every reply of the 25-deep argument', async () => {
    const storm = post('Door de storm zijn de parken');
    const chain = day1.descendants[storm.uri]!;
    expect(chain.length).toBeGreaterThan(THREAD_DEPTH + 1);
    const stored = (await items()).filter((i) => i.threadRootPlatformId === storm.uri && i.kind === 'reply');
    expect(stored.map((i) => i.platformId).sort()).toEqual([...chain].sort());
    // One request per thread: each own post with replies and each own answer in someone else's
    // conversation (checked before it is known to sit in another one's thread), plus the cut branch.
    const own = day1.feed.map((uri) => fake.dataset.posts.get(uri)).filter((p) => p !== undefined);
    const roots = own.filter((p) => (p.replyRoot === null ? fake.dataset.children(p.uri).length > 0 : fake.dataset.posts.get(p.replyRoot)!.did !== day1.did));
    expect(fake.stats.methods['app.bsky.feed.getPostThread']).toBe(roots.length + 1);
  });

  it('the answers in a citizen’s conversation root a thread of their own, with the citizen’s reply and the second answer in it', async () => {
    const answer = post('We hebben het doorgegeven aan de wijkbeheerder');
    const own = (await item(answer.uri))!;
    expect(own).toMatchObject({ kind: 'post', thirdParty: false, threadRootPlatformId: answer.uri });
    const inThread = (await items()).filter((i) => i.threadRootPlatformId === answer.uri && i.kind === 'reply');
    expect(inThread.map((i) => i.thirdParty).sort()).toEqual([false, true]);
    // The citizen's post that started the conversation is not the account's and not below its thread.
    expect(await item(answer.replyRoot!)).toBeUndefined();
  });

  it('stores original blobs from each author’s PDS, checked against their CIDs', async () => {
    const citizenPhoto = post('Ook het fietspad ernaast ligt vol gaten');
    for (const [uri, cids] of Object.entries(day1.blobs)) {
      const [v] = await ws.store.listVersions(ID, uri);
      expect(v!.media.map((m) => m.platformId)).toEqual(cids);
      for (const m of v!.media) expect(m.sha256).toBe(cidSha256(m.platformId!));
    }
    const [v] = await ws.store.listVersions(ID, citizenPhoto.uri);
    expect(new URL(v!.media[0]!.url).searchParams.get('did')).toBe(citizenPhoto.did);
    // The EXIF and GPS the author uploaded are in the original (the CDN would have stripped them).
    const bytes = readFileSync(join(ws.dataDir, 'files', 'sha256', v!.media[0]!.sha256!.slice(0, 2), v!.media[0]!.sha256!.slice(2, 4), v!.media[0]!.sha256!));
    expect(bytes.includes(Buffer.from('Fairphone'))).toBe(true);
  });

  it('the next day: new posts and replies, the overwrite as a version keyed by its new CID, deletions confirmed by getPosts', async () => {
    const rewritten = post('Inspraakavond over het coördinatieplan');
    const oldCid = fake.dataset.cidOf(rewritten.uri);
    Object.assign(methodsBefore, fake.stats.methods);
    fake.nextDay();
    const day2 = expectedCapture(fake.dataset, DEMO_HANDLE);
    const diff = diffCaptures(day1, day2, fake.dataset);
    await capture();
    const all = await items();
    expect(all.filter((i) => i.kind !== 'profile').map((i) => i.platformId).sort()).toEqual([...new Set([...day1.itemIds, ...day2.itemIds])].sort());
    expect(all.filter((i) => i.deletedAt).map((i) => i.platformId).sort()).toEqual([...diff.removed].sort());
    // A new reply below the municipality's answer in Marieke's conversation: that thread is re-checked too.
    expect(await item(post('Het is al gemaakt').uri)).toMatchObject({ kind: 'reply', thirdParty: true, threadRootPlatformId: post('We hebben het doorgegeven').uri });
    const versions = await ws.store.listVersions(ID, rewritten.uri);
    expect(versions.map((v) => [v.versionKey, v.source])).toEqual([
      [oldCid, 'post'],
      [fake.dataset.cidOf(rewritten.uri), 'post-rewrite'],
    ]);
    // Every deletion was asked of getPosts (at most 25 per request), none guessed from absence alone.
    expect(delta('app.bsky.feed.getPosts')).toBeGreaterThan(0);
    expect(delta('app.bsky.feed.getPosts')).toBeLessThanOrEqual(diff.removed.length);
    expect(fake.stats.responses[429] ?? 0).toBe(0);
  });

  it('the formats stage renders a Bluesky thread: the full link, the replies, the photos', async () => {
    const renderer = await createRenderer();
    try {
      const controller = new AbortController();
      const summary = await processFormats(ws, registry, { renderer, concurrency: 1, signal: controller.signal, onProgress: (p) => p.phase === 'threads' && p.done >= 1 && controller.abort() });
      expect(summary.problems).toBe(0);
    } finally {
      await renderer.close();
    }
    const roadworks = post('vernieuwen we de riolering');
    const [rendition] = await ws.store.formats.renditions(ID, roadworks.uri);
    expect(rendition).toBeDefined();
    expect(rendition!.notes).toEqual([]);
    const pdf = join(ws.dataDir, 'thread.pdf');
    const sha = rendition!.pdf.sha256;
    await writeFile(pdf, readFileSync(join(ws.dataDir, 'files', 'sha256', sha.slice(0, 2), sha.slice(2, 4), sha)));
    const text = (await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', pdf, '-'])).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('https://www.voorbeeldstad.nl/werkzaamheden/stationsweg-riolering');
    expect(text).toContain('Lindelaan 14');
    expect(text).toContain('Wordt de Stationsweg ook');
  }, 120_000);
});
