import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instagramDemoDataset, type InstagramDataset } from '../../crawlers/instagram/fake/index.js';
import { startFakeGraph, type FakeGraph } from '../../crawlers/meta-graph/fake/server.js';
import { runCapture } from '../../src/capture/run.js';
import type { Registry } from '../../src/domain/types.js';
import { formatsReader } from '../../src/formats-stage/index.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import type { Workspace } from '../../src/workspace.js';
import { FAST_HTTP, openTestWorkspace } from '../helpers/workspace.js';

const TOKEN = 'ig-crawl-token-4d3c2b1a';
process.env.IG_CRAWL_TOKEN = TOKEN;
const SETTINGS = `${FAST_HTTP}capture:\n  fullSweepDays: 0\n`;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'docs', 'normalised-item.schema.json'), 'utf8')) as object);

describe('Instagram capture of the demo account', () => {
  let ds: InstagramDataset;
  let fake: FakeGraph;
  let ws: Workspace;
  let registry: Registry;
  const paths: string[] = [];
  const items = async () => (await ws.store.listItems('ig')).filter((i) => i.kind !== 'profile');
  beforeAll(async () => {
    ds = instagramDemoDataset({ now: new Date() });
    fake = await startFakeGraph({ datasets: [ds], tokens: [TOKEN] });
    fake.onRequest((_n, p) => void paths.push(p));
    ({ ws, registry } = await openTestWorkspace(fake.url, [{ id: 'ig', handle: `"${ds.account.id}"`, platform: 'instagram', tokenEnv: 'IG_CRAWL_TOKEN' }], SETTINGS));
    expect((await runCapture(ws, registry)).status).toBe('completed');
  });
  afterAll(async () => {
    await ws?.close();
    await fake?.close();
  });

  it('holds every post, comment and reply (past the first page of a busy comment), in place, third parties marked', async () => {
    const want = ds.expected();
    const got = await items();
    expect(got.map((i) => i.platformId).sort()).toEqual(want.itemIds);
    expect(got.filter((i) => i.thirdParty).map((i) => i.platformId).sort()).toEqual([...want.thirdPartyIds].sort());
    const busy = ds.media.flatMap((m) => m.comments).find((c) => c.key === 'speeltuin/schaduw')!;
    expect(paths.some((p) => p.startsWith(`/v25.0/${busy.id}/replies?`))).toBe(true);
    const replies = got.filter((i) => i.parentPlatformId === busy.id);
    expect(replies).toHaveLength(31);
    for (const r of replies) expect(r).toMatchObject({ kind: 'reply', threadRootPlatformId: busy.mediaId });
  });

  it('stores every picture of a carousel, and maps every version onto the normalised schema', async () => {
    const carousel = ds.media.find((m) => m.type === 'CAROUSEL_ALBUM')!;
    const [v] = await ws.store.listVersions('ig', carousel.id);
    expect(v!.media.map((m) => m.platformId)).toEqual(carousel.files.map((f) => f.id));
    expect(v!.media.every((m) => /^[0-9a-f]{64}$/.test(m.sha256 ?? ''))).toBe(true);
    const reader = formatsReader(ws.store, registry);
    for (const item of await items()) {
      for (const view of await reader.versions(item)) {
        expect(view.problem).toBeUndefined();
        expect(validate(view.normalised), JSON.stringify(validate.errors)).toBe(true);
      }
    }
    const [n] = await reader.versions((await items()).find((i) => i.platformId === ds.media.find((m) => m.key === 'koningsdag')!.id)!);
    expect(n!.normalised).toMatchObject({ kind: 'post', text: { plain: expect.stringContaining('Één dag oranje! 🇳🇱🎉') }, tags: [{ name: 'koningsdag' }, { name: 'voorbeeldstad' }] });
  });

  it('next day: the caption edit is a version, a deleted post takes its comments along, a deleted comment is marked', async () => {
    const before = new Set(ds.expected().itemIds);
    fake.nextDay();
    expect((await runCapture(ws, registry)).status).toBe('completed');
    const want = ds.expected();
    const got = await items();
    const gone = [...before].filter((id) => !want.itemIds.includes(id)).sort();
    expect(got.filter((i) => i.deletedAt).map((i) => i.platformId).sort()).toEqual(gone);
    const storm = ds.media.find((m) => m.key === 'storm')!;
    expect(gone).toEqual(expect.arrayContaining([storm.id, ...storm.comments.map((c) => c.id)]));
    const raad = ds.media.find((m) => m.key === 'raad')!;
    expect((await ws.store.listVersions('ig', raad.id)).length).toBe(2);
    expect(got.map((i) => i.platformId).sort()).toEqual([...new Set([...before, ...want.itemIds])].sort());
  });
});

it('stops with a clear message when the registry names the account by user name', async () => {
  const ds = instagramDemoDataset();
  const fake = await startFakeGraph({ datasets: [ds], tokens: [TOKEN] });
  const { ws, registry } = await openTestWorkspace(fake.url, [{ id: 'ig', handle: 'gemeentevoorbeeldstad', platform: 'instagram', tokenEnv: 'IG_CRAWL_TOKEN' }], SETTINGS);
  try {
    const run = await runCapture(ws, registry);
    expect(run.status).toBe('stopped');
    expect(run.accounts[0]!.stop!.reason).toMatch(/numeric id/);
    expect(fake.stats.requests).toBe(0);
  } finally {
    await ws.close();
    await fake.close();
  }
});
