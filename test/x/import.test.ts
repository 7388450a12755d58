import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalisedItem } from '../../formats/normalise/item.js';
import { THIRD_PARTY_NOTE } from '../../crawlers/x/archive/observe.js';
import { archiveFiles, type ArchiveFile } from '../../crawlers/x/fake/archive.js';
import type { FakeXDataset } from '../../crawlers/x/fake/dataset.js';
import { demoDataset } from '../../crawlers/x/fake/demo-dataset.js';
import { startFakeX, type FakeX } from '../../crawlers/x/fake/server.js';
import { normaliseXVersion } from '../../crawlers/x/normalise.js';
import { runImport } from '../../src/capture/import-run.js';
import { runCapture } from '../../src/capture/run.js';
import { loadAndRecordRegistry } from '../../src/registry/sync.js';
import { openWorkspace, type Workspace } from '../../src/workspace.js';
import { cli, requireBuiltCli } from '../helpers/cli.js';
import { dumpAccount } from '../helpers/dump.js';
import { FAST_HTTP, makeWorkspaceDirs, type TestAccount } from '../helpers/workspace.js';
import { buildZip, type TestZipEntry } from '../helpers/zip.js';

// The owner's X archive and the API route bring the same items: both are built from one dataset of
// the fake (the archive as X would give it after the "next day", the API captured on both days).

const TOKEN = 'x-import-bearer-1f2e3d4c5b6a';
process.env.X_IMPORT_TOKEN = TOKEN;
const ID = 'gemeente-x';
const ACCOUNT: TestAccount = { id: ID, platform: 'x', handle: 'voorbeeldstad', tokenEnv: 'X_IMPORT_TOKEN', render: false };
const SETTINGS = `${FAST_HTTP}privacy:\n  faces: false\n`;
const DAY = 86_400_000;
const root = mkdtempSync(join(tmpdir(), 'x-import-'));

let fake: FakeX;
let ds: FakeXDataset;
let files: ArchiveFile[];
let api: ReturnType<typeof makeWorkspaceDirs>;
/** The archive as X delivers it: a zip with a non-ASCII name, tweets split into parts. */
let archive: string;

type Dirs = { config: string; data: string };
async function inWorkspace<T>(dirs: Dirs, fn: (ws: Workspace) => Promise<T>): Promise<T> {
  const ws = await openWorkspace({ configDir: dirs.config, dataDir: dirs.data });
  try {
    return await fn(ws);
  } finally {
    await ws.close();
  }
}
async function capture(dirs: Dirs): Promise<string> {
  return inWorkspace(dirs, async (ws) => {
    const { registry } = await loadAndRecordRegistry(ws.store, ws.registryFile, 'test');
    return (await runCapture(ws, registry)).status;
  });
}
const dump = (dirs: Dirs) => inWorkspace(dirs, (ws) => dumpAccount(ws.store, ID));
const importCli = (dirs: Dirs, file: string) => cli(['--config', dirs.config, '--data', dirs.data, 'import', '--account', ID, file]);
const zip = (name: string, entries: TestZipEntry[]) => {
  const file = join(root, name);
  writeFileSync(file, buildZip(entries));
  return file;
};
const entries = (list: ArchiveFile[]): TestZipEntry[] => list.map((f) => ({ name: f.name, data: f.data, deflate: !f.name.endsWith('.mp4') }));

/** Normalised form of every version of the account's own posts, by item. */
async function ownItems(dirs: Dirs): Promise<Map<string, { kind: string; root: string | null; deleted: boolean; versions: NormalisedItem[] }>> {
  return inWorkspace(dirs, async (ws) => {
    const out = new Map<string, { kind: string; root: string | null; deleted: boolean; versions: NormalisedItem[] }>();
    for (const item of await ws.store.listItems(ID)) {
      if (item.kind === 'profile' || item.thirdParty) continue;
      const versions = (await ws.store.listVersions(ID, item.platformId)).map((v, i, all) =>
        normaliseXVersion({
          platform: 'x',
          ownAccountId: ds.ownUserId,
          threadRootPlatformId: item.threadRootPlatformId ?? null,
          foundDeletedAt: item.deletedAt ?? null,
          source: v.source,
          payload: v.payload,
          payloadSha256: v.payloadSha256,
          capturedAt: v.capturedAt,
          isNewest: i === all.length - 1,
          media: v.media.map((m) => ({ platformId: m.platformId ?? null, url: m.url, sha256: m.sha256 ?? null, size: m.size ?? null, puid: null })),
        }),
      );
      out.set(item.platformId, { kind: item.kind, root: item.threadRootPlatformId ?? null, deleted: item.deletedAt !== undefined, versions });
    }
    return out;
  });
}

/** What both routes must agree on for one version of a post. */
const essence = (n: NormalisedItem) => ({
  platformId: n.platformId,
  uri: n.uri,
  url: n.url,
  kind: n.kind,
  author: [n.author.id, n.author.handle, n.author.displayName],
  published: n.times.published,
  edited: n.times.edited,
  text: n.text.plain,
  language: n.language,
  mentions: n.mentions.map((m) => [m.id, m.handle]),
  tags: n.tags.map((t) => t.name),
  links: n.links.map((l) => l.url),
  replyTo: n.replyTo?.platformId ?? null,
  version: [n.version.key, n.version.index],
  media: n.media.map((m) => [m.platformId, m.type, m.url, m.sha256, m.size]),
});

function snapshotFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? snapshotFiles(p) : [`${p.slice(dir.length)}:${statSync(p).size}`];
  });
}
/** Everything an import could have changed: items, runs, import records, stored files. */
async function storeState(dirs: Dirs) {
  const db = await inWorkspace(dirs, async (ws) => ({ items: await dumpAccount(ws.store, ID), runs: (await ws.store.listRuns(100)).length, imports: (await ws.store.listImportFiles()).length }));
  return { ...db, files: snapshotFiles(join(dirs.data, 'files', 'sha256')).sort() };
}

beforeAll(async () => {
  requireBuiltCli();
  // A day ago the story's "today"; now its next day: the API route runs on the wall clock, as the CLI does.
  ds = demoDataset({ now: new Date(Date.now() - DAY) });
  fake = await startFakeX({ dataset: ds, tokens: [TOKEN] });
  api = makeWorkspaceDirs(fake.url, [ACCOUNT], SETTINGS);
  expect(await capture(api)).toBe('completed');
  fake.nextDay();
  expect(await capture(api)).toBe('completed');
  files = await archiveFiles(ds, { partSize: 8 });
  archive = zip('twitter-2026-06-02-Súdwest-Fryslân-archief.zip', entries(files));
}, 180_000);

afterAll(async () => fake?.close());

describe('X account archive import', () => {
  it('yields the same items as the API route: ids, kinds, versions, text, media bytes, deletions', { timeout: 120_000 }, async () => {
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['data/tweets.js', 'data/tweets-part1.js', 'data/deleted-tweets.js', 'data/account.js']));
    const imported = makeWorkspaceDirs(fake.url, [ACCOUNT], SETTINGS);
    const r = await importCli(imported, archive);
    expect(r.code, r.stderr).toBe(0);

    const fromArchive = await ownItems(imported);
    const fromApi = await ownItems(api);
    expect([...fromArchive.keys()].sort()).toEqual([...fromApi.keys()].sort());
    // The archive has no conversations: an answer to someone else's reply in one of our threads becomes a thread of its own until an API capture places it.
    const own = ds.ownUserId;
    const answersToReplies = new Set(
      [...ds.tweets.values()]
        .filter((t) => t.authorId === own && t.inReplyTo && ds.tweets.get(t.inReplyTo)!.authorId !== own && ds.tweets.get(ds.conversationOf(t))?.authorId === own)
        .map((t) => ds.idOf(t)),
    );
    expect(answersToReplies.size).toBeGreaterThanOrEqual(3);
    for (const [id, a] of fromArchive) {
      const b = fromApi.get(id)!;
      expect(a.deleted, id).toBe(b.deleted);
      if (answersToReplies.has(id)) {
        expect([a.kind, a.root], id).toEqual(['post', id]);
        expect(b.kind, id).toBe('reply');
      } else expect([a.kind, a.root], id).toEqual([b.kind, b.root]);
      expect(a.versions.map(essence), id).toEqual(b.versions.map(essence));
      expect(a.versions.every((v) => v.version.source === 'export') && b.versions.every((v) => v.version.source === 'status')).toBe(true);
    }
    // Non-ASCII text, an edit, a video and a deleted post came through.
    const all = [...fromArchive.values()];
    expect(all.some((i) => i.versions.some((v) => v.text.plain.includes('Súdwest-plein zijn het hart')))).toBe(true);
    expect(all.some((i) => i.versions.length === 2)).toBe(true);
    expect(all.some((i) => i.versions.some((v) => v.media.some((m) => m.type === 'video' && m.sha256)))).toBe(true);
    expect(all.filter((i) => i.deleted)).toHaveLength(1);

    // What the import records: only the account's own posts, a note on every thread that replies by others are not in it.
    const state = await inWorkspace(imported, async (ws) => ({ items: await ws.store.listItems(ID), imports: await ws.store.listImportFiles(ID), runs: await ws.store.listRuns(5) }));
    expect(state.items.filter((i) => i.thirdParty)).toEqual([]);
    const roots = state.items.filter((i) => i.kind === 'post' && i.threadRootPlatformId === i.platformId);
    expect(roots.length).toBeGreaterThan(10);
    for (const i of roots) expect(i.threadCut).toBe(THIRD_PARTY_NOTE);
    expect(state.imports).toEqual([expect.objectContaining({ format: 'X account archive', name: 'twitter-2026-06-02-Súdwest-Fryslân-archief.zip.manifest.json' })]);
    expect(state.runs[0]!.accounts[0]).toMatchObject({ status: 'completed' });
  });

  it('on top of an API capture adds nothing twice, and an API run after an import ends where the API route ends', { timeout: 120_000 }, async () => {
    // Import into the store the API filled: no new posts or versions, placement kept.
    const before = await dump(api);
    const r = await importCli(api, archive);
    expect(r.code, r.stderr).toBe(0);
    const after = await dump(api);
    expect(after.filter((i) => i.kind !== 'profile')).toEqual(before.filter((i) => i.kind !== 'profile'));

    // Import first, then the API: the same items, placements, versions and media as the API route alone.
    const both = makeWorkspaceDirs(fake.url, [ACCOUNT], SETTINGS);
    expect((await importCli(both, archive)).code).toBe(0);
    expect(await capture(both)).toBe('completed');
    const shape = (d: Awaited<ReturnType<typeof dumpAccount>>) =>
      d.filter((i) => i.kind !== 'profile').map((i) => ({ ...i, versions: i.versions.map((v) => ({ key: v.key, media: v.media })) }));
    const apiOnly = shape(await dump(api));
    const importThenApi = shape(await dump(both));
    // Replies deleted before the import-first store was ever captured are the API route's alone.
    const seenBoth = apiOnly.filter((i) => !(i.thirdParty && i.deleted));
    expect(seenBoth.length).toBe(apiOnly.length - 1);
    expect(importThenApi.map((i) => i.id)).toEqual(seenBoth.map((i) => i.id));
    for (const b of seenBoth) {
      const a = importThenApi.find((i) => i.id === b.id)!;
      expect({ ...a, cut: null }, b.id).toEqual({ ...b, cut: null });
      // Threads the API searched say what it could not reach; those it had no reason to search keep the archive's note.
      if (b.cut) expect(a.cut, b.id).toBe(b.cut);
      else expect([null, THIRD_PARTY_NOTE], b.id).toContain(a.cut);
    }
  });

  it('refuses an archive of another account, and one whose data is not data, importing nothing', { timeout: 120_000 }, async () => {
    const dirs = makeWorkspaceDirs(fake.url, [ACCOUNT], SETTINGS);
    expect((await importCli(dirs, archive)).code).toBe(0);
    const state = await storeState(dirs);
    const swap = (name: string, text: string) => entries(files.map((f) => (f.name === name ? { name, data: Buffer.from(text) } : f)));
    const pwned = join(root, 'pwned');
    const cases: [string, TestZipEntry[], RegExp][] = [
      ['other account', swap('data/account.js', 'window.YTD.account.part0 = [{"account":{"accountId":"12","username":"nietvoorbeeldstad","accountDisplayName":"Ander"}}]'), /archive of @nietvoorbeeldstad \(id 12\), not of @voorbeeldstad/],
      ['code instead of data', swap('data/tweets.js', `window.YTD.tweets.part0 = (() => { require('fs').writeFileSync(${JSON.stringify(pwned)}, 'x'); return []; })()`), /is not JSON/],
      ['no YTD assignment', swap('data/tweets.js', '[{"tweet":{}}]'), /not an X archive data file/],
      ['a post without a proper id', swap('data/tweets-part1.js', 'window.YTD.tweets.part1 = [{"tweet":{"id_str":"../../etc","full_text":"x","created_at":"Sat Feb 18 12:33:11 +0000 2023"}}]'), /tweets-part1\.js: entry 0 is not a post.*id_str: not an X id/],
      ['an impossible date', swap('data/tweets-part1.js', 'window.YTD.tweets.part1 = [{"tweet":{"id_str":"1","full_text":"x","created_at":"Sat Feb 31 12:33:11 +0000 2023"}}]'), /which is not a date/],
      ['not an X archive', [{ name: 'data/like.js', data: Buffer.from('window.YTD.like.part0 = []') }], /does not look like a X account archive/],
    ];
    // The importer's own checks, in process (the command line around them is shown with the hostile zips below).
    await inWorkspace(dirs, async (ws) => {
      const { registry } = await loadAndRecordRegistry(ws.store, ws.registryFile, 'test');
      for (const [what, list, message] of cases) await expect(runImport(ws, registry, ID, zip(`${what.replace(/\W+/g, '-')}.zip`, list)), what).rejects.toThrow(message);
    });
    // Nothing imported; a refusal found in the archive's data is on record as a failed import run.
    const now = await storeState(dirs);
    expect({ ...now, runs: 0 }).toEqual({ ...state, runs: 0 });
    const failed = (await inWorkspace(dirs, (ws) => ws.store.listRuns(20))).filter((r) => r.status === 'failed');
    expect(failed.length).toBe(now.runs - state.runs);
    for (const r of failed) expect(r.accounts[0]?.stop?.reason).toMatch(/nothing was imported/);
    expect(existsSync(pwned)).toBe(false);
  });
});

describe('hostile X archives through socialarchive import', () => {
  /** Thirteen entries that each claim almost 4 GiB, as much compressed (so no single one looks like a bomb): over the total bound. */
  function overTotal(): Buffer {
    const huge = 0xfffffffe;
    const bytes = buildZip([...entries(files.filter((f) => !f.name.includes('media'))), ...Array.from({ length: 13 }, (_v, i) => ({ name: `data/tweets_media/${i}-big.mp4`, data: Buffer.alloc(1), declaredSize: huge }))]);
    const central = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
    for (let i = bytes.lastIndexOf(central), n = 0; n < 13 && i >= 0; n++, i = bytes.lastIndexOf(central, i - 1)) bytes.writeUInt32LE(huge, i + 20);
    return bytes;
  }
  /** A real archive with one hostile entry added (or made hostile as a whole): refused whole, the store as it was. */
  const hostile: [string, () => Buffer, RegExp][] = (
    [
      ['zip-slip', [{ name: '../../etc/cron.d/evil', data: Buffer.from('x') }], /climbs out of the archive/],
      ['a nested zip-slip', [{ name: 'data/tweets_media/../../../evil.js', data: Buffer.from('x') }], /climbs out of the archive/],
      ['an absolute path', [{ name: '/etc/passwd', data: Buffer.from('x') }], /absolute path/],
      ['a drive letter', [{ name: 'C:/Windows/evil.dll', data: Buffer.from('x') }], /absolute path/],
      ['a backslash path', [{ name: 'data\\..\\evil', data: Buffer.from('x') }], /backslash/],
      ['a symlink', [{ name: 'data/tweets_media/link.jpg', data: Buffer.from('/etc/passwd'), mode: 0o120777 }], /symbolic link/],
      ['a zip bomb (ratio)', [{ name: 'data/tweets_media/bomb.jpg', data: Buffer.alloc(30 * 1024 * 1024), deflate: true }], /expands \d+ times/],
      ['a duplicate name', [{ name: 'data/account.js', data: Buffer.from('window.YTD.account.part0 = []') }], /appears twice/],
      ['names differing only in case', [{ name: 'data/Account.js', data: Buffer.from('x') }], /appears twice/],
      ['a name that is not UTF-8', [{ name: Buffer.from('data/tweets_media/\xe9t\xe9.jpg', 'latin1'), data: Buffer.from('x'), utf8: false }], /not UTF-8/],
      ['a name flagged UTF-8 that is not', [{ name: Buffer.from([0x64, 0x2f, 0xff, 0xfe]), data: Buffer.from('x'), utf8: true }], /not UTF-8/],
    ] as [string, TestZipEntry[], RegExp][]
  )
    .map(([what, extra, message]): [string, () => Buffer, RegExp] => [what, () => buildZip([...entries(files), ...extra]), message])
    .concat([['a zip bomb (total size)', overTotal, /more than \d+ bytes uncompressed in all/]]);

  it('refuses every one with a clear message and leaves the store unchanged', { timeout: 180_000 }, async () => {
    const dirs = makeWorkspaceDirs(fake.url, [ACCOUNT], SETTINGS);
    // The registry is recorded by the first command; after that, a refused import may change nothing.
    expect((await cli(['--config', dirs.config, '--data', dirs.data, 'accounts', 'list'])).code).toBe(0);
    const state = await storeState(dirs);
    // Four commands at a time: each is refused before it records anything.
    const results = new Map<string, Awaited<ReturnType<typeof importCli>>>();
    for (let i = 0; i < hostile.length; i += 4) {
      await Promise.all(
        hostile.slice(i, i + 4).map(async ([what, make]) => {
          const file = join(root, `hostile-${what.replace(/\W+/g, '-')}.zip`);
          writeFileSync(file, make());
          results.set(what, await importCli(dirs, file));
        }),
      );
    }
    for (const [what, , message] of hostile) {
      const r = results.get(what)!;
      expect(r.code, what).not.toBe(0);
      expect(r.stderr, what).toMatch(message);
      expect(r.stderr, what).toMatch(/nothing was imported/);
    }
    expect(await storeState(dirs)).toEqual(state);
    // Nothing was written under an entry's own name, anywhere.
    expect(existsSync(join(dirs.data, 'evil.js'))).toBe(false);
    expect(existsSync(join(root, 'evil'))).toBe(false);
  });
});
