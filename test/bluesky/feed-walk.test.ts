// The author feed over more than one page: an interrupted first walk continues where it stopped,
// and a later run without a full sweep walks only what is new plus the re-check window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blueskySyntheticDataset, expectedCapture, startFakeBluesky, type FakeBluesky } from '../../crawlers/bluesky/fake/index.js';
import { runCapture } from '../../src/capture/run.js';
import type { Registry } from '../../src/domain/types.js';
import type { Workspace } from '../../src/workspace.js';
import { openTestWorkspace } from '../helpers/workspace.js';

const ID = 'synthetic-bluesky';
const HANDLE = 'voorbeeldstad.nl';
let fake: FakeBluesky;
let ws: Workspace;
let registry: Registry;
const feedRequests: string[] = [];
let onRequest: (() => void) | undefined;
const ids = async () => (await ws.store.listItems(ID)).filter((i) => i.kind !== 'profile');

beforeAll(async () => {
  // 250 posts every ~3 hours: three pages of 100, then the empty end page.
  fake = await startFakeBluesky({ dataset: blueskySyntheticDataset({ posts: 250, replies: 40, seed: 3 }) });
  fake.onRequest((_n, _m, path) => {
    if (path.startsWith('/xrpc/app.bsky.feed.getAuthorFeed')) feedRequests.push(path);
    onRequest?.();
  });
  const t = await openTestWorkspace(fake.url, [{ id: ID, platform: 'bluesky', handle: HANDLE, render: false }], 'capture:\n  recheckWindowDays: 2\n  fullSweepDays: 365\n');
  ws = t.ws;
  registry = t.registry;
}, 60_000);
afterAll(async () => {
  await ws?.close();
  await fake?.close();
});

describe('Bluesky author feed walk', () => {
  it('a first walk stopped after two pages goes on from its cursor, after catching up from the top', async () => {
    const controller = new AbortController();
    onRequest = () => feedRequests.length === 2 && controller.abort();
    const stopped = await runCapture(ws, registry, { now: () => new Date(fake.dataset.now), signal: controller.signal });
    onRequest = undefined;
    expect(stopped.status).toBe('interrupted');
    const afterStop = (await ids()).length;
    expect(afterStop).toBeGreaterThanOrEqual(100);

    feedRequests.length = 0;
    expect((await runCapture(ws, registry, { now: () => new Date(fake.dataset.now) })).status).toBe('completed');
    // One page from the top (it meets what was walked), then from the stored cursor to the end.
    expect(feedRequests[0]).not.toContain('cursor=');
    expect(feedRequests.slice(1).every((p) => p.includes('cursor='))).toBe(true);
    expect(feedRequests.length).toBeLessThanOrEqual(4);
    expect((await ids()).map((i) => i.platformId).sort()).toEqual(expectedCapture(fake.dataset, HANDLE).itemIds);
  });

  it('a later run without a full sweep reads one page: new posts and the recent window, not the old ones', async () => {
    const quiet = fake.dataset.nextDayChanges.find((c) => c.kind === 'delete')!;
    const rewrite = fake.dataset.nextDayChanges.find((c) => c.kind === 'rewrite')!;
    fake.nextDay();
    feedRequests.length = 0;
    expect((await runCapture(ws, registry, { now: () => new Date(fake.dataset.now) })).status).toBe('completed');
    expect(feedRequests).toHaveLength(1);
    const all = await ids();
    expect(all.map((i) => i.platformId)).toEqual(expect.arrayContaining(expectedCapture(fake.dataset, HANDLE).itemIds));
    expect((await ws.store.listVersions(ID, rewrite.uri)).length).toBe(2);
    // The deleted post is months old: only a full sweep looks there again, so it is not marked yet.
    expect(all.find((i) => i.platformId === quiet.uri)?.deletedAt).toBeUndefined();
  });
});
