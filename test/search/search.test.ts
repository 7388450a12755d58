import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataset } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { runCapture } from '../../src/capture/run.js';
import type { Registry } from '../../src/domain/types.js';
import type { SearchHit } from '../../src/store/search-store.js';
import { DATABASE_FILE, openWorkspace, type Workspace } from '../../src/workspace.js';
import { TEST_STORE } from '../helpers/test-store.js';
import { openTestWorkspace } from '../helpers/workspace.js';

// store.search over the demo accounts captured from the fake Mastodon server into a real SQLite store.

const TOKEN = 'search-test-token-1a2b3c';
process.env.SEARCH_TEST_TOKEN = TOKEN;
let fake: FakeMastodon;
let ws: Workspace;
let registry: Registry;
let dirs: { config: string; data: string };

beforeAll(async () => {
  fake = await startFakeMastodon({ tokens: [TOKEN], dataset: demoDataset() });
  ({ ws, registry, dirs } = await openTestWorkspace(fake.url, [
    { id: 'voorbeeldstad', handle: 'voorbeeldstad', tokenEnv: 'SEARCH_TEST_TOKEN', render: false },
    { id: 'burgemeester', handle: 'burgemeester', render: false },
  ]));
  const run = await runCapture(ws, registry, { now: () => new Date(fake.dataset.now) });
  expect(run.status).toBe('completed');
}, 120_000);

afterAll(async () => {
  await ws?.close();
  await fake?.close();
});

const marked = (h: SearchHit) => h.snippet.marks.map(([s, e]) => h.snippet.text.slice(s, e));

describe('store.search', () => {
  it('finds a third-party reply by a word in it, with the word marked in a plain-text snippet', async () => {
    const r = await ws.store.search.search({ text: 'rollator', limit: 10, offset: 0 });
    expect(r.total).toBe(1);
    const hit = r.hits[0]!;
    expect(hit).toMatchObject({ accountId: 'voorbeeldstad', kind: 'reply', author: { handle: expect.stringContaining('pietjansen') }, deleted: false });
    expect(hit.threadRootPlatformId).toBeTruthy();
    expect(hit.snippet.text).toContain('Mijn vrouw kan met de rollator niet meer langs');
    expect(marked(hit)).toEqual(['rollator']);
    expect(hit.snippet.text).not.toMatch(/<[a-z]/i);
  });

  it('needs every word, case-insensitively, and finds authors by name and handle', async () => {
    expect((await ws.store.search.search({ text: 'ROLLATOR vrouw', limit: 10, offset: 0 })).total).toBe(1);
    expect((await ws.store.search.search({ text: 'rollator storm', limit: 10, offset: 0 })).total).toBe(0);
    const byAuthor = await ws.store.search.search({ text: 'pietjansen', limit: 50, offset: 0 });
    expect(byAuthor.hits.filter((h) => h.author.handle.includes('pietjansen')).length).toBeGreaterThanOrEqual(2);
    // The others mention him in their text.
    expect(byAuthor.hits.every((h) => h.author.handle.includes('pietjansen') || marked(h).includes('pietjansen'))).toBe(true);
    expect((await ws.store.search.search({ text: 'Piet Jansen', limit: 50, offset: 0 })).hits.map((h) => h.author.handle)).toContain(byAuthor.hits.find((h) => h.author.handle.includes('pietjansen'))!.author.handle);
  });

  it('folds Dutch diacritics both ways', async () => {
    const plain = await ws.store.search.search({ text: 'ideeen', limit: 10, offset: 0 });
    expect(plain.total).toBe(1);
    expect(marked(plain.hits[0]!)).toEqual(['ideeën']);
    expect((await ws.store.search.search({ text: 'geinstalleerd', limit: 10, offset: 0 })).total).toBe(1);
    const oke = (await ws.store.search.search({ text: 'oke', limit: 10, offset: 0 })).total;
    expect(oke).toBeGreaterThan(0);
    expect((await ws.store.search.search({ text: 'Oké', limit: 10, offset: 0 })).total).toBe(oke);
  });

  it('searches hostile query syntax as words and never throws', async () => {
    for (const text of ['"rollator', 'rollator NEAR(vrouw', 'rollator*', '((rollator', 'rollator OR vrouw)', '^rollator', 'rollator AND NOT vrouw', "rollator'; DROP TABLE items; --", 'body:rollator']) {
      const r = await ws.store.search.search({ text, limit: 10, offset: 0 });
      expect(r.hits.map((h) => h.snippet.text.includes('rollator')), text).not.toContain(false);
    }
    // Syntax words are searched literally: nobody wrote "NEAR" in the demo.
    expect((await ws.store.search.search({ text: 'NEAR', limit: 10, offset: 0 })).total).toBe(0);
    expect((await ws.store.search.search({ text: '"*()', limit: 10, offset: 0 })).total).toBe(0);
    expect((await ws.store.search.search({ text: 'x'.repeat(10_000), limit: 10, offset: 0 })).total).toBe(0);
  });

  it('finds a word that only an edit added, shows the item as edited, and gives every version with its text', async () => {
    const r = await ws.store.search.search({ text: 'gevonden buren', limit: 10, offset: 0 });
    expect(r.total).toBe(1);
    const hit = r.hits[0]!;
    expect(hit).toMatchObject({ kind: 'reply', edited: true, versionCount: 2 });
    const versions = await ws.store.search.versions(hit.accountId, hit.platformId);
    expect(versions.map((v) => v.text)).toEqual(['@voorbeeldstad Mijn stempas is kwijt, wat nu?', expect.stringContaining('gevonden, lag bij de post van de buren')]);
    expect(versions[0]!.versionAt < versions[1]!.versionAt).toBe(true);
    // An old version's words find the item too.
    expect((await ws.store.search.search({ text: 'kwijt wat nu', limit: 10, offset: 0 })).hits.map((h) => h.platformId)).toContain(hit.platformId);
    expect(await ws.store.search.versions(hit.accountId, 'no-such-item')).toEqual([]);
  });

  it('filters by account, kind, period, edited and deleted, and pages in a stable order', async () => {
    const all = await ws.store.search.search({ limit: 500, offset: 0 });
    const counts = await ws.store.countItems();
    expect(all.total).toBe(counts.posts + counts.replies + counts.profiles);
    const mayor = await ws.store.search.search({ accountIds: ['burgemeester'], limit: 500, offset: 0 });
    expect(mayor.total).toBe((await ws.store.listItems('burgemeester')).length);
    expect(mayor.hits.every((h) => h.accountId === 'burgemeester')).toBe(true);
    const profiles = await ws.store.search.search({ kind: 'profile', limit: 10, offset: 0 });
    expect(profiles.total).toBe(2);
    const edited = await ws.store.search.search({ edited: true, limit: 500, offset: 0 });
    expect(edited.total).toBeGreaterThanOrEqual(2);
    expect(edited.hits.every((h) => h.edited && h.versionCount > 1)).toBe(true);
    const march = await ws.store.search.search({ from: '2026-03-01', to: '2026-03-31', limit: 500, offset: 0 });
    expect(march.total).toBeGreaterThan(0);
    expect(march.hits.every((h) => h.createdAt >= '2026-03-01' && h.createdAt < '2026-04-01')).toBe(true);
    expect(march.total).toBeLessThan(all.total);
    // Pages put together are the whole list, newest first.
    const pages: SearchHit[] = [];
    for (let offset = 0; offset < all.total; offset += 7) pages.push(...(await ws.store.search.search({ limit: 7, offset })).hits);
    expect(pages.map((h) => `${h.accountId}/${h.platformId}`)).toEqual(all.hits.map((h) => `${h.accountId}/${h.platformId}`));
    expect([...pages.map((h) => h.createdAt)].sort().reverse()).toEqual(pages.map((h) => h.createdAt));
    expect((await ws.store.search.search({ deleted: true, limit: 10, offset: 0 })).total).toBe(counts.deleted);
    await expect(ws.store.search.search({ to: '2026-02-30', limit: 10, offset: 0 })).rejects.toThrow(/not a date/);
  });

  it('keeps the index current: the next day\'s deletions and new replies are found after the next run', async () => {
    fake.nextDay();
    const run = await runCapture(ws, registry, { now: () => new Date(fake.dataset.now) });
    expect(run.status).toBe('completed');
    const counts = await ws.store.countItems();
    expect(counts.deleted).toBeGreaterThan(0);
    const deleted = await ws.store.search.search({ deleted: true, limit: 50, offset: 0 });
    expect(deleted.total).toBe(counts.deleted);
    expect(deleted.hits.every((h) => h.deleted)).toBe(true);
    const all = await ws.store.search.search({ limit: 1, offset: 0 });
    expect(all.total).toBe(counts.posts + counts.replies + counts.profiles);
  }, 120_000);

  // It rewinds the SQLite file itself; on PostgreSQL the index is an expression index with nothing to rebuild.
  it.skipIf(TEST_STORE === 'postgres')('migration 0006 indexes an archive that was captured before search existed', async () => {
    const before = await ws.store.search.search({ text: 'rollator', limit: 10, offset: 0 });
    await ws.close();
    const db = new Database(join(dirs.data, DATABASE_FILE));
    db.exec(`DROP TABLE search_fts; DROP TABLE search_texts; DROP INDEX items_published_all; DELETE FROM kysely_migration WHERE name = '0006_search';`);
    db.close();
    ws = await openWorkspace({ configDir: dirs.config, dataDir: dirs.data });
    expect(await ws.store.search.search({ text: 'rollator', limit: 10, offset: 0 })).toEqual(before);
    expect((await ws.store.search.search({ text: 'gevonden', limit: 10, offset: 0 })).total).toBe(1);
  });
});
