import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageCapture, PageOutcome } from '../../crawlers/web/capture-page.js';
import { startFakeWebsite, type FakeWebsite } from '../../crawlers/web/fake/server.js';
import { LINKEDIN_POST_ID, PAGES, REFUSED_PATHS, THIRD_PARTY } from '../../crawlers/web/fake/site.js';
import type { BrowserCapturePlatform } from '../../src/registry/browser-capture.js';
import { pageHarness, type Harness } from './harness.js';

// One page at a time through the browser, below the crawler: what reaches the WARC, what is
// refused, which walls are recognised, and which bounds hold. Real Chromium, real HTTP, real WARC.
let site: FakeWebsite;
let h: Harness;
beforeAll(async () => {
  site = await startFakeWebsite();
  h = await pageHarness(new URL(site.url).host);
});
afterAll(async () => {
  await h?.close();
  await site?.close();
});

const captured = (o: PageOutcome): PageCapture => {
  if (o.kind !== 'captured') throw new Error(`expected a capture, got ${JSON.stringify(o)}`);
  return o.page;
};
const platformOf = (path: string): BrowserCapturePlatform => (path.startsWith('/posts') ? 'linkedin' : path.startsWith('/@') ? 'tiktok' : 'web');

describe('a page load through the capture', () => {
  it("records every exchange of the page load in the WARC with the server's own status lines, and fetches nothing off the domain", async () => {
    const own = await pageHarness(new URL(site.url).host);
    const before = site.stats.requests;
    const post = `/posts/gemeente-voorbeeldstad_stationsplein-activity-${LINKEDIN_POST_ID}`;
    const news = captured(await own.capture(site.at('/nieuws/2026/04/werkzaamheden-stationsplein')));
    const li = captured(await own.capture(site.at(post), { platform: 'linkedin' }));
    const records = await own.records();
    await own.close();
    const responses = records.filter((r) => r.type === 'response');
    const requests = records.filter((r) => r.type === 'request');

    // The comments a script loaded after the first paint are in the text and in the WARC.
    expect(li.text).toContain('Bel me gerust: 06-12345678');
    expect(li.resources.map((r) => r.url)).toContain(site.at(`/voyager/api/comments?post=${LINKEDIN_POST_ID}`));
    // The lazy image below the fold was loaded by scrolling.
    expect(news.resources.map((r) => r.url)).toContain(site.at('/media/omleiding-kaart.png'));

    const fetched = [...news.resources, ...li.resources];
    expect(responses).toHaveLength(fetched.length);
    expect(site.stats.requests - before).toBe(fetched.length);
    for (const r of fetched) {
      const rec = responses.find((x) => x.uri === r.url);
      expect(rec, r.url).toBeDefined();
      expect(rec!.head).toMatch(new RegExp(`^HTTP/1\\.1 ${r.status} `));
      expect(rec!.head).toMatch(/\r\nServer: nginx\r\n/);
      expect(rec!.body.length).toBe(r.bytes);
    }
    // Requests are the client's own, and say so: no browser identity is claimed.
    expect(requests.every((r) => /\r\nUser-Agent: socialarchive\/test\r\n/.test(`${r.head}\r\n`))).toBe(true);
    // The image bytes in the WARC are exactly what the server sent.
    const jpeg = responses.find((r) => r.uri === site.at('/media/stationsplein.jpg'))!;
    expect(jpeg.body.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));

    // Third-party hosts were refused before any connection and are listed with the capture.
    expect(news.blocked).toEqual(expect.arrayContaining([{ url: THIRD_PARTY.analytics, reason: 'other host' }, { url: THIRD_PARTY.fonts, reason: 'other host' }]));
    expect(records.some((r) => r.uri.includes('example.'))).toBe(false);
  });

  it('keeps the page when a script tries to leave the domain, and lists the attempt', async () => {
    const page = captured(await h.capture(site.at('/nieuws/2026/05/verhuisd')));
    expect(page.finalUrl).toBe(site.at('/nieuws/2026/05/verhuisd'));
    expect(page.text).toContain('Dit bericht is verhuisd');
    expect(page.blocked).toContainEqual({ url: THIRD_PARTY.elsewhere, reason: 'navigation off the domain' });
  });

  it('reads the real page from its own world while the page lies to scripts, and lets nothing out', async () => {
    const before = new Map(site.stats.byPath);
    const page = captured(await h.capture(site.at('/nieuws/2026/05/verstoppertje')));
    expect(site.stats.byPath.get('/nieuws/2026/04/koningsdag-2026') ?? 0).toBe(before.get('/nieuws/2026/04/koningsdag-2026') ?? 0);
    expect(page.text).toContain('Het echte nieuws: de nieuwe bibliotheek');
    expect(page.text).not.toContain('Niets te zien');
    const reasons = new Map(page.blocked.map((b) => [b.url, b.reason]));
    expect(page.blocked.find((b) => b.url.startsWith('https://evil.example/steal'))?.reason).toBe('other host');
    expect(reasons.get(site.at('/api/v1/beacon'))).toBe('method POST');
    // A navigation to an attachment is fetched (and in the WARC) but never handed to the browser.
    expect(reasons.get(site.at('/documenten/raadsbesluit-2026-14.pdf'))).toBe('download');
    expect(reasons.get(site.at('/nieuws/2026/04/koningsdag-2026'))).toBe('popup window');
    expect(reasons.get(`ws://${new URL(site.url).host}/socket`)).toBe('websocket');
    expect(page.finalUrl).toBe(site.at('/nieuws/2026/05/verstoppertje'));
    // No POST reached the site; the screenshot is of the page, full width.
    expect(site.stats.byPath.get('/api/v1/beacon') ?? 0).toBe(before.get('/api/v1/beacon') ?? 0);
    const meta = await sharp(page.screenshot.png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1280, page.screenshot.height]);
  });
});

describe('walls', () => {
  it('refuses each wall with the reason a person reads, by the platform patterns', async () => {
    const reasons: Record<string, string> = {};
    for (const [path, code] of Object.entries(REFUSED_PATHS)) {
      const out = await h.capture(site.at(path), { platform: platformOf(path) });
      expect(out.kind === 'refused' && out.code, path).toBe(code);
      if (out.kind === 'refused') reasons[path] = out.reason;
    }
    expect(reasons['/posts/gemeente-voorbeeldstad_besloten-activity-7190000000000000001']).toMatch(/^the page went to a login page \(\/authwall\?trk=public_post&sessionRedirect=/);
    expect(reasons['/nieuws/2026/05/bewonersavond-centrum']).toBe('a consent dialog (OneTrust) covers the page');
    expect(reasons['/nieuws/2026/05/inspraak-parkeerbeleid']).toMatch(/^a layer about cookies or consent covers the page \("Cookies op voorbeeldstad\.nl/);
    expect(reasons['/@gemeentevoorbeeldstad/video/7359999999999999999']).toBe('a login prompt is shown ([data-e2e="login-modal"])');
  });

  it('recognises the same walls by the generic signs alone (platform web)', async () => {
    for (const [path, code] of Object.entries(REFUSED_PATHS)) {
      const out = await h.capture(site.at(path), { platform: 'web' });
      expect(out.kind === 'refused' && out.code, path).toBe(code);
    }
  });

  it('archives a page with a login box beside the content and a small cookie bar, noting both', async () => {
    const page = captured(await h.capture(site.at('/nieuws/2026/04/werkzaamheden-stationsplein')));
    expect(page.notes).toEqual([
      'a password field is shown beside the content (not a wall)',
      'a consent banner (Cookiebot) was shown beside the content and is in the screenshot',
    ]);
  });
});

describe('bounds', () => {
  const news = '/nieuws/2026/04/werkzaamheden-stationsplein';

  it('refuses a response over the size limit and says the page may be incomplete', async () => {
    const page = captured(await h.capture(site.at(news), { limits: { maxResourceBytes: 4000 } }));
    expect(page.resources).toContainEqual({ url: site.at('/media/stationsplein.jpg'), status: null, type: 'image', bytes: 0, error: 'larger than the limit' });
    expect(page.text).toContain('Werkzaamheden Stationsplein');
  });

  it('stops fetching at the request limit and cuts the screenshot at its height limit', async () => {
    const page = captured(await h.capture(site.at(news), { limits: { maxRequests: 1, maxScreenshotHeight: 900 } }));
    expect(page.resources.filter((r) => r.type !== 'document')).toHaveLength(1);
    expect(page.blocked.filter((b) => b.reason === 'request limit').length).toBeGreaterThan(0);
    expect(page.incomplete).toEqual(['request limit of 1 reached', 'screenshot cut at 900 px']);
    expect((await sharp(page.screenshot.png).metadata()).height).toBe(900);
  });

  it('gives up on a page that takes longer than the page time limit', async () => {
    const out = await h.capture(site.at(news), { limits: { pageMs: 150 } });
    expect(out).toEqual({ kind: 'refused', code: 'timeout', reason: expect.stringMatching(/^the page did not finish within 0\.15 s \(/) });
  });

  it('does not open a download: the address answers with an attachment', async () => {
    expect(await h.capture(site.at('/documenten/raadsbesluit-2026-14.pdf'))).toEqual({
      kind: 'refused',
      code: 'not-a-page',
      reason: 'the site offers this address as a download; downloads are not captured',
    });
  });
});

describe('rate limit', () => {
  it("waits for the site's Retry-After and sends nothing before it has run out", async () => {
    const times: number[] = [];
    let listening = true;
    site.onRequest(() => void (listening && times.push(Date.now())));
    site.setRateLimit({ limit: 3, periodSeconds: 60, retryAfterSeconds: 1 });
    const before = { tooMany: site.stats.tooMany, exceeded: site.stats.exceeded };
    try {
      const page = captured(await h.capture(site.at(`/posts/gemeente-voorbeeldstad_stationsplein-activity-${LINKEDIN_POST_ID}`), { platform: 'linkedin' }));
      expect(page.resources.every((r) => r.status === 200)).toBe(true);
      expect(page.text).toContain('Bel me gerust');
    } finally {
      site.setRateLimit(null);
      listening = false;
    }
    expect(site.stats.tooMany - before.tooMany).toBeGreaterThan(0);
    expect(site.stats.exceeded - before.exceeded).toBe(0);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(1000);
  });
});

it('the fake site lists every page it serves once', () => {
  expect(new Set(PAGES.map((p) => p.path)).size).toBe(PAGES.length);
});
