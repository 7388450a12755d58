import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageCursor } from '../../crawlers/web/crawler.js';
import type { PagePayload } from '../../crawlers/web/observe.js';
import { startFakeWebsite, type FakeWebsite } from '../../crawlers/web/fake/server.js';
import { NEWS_PATHS, REFUSED_PATHS } from '../../crawlers/web/fake/site.js';
import { runCapture } from '../../src/capture/run.js';
import { dumpAccount } from '../helpers/dump.js';
import { FAST_HTTP, openTestWorkspace } from '../helpers/workspace.js';

// Browser capture through `runCapture`, as `socialarchive run` does it: the pages come from the
// registry, every capture commits with its page, and walls become the reason a run stopped.
const urls = (site: FakeWebsite, paths: string[]) => `    urls:\n${paths.map((p) => `      - ${site.at(p)}\n`).join('')}`;
const [STATION, KONINGSDAG, AFVAL] = NEWS_PATHS as [string, string, string];

describe('a website account (platform web)', () => {
  let site: FakeWebsite;
  beforeAll(async () => {
    site = await startFakeWebsite();
  });
  afterAll(async () => site?.close());

  it('archives the listed pages; the next day only the changed page gets a version and the gone page is deleted after asking again', async () => {
    const { ws, registry } = await openTestWorkspace(site.url, [{ id: 'site', platform: 'web', handle: 'voorbeeldstad.nl', render: false, extra: urls(site, NEWS_PATHS) }], FAST_HTTP);
    try {
      const first = await runCapture(ws, registry);
      expect(first.accounts[0]!.status).toBe('completed');
      expect(first.accounts[0]!.stats).toMatchObject({ newPosts: 3, newVersions: 3, deleted: 0 });
      const items = await ws.store.listItems('site');
      expect(items.map((i) => [i.platformId, i.kind, i.thirdParty, i.threadRootPlatformId]).sort()).toEqual(NEWS_PATHS.map((p) => [site.at(p), 'post', false, site.at(p)]).sort());
      const [v] = await ws.store.listVersions('site', site.at(STATION));
      const payload = JSON.parse(v!.payload) as PagePayload;
      expect(payload.publishedAt).toBe('2026-04-14T07:00:00.000Z');
      expect(payload.text).toContain('Wethouder Marieke Jansen');
      expect(payload.author).toEqual({ handle: 'voorbeeldstad.nl', thirdParty: false });
      expect(v!.media.map((m) => m.type)).toEqual(['screenshot', 'page-text']);
      for (const m of v!.media) expect(m.sha256 ?? m.error).toBeTruthy();

      // The same pages again: nothing new.
      const again = await runCapture(ws, registry);
      expect(again.accounts[0]!.stats).toMatchObject({ newItems: 0, newVersions: 0, deleted: 0 });

      site.nextDay();
      const gets = site.stats.byPath.get(AFVAL) ?? 0;
      const before = await dumpAccount(ws.store, 'site');
      const next = await runCapture(ws, registry);
      expect(next.accounts[0]!.status).toBe('completed');
      expect(next.accounts[0]!.stats).toMatchObject({ newItems: 0, newVersions: 1, edited: 1, deleted: 1 });
      expect((site.stats.byPath.get(AFVAL) ?? 0) - gets).toBe(2);
      const after = await dumpAccount(ws.store, 'site');
      const byId = (d: typeof after, path: string) => d.find((i) => i.id === site.at(path))!;
      expect(byId(after, KONINGSDAG).versions).toHaveLength(2);
      expect(byId(after, KONINGSDAG).versions[0]).toEqual(byId(before, KONINGSDAG).versions[0]);
      expect(byId(after, STATION)).toEqual(byId(before, STATION));
      expect(byId(after, AFVAL)).toMatchObject({ deleted: true, versions: byId(before, AFVAL).versions });
      const [older, newer] = await ws.store.listVersions('site', site.at(KONINGSDAG));
      expect((JSON.parse(newer!.payload) as PagePayload).text).toContain('Update 27 april');
      expect((JSON.parse(older!.payload) as PagePayload).text).not.toContain('Update 27 april');
    } finally {
      await ws.close();
    }
  });

  it('does not mark a page deleted when it answers 404 once and is there when asked again', async () => {
    const { ws, registry } = await openTestWorkspace(site.url, [{ id: 'flaky', platform: 'web', handle: 'voorbeeldstad.nl', render: false, extra: urls(site, [STATION]) }], FAST_HTTP);
    try {
      expect((await runCapture(ws, registry)).accounts[0]!.status).toBe('completed');
      site.inject({ path: STATION, status: 404 });
      const run = await runCapture(ws, registry);
      expect(run.accounts[0]!.status).toBe('stopped');
      expect(run.accounts[0]!.stop?.reason).toContain('the page answered 404, then 200 when asked again; not marked deleted');
      expect((await ws.store.listItems('flaky'))[0]!.deletedAt).toBeUndefined();
    } finally {
      await ws.close();
    }
  });

  it('tries every page, archives what it can, and stops with each wall as the reason a page was not archived', async () => {
    const listed = [STATION, ...Object.keys(REFUSED_PATHS)];
    const { ws, registry } = await openTestWorkspace(site.url, [{ id: 'walls', platform: 'web', handle: 'voorbeeldstad.nl', render: false, extra: urls(site, listed) }], FAST_HTTP);
    try {
      const run = await runCapture(ws, registry);
      const account = run.accounts[0]!;
      expect(account.status).toBe('stopped');
      expect(account.stop?.where).toBe('pages');
      expect(account.stop?.reason).toMatch(/^5 of 6 pages not archived: /);
      expect((await ws.store.listItems('walls')).map((i) => i.platformId)).toEqual([site.at(STATION)]);
      for (const [path, code] of Object.entries(REFUSED_PATHS)) {
        const cursor = JSON.parse((await ws.store.getCursor('walls', pageCursor(site.at(path))))!) as { code: string; reason: string };
        expect(cursor.code, path).toBe(code);
        expect(account.stop?.reason).toContain(`${site.at(path)} (${code.replace(/-/g, ' ')}: ${cursor.reason})`);
      }
      expect(await ws.store.getCursor('walls', pageCursor(site.at(STATION)))).toBeNull();
    } finally {
      await ws.close();
    }
  });
});
