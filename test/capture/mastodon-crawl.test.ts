import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diffCaptures, expectedCapture } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { runCapture } from '../../src/capture/run.js';
import type { Workspace } from '../../src/workspace.js';
import { FAST_HTTP, openTestWorkspace } from '../helpers/workspace.js';
import { dumpAccount } from '../helpers/dump.js';
import { databaseBytes } from '../helpers/test-store.js';

const TOKEN = 'test-token-5f0c1d2e3a4b';
process.env.TEST_MASTODON_TOKEN = TOKEN;
const ACCOUNTS = [
  { id: 'voorbeeldstad', handle: 'voorbeeldstad', tokenEnv: 'TEST_MASTODON_TOKEN' },
  { id: 'burgemeester', handle: 'burgemeester' },
];
const DAY = 86_400_000;

let fake: FakeMastodon | undefined;
let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.close();
  await fake?.close();
  ws = undefined;
  fake = undefined;
});

async function setup(settings = FAST_HTTP) {
  fake = await startFakeMastodon({ tokens: [TOKEN] });
  const t = await openTestWorkspace(fake.url, ACCOUNTS, settings);
  ws = t.ws;
  return { fake, ws: t.ws, registry: t.registry, dirs: t.dirs, ds: fake.dataset };
}

const at = (iso: string, plusMs = 0) => () => new Date(Date.parse(iso) + plusMs);

describe('Mastodon capture against the fake server', () => {
  it('first run: every status and reply with a token; without one all the caps allow, with the cut threads recorded', async () => {
    const { fake, registry, ds } = await setup();
    const w = ws!;
    const run = await runCapture(w, registry, { now: at(ds.now) });
    expect(run.status).toBe('completed');

    for (const [accountId, acct, token] of [
      ['voorbeeldstad', 'voorbeeldstad', true],
      ['burgemeester', 'burgemeester', false],
    ] as const) {
      const want = expectedCapture(ds, acct, { token });
      const items = await w.store.listItems(accountId);
      const statuses = items.filter((i) => i.kind !== 'profile');
      expect(statuses.map((i) => i.platformId).sort()).toEqual([...want.statusIds].sort());
      expect(statuses.filter((i) => i.thirdParty).map((i) => i.platformId).sort()).toEqual([...want.thirdPartyIds].sort());
      // Every reply sits in the thread of the account's post it belongs to.
      for (const [root, ids] of Object.entries(want.descendants)) {
        for (const id of ids) expect(items.find((i) => i.platformId === id)?.threadRootPlatformId, `reply ${id}`).toBeDefined();
        if (ids.length && !want.reblogs[root]) {
          const roots = new Set(ids.map((id) => items.find((i) => i.platformId === id)!.threadRootPlatformId));
          expect(roots.size).toBe(1);
        }
      }
      for (const i of statuses) expect(i.versionKeys.length, `versions of ${i.platformId}`).toBe(want.versions[i.platformId] ?? 1);
      const cut = items.filter((i) => i.threadCut).map((i) => i.platformId).sort();
      expect(cut).toEqual(token ? [] : [...want.cutWithoutToken].sort());
      // Media: the original bytes, exactly once per file.
      for (const [id, urls] of Object.entries(want.media)) {
        if (!want.statusIds.includes(id)) continue;
        const versions = await w.store.listVersions(accountId, id);
        const stored = versions.flatMap((v) => v.media).filter((m) => m.sha256);
        expect(new Set(stored.map((m) => m.url))).toEqual(new Set(urls));
      }
      expect(await w.store.latestProfile(accountId)).not.toBeNull();
      // The run's summary counts what the archive holds.
      const stats = run.accounts.find((a) => a.accountId === accountId)!.stats;
      expect(stats.newPosts).toBe(statuses.filter((i) => i.kind === 'post').length);
      expect(stats.newReplies).toBe(statuses.filter((i) => i.kind === 'reply').length);
    }
    expect(fake.stats.exceeded).toBe(0);

    // The WARC holds every exchange; the token is in neither the WARC nor the store nor the log.
    const warcs = await w.store.listWarcs(run.id);
    const responses = warcs.reduce((n, warc) => n + (warc.records - 1) / 2, 0);
    expect(responses).toBe(fake.stats.requests);
    for (const warc of warcs) {
      const hash = warc.file.sha256;
      const bytes = readFileSync(join(w.dataDir, 'files', 'sha256', hash.slice(0, 2), hash.slice(2, 4), hash));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(hash);
      expect(bytes.includes(TOKEN)).toBe(false);
      expect(bytes.toString('latin1')).toContain('Authorization: [REDACTED]');
    }
    const { configDir, dataDir } = w;
    await w.close();
    ws = undefined;
    expect(databaseBytes(configDir, dataDir).includes(TOKEN)).toBe(false);
    for (const f of readdirSync(join(dataDir, 'logs'))) expect(readFileSync(join(dataDir, 'logs', f), 'utf8')).not.toContain(TOKEN);
  });

  it('without a token the busy thread is cut at the anonymous limits, and the run says so', async () => {
    fake = await startFakeMastodon({ tokens: [TOKEN] });
    const t = await openTestWorkspace(fake.url, [{ id: 'voorbeeldstad', handle: 'voorbeeldstad' }], FAST_HTTP);
    ws = t.ws;
    const run = await runCapture(ws, t.registry, { now: at(fake.dataset.now) });
    const want = expectedCapture(fake.dataset, 'voorbeeldstad', { token: false });
    const items = await ws.store.listItems('voorbeeldstad');
    expect(items.filter((i) => i.kind !== 'profile').map((i) => i.platformId).sort()).toEqual([...want.statusIds].sort());
    const cut = items.filter((i) => i.threadCut);
    expect(cut.map((i) => i.platformId).sort()).toEqual([...want.cutWithoutToken].sort());
    expect(cut.length).toBeGreaterThan(0);
    expect(cut[0]!.threadCut).toMatch(/anonymous limits/);
    expect(run.accounts[0]!.stats.threadsCut).toBe(cut.length);
  });

  it('next day: a second run adds exactly the new posts, replies and edit versions, marks deletions, and duplicates nothing', async () => {
    const { fake, ws, registry, ds } = await setup(`${FAST_HTTP}capture:\n  fullSweepDays: 7\n`);
    await runCapture(ws, registry, { now: at(ds.now) });
    const before = await dumpAccount(ws.store, 'voorbeeldstad');
    const wantBefore = expectedCapture(ds, 'voorbeeldstad', { token: true });
    fake.nextDay();
    const wantAfter = expectedCapture(ds, 'voorbeeldstad', { token: true });
    const diff = diffCaptures(wantBefore, wantAfter);
    expect(diff.added.length).toBeGreaterThan(2);
    expect(diff.removed.length).toBeGreaterThan(0);
    expect(diff.edited.length).toBeGreaterThan(0);

    // One day later the recent window (30 days) is re-checked, and so is any older thread the
    // account answered in today; other old threads wait for the weekly full sweep.
    const day2 = await runCapture(ws, registry, { now: at(ds.now) });
    expect(day2.status).toBe('completed');
    const edge = Date.parse(ds.now) - 30 * DAY;
    const rootOf = (id: string) => Object.entries(wantAfter.descendants).find(([, ids]) => ids.includes(id))?.[0] ?? id;
    const answeredToday = new Set(diff.added.filter((id) => ds.status(id)!.accountId === wantAfter.accountId).map(rootOf));
    const dueOnDay2 = (id: string) => Date.parse(ds.status(rootOf(id))!.createdAt) >= edge || answeredToday.has(rootOf(id));
    const knownBefore = new Set(before.map((i) => i.id));
    const newOnDay2 = (await ws.store.listItems('voorbeeldstad')).filter((i) => !knownBefore.has(i.platformId)).map((i) => i.platformId);
    expect(newOnDay2.sort()).toEqual(diff.added.filter(dueOnDay2).sort());
    expect(answeredToday.size).toBeGreaterThan(0);

    // A week later the full sweep finds the rest.
    const day9 = await runCapture(ws, registry, { now: at(ds.now, 8 * DAY) });
    expect(day9.status).toBe('completed');
    const after = await dumpAccount(ws.store, 'voorbeeldstad');
    const ids = after.filter((i) => i.kind !== 'profile').map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...new Set([...wantBefore.statusIds, ...wantAfter.statusIds])].sort());
    expect(after.filter((i) => i.deleted).map((i) => i.id).sort()).toEqual([...diff.removed].sort());
    for (const id of diff.edited) expect(after.find((i) => i.id === id)!.versions.length).toBe(wantAfter.versions[id]);
    // What was stored before is still there, unchanged: versions are only ever added.
    for (const b of before) {
      const a = after.find((i) => i.id === b.id)!;
      expect(a.versions.slice(0, b.versions.length)).toEqual(b.versions);
    }
    const summed = [day2, day9].flatMap((r) => r.accounts.filter((a) => a.accountId === 'voorbeeldstad')).reduce((n, a) => n + a.stats.newItems, 0);
    expect(summed).toBe(diff.added.length);
  });
});

describe('the account answering in someone else\'s conversation', () => {
  it('roots a thread of its own, and later replies to that answer are found on the next run', async () => {
    const { DatasetBuilder } = await import('../../crawlers/mastodon/fake/builder.js');
    const now = Date.parse('2026-06-01T06:00:00.000Z');
    const b = new DatasetBuilder('conversation', { now: new Date(now).toISOString(), nextDayNow: new Date(now + DAY).toISOString() });
    const me = b.account({ username: 'voorbeeldstad', displayName: 'Gemeente Voorbeeldstad', createdOn: '2023-05-01' });
    const citizen = b.account({ username: 'petra', domain: 'mastodon.social', displayName: 'Petra', createdOn: '2022-01-01' });
    const other = b.account({ username: 'henk', domain: 'mastodon.nl', displayName: 'Henk', createdOn: '2022-01-01' });
    const at = (h: number) => new Date(now - DAY + h * 3_600_000).toISOString();
    const question = b.status({ key: 'q', by: citizen, at: at(1), text: 'Wanneer wordt het gat in de Dorpsstraat gerepareerd?' });
    const answer = b.status({ key: 'a', by: me, at: at(2), replyTo: question, text: 'Dank voor uw melding, volgende week.' });
    b.status({ key: 't1', by: other, at: at(3), replyTo: answer, text: 'Fijn, dat werd tijd.' });
    const late = b.nextDayStatus({ key: 't2', by: citizen, at: at(20), replyTo: answer, text: 'Het is nog steeds niet gemaakt.' });
    fake = await startFakeMastodon({ dataset: b.ds });
    const t = await openTestWorkspace(fake.url, [{ id: 'voorbeeldstad', handle: 'voorbeeldstad', render: false }], FAST_HTTP);
    ws = t.ws;
    const clock = (h: number) => () => new Date(now - DAY + h * 3_600_000);
    await runCapture(ws, t.registry, { now: clock(4) });
    let items = await ws.store.listItems('voorbeeldstad');
    const root = items.find((i) => i.platformId === answer.id)!;
    expect(root.kind).toBe('post');
    expect(root.threadRootPlatformId).toBe(answer.id);
    expect(items.filter((i) => i.threadRootPlatformId === answer.id && i.kind === 'reply').length).toBe(1);

    fake.nextDay();
    await runCapture(ws, t.registry, { now: clock(28) });
    items = await ws.store.listItems('voorbeeldstad');
    expect(items.find((i) => i.platformId === late.id)?.threadRootPlatformId).toBe(answer.id);
    expect(items.some((i) => i.platformId === question.id)).toBe(false); // someone else's post is context, not ours
  });
});
