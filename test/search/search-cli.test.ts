import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataset } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { runCapture } from '../../src/capture/run.js';
import type { SearchResult } from '../../src/store/search-store.js';
import { cli, requireBuiltCli } from '../helpers/cli.js';
import { openTestWorkspace } from '../helpers/workspace.js';

// `socialarchive search` as its own process over the demo archive captured from the fake Mastodon server.

const TOKEN = 'search-cli-token-2b3c4d';
process.env.SEARCH_CLI_TOKEN = TOKEN;
let fake: FakeMastodon;
let dirs: { config: string; data: string };

beforeAll(async () => {
  requireBuiltCli();
  fake = await startFakeMastodon({ tokens: [TOKEN], dataset: demoDataset() });
  const t = await openTestWorkspace(fake.url, [
    { id: 'voorbeeldstad', handle: 'voorbeeldstad', tokenEnv: 'SEARCH_CLI_TOKEN', render: false },
    { id: 'burgemeester', handle: 'burgemeester', render: false },
  ]);
  dirs = t.dirs;
  expect((await runCapture(t.ws, t.registry, { now: () => new Date(fake.dataset.now) })).status).toBe('completed');
  await t.ws.close();
}, 120_000);

afterAll(async () => {
  await fake?.close();
});

const search = (...args: string[]) => cli(['--config', dirs.config, '--data', dirs.data, ...args]);

describe('socialarchive search', () => {
  it('finds a reply by a word in it and marks the word', async () => {
    const r = await search('search', 'ROLLATOR');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^voorbeeldstad\/\S+ {2}2026-02-02 \d\d:\d\d {2}@pietjansen\S* {2}\(reactie\)\n {2}.*met de »rollator« niet meer langs/);
    expect(r.stdout).toContain('1–1 van 1 getoond');
  });

  it('gives JSON, filters by account and pages', async () => {
    const all = JSON.parse((await search('search', 'Stationsweg', '--json')).stdout) as SearchResult;
    expect(all.total).toBeGreaterThan(2);
    const mayor = JSON.parse((await search('search', 'Stationsweg', '--account', 'burgemeester', '--json')).stdout) as SearchResult;
    expect(mayor.hits.every((h) => h.accountId === 'burgemeester')).toBe(true);
    expect(mayor.total).toBeLessThan(all.total);
    const second = JSON.parse((await search('search', 'Stationsweg', '--limit', '1', '--page', '2', '--json')).stdout) as SearchResult;
    expect(second.hits.map((h) => h.platformId)).toEqual([all.hits[1]!.platformId]);
    const en = await search('--lang', 'en', 'search', 'NEAR(" *');
    expect(en.code).toBe(0);
    expect(en.stdout).toBe('Nothing found.\n');
  });

  it('refuses an unknown account and a bad date with one clear message', async () => {
    const unknown = await search('search', 'x', '--account', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown account nope; registered: burgemeester, voorbeeldstad/);
    const bad = await search('search', 'x', '--from', '2026-02-30');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/not a date/);
  });
});
