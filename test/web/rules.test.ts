import { describe, expect, it } from 'vitest';
import { authorInUrl, pageAuthorship } from '../../crawlers/web/authorship.js';
import { normaliseBrowserCapture } from '../../crawlers/web/normalise.js';
import { PROFILES } from '../../crawlers/web/profiles.js';
import { readRetryAfter } from '../../crawlers/web/rate-limit.js';
import { judgeRequest } from '../../crawlers/web/scope.js';
import { readWalls, type PageFacts } from '../../crawlers/web/walls.js';

// The pure rules of browser capture: which requests go out, what Retry-After means on our clock,
// what counts as a wall, and who wrote a post.
describe('which requests go out', () => {
  const scope = { domain: 'linkedin.com', assetDomains: ['licdn.com'] };
  const req = (url: string, o: { method?: string; main?: boolean; sub?: boolean } = {}) =>
    judgeRequest({ url, method: o.method ?? 'GET', mainFrameNavigation: o.main ?? false, subframeNavigation: o.sub ?? false }, scope);

  it.each([
    ['https://www.linkedin.com/posts/x', {}, { allow: true }],
    ['https://static.licdn.com/sc/h/app.js', {}, { allow: true }],
    ['https://static.licdn.com/page.html', { main: true }, { allow: false, reason: 'navigation off the domain' }],
    ['https://media.licdn.com/embed', { sub: true }, { allow: false, reason: 'other host' }],
    ['https://www.google-analytics.com/collect', {}, { allow: false, reason: 'other host' }],
    ['https://www.linkedin.com/li/track', { method: 'POST' }, { allow: false, reason: 'method POST' }],
    ['data:text/plain,x', {}, { allow: false, reason: 'not http' }],
    ['https://linkedin.com.evil.example/x', {}, { allow: false, reason: 'other host' }],
  ] as const)('%s %j → %j', (url, o, verdict) => {
    expect(req(url, o)).toEqual(verdict);
  });
});

describe('Retry-After', () => {
  const at = Date.parse('2026-05-01T12:00:00Z');
  it('in seconds, from when the answer arrived', () => {
    expect(readRetryAfter(429, { 'retry-after': '30' }, at)).toEqual({ limit: 0, remaining: 0, resetAt: at + 30_000 });
  });
  it("as a date, moved onto our clock by the server's Date header", () => {
    const headers = { 'retry-after': 'Fri, 01 May 2026 12:01:00 GMT', date: 'Fri, 01 May 2026 12:00:10 GMT' };
    expect(readRetryAfter(503, headers, at)?.resetAt).toBe(at + 50_000);
  });
  it('says nothing on other answers or without the header', () => {
    expect(readRetryAfter(200, { 'retry-after': '30' }, at)).toBeNull();
    expect(readRetryAfter(429, {}, at)).toBeNull();
    expect(readRetryAfter(429, { 'retry-after': 'soon' }, at)).toBeNull();
  });
});

describe('walls from page facts', () => {
  const viewport = { width: 1280, height: 800 };
  const facts = (f: Partial<PageFacts>): PageFacts => ({
    url: 'https://www.voorbeeldstad.nl/nieuws/a',
    title: 'Nieuws',
    lang: 'nl',
    text: 'Een lang nieuwsbericht. '.repeat(50),
    textLength: 1200,
    viewport,
    passwordFields: [],
    matches: [],
    overlays: [],
    published: null,
    description: null,
    ...f,
  });
  const web = PROFILES.web.walls;
  const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });

  it('a page is a page', () => {
    expect(readWalls(facts({}), web)).toEqual({ wall: null, notes: [] });
  });
  it('a password field in a dialog covering the window is a login wall; one in the header is not', () => {
    const inDialog = facts({ passwordFields: [{ box: box(500, 300, 200, 30), layer: { box: box(0, 0, 1280, 800), modal: false } }] });
    expect(readWalls(inDialog, web).wall?.kind).toBe('login-wall');
    const inHeader = facts({ passwordFields: [{ box: box(1000, 10, 120, 20), layer: null }] });
    expect(readWalls(inHeader, web)).toEqual({ wall: null, notes: ['a password field is shown beside the content (not a wall)'] });
  });
  it('a login page is known by its address or its title', () => {
    const pw = [{ box: box(500, 300, 200, 30), layer: null }];
    expect(readWalls(facts({ url: 'https://x.nl/inloggen?terug=/a', passwordFields: pw }), web).wall?.kind).toBe('login-wall');
    expect(readWalls(facts({ title: 'Inloggen | Mijn Voorbeeldstad', passwordFields: pw }), web).wall?.kind).toBe('login-wall');
  });
  it('a consent framework dialog blocks when it is modal or covers a third of the window; a bar is a note', () => {
    const bar = facts({ matches: [{ key: 'consent:Cookiebot', box: box(0, 740, 1280, 60), modal: false }] });
    expect(readWalls(bar, web)).toEqual({ wall: null, notes: ['a consent banner (Cookiebot) was shown beside the content and is in the screenshot'] });
    const modal = facts({ matches: [{ key: 'consent:Didomi', box: box(400, 300, 400, 200), modal: true }] });
    expect(readWalls(modal, web).wall).toEqual({ kind: 'consent-wall', evidence: 'a consent dialog (Didomi) covers the page' });
  });
  it('a large fixed layer is a consent wall only when it speaks of cookies or consent', () => {
    const layer = (text: string) => facts({ overlays: [{ box: box(0, 0, 1280, 800), modal: false, text }] });
    expect(readWalls(layer('Wij gebruiken cookies. Akkoord?'), web).wall?.kind).toBe('consent-wall');
    expect(readWalls(layer('Schrijf je in voor de nieuwsbrief'), web).wall).toBeNull();
  });
  it('platform patterns: LinkedIn authwall address, TikTok login modal', () => {
    expect(readWalls(facts({ url: 'https://www.linkedin.com/authwall?trk=x' }), PROFILES.linkedin.walls).wall?.kind).toBe('login-wall');
    const modal = facts({ matches: [{ key: 'login:[data-e2e="login-modal"]', box: box(0, 0, 1280, 800), modal: true }] });
    expect(readWalls(modal, PROFILES.tiktok.walls).wall?.evidence).toBe('a login prompt is shown ([data-e2e="login-modal"])');
  });
});

describe('who wrote a post', () => {
  it.each([
    ['linkedin', 'https://www.linkedin.com/posts/gemeente-voorbeeldstad_stationsplein-activity-7191234567890123456-AbCd', 'gemeente-voorbeeldstad'],
    ['linkedin', 'https://www.linkedin.com/feed/update/urn:li:activity:7191234567890123456/', undefined],
    ['tiktok', 'https://www.tiktok.com/@gemeentevoorbeeldstad/video/7351234567890123456', 'gemeentevoorbeeldstad'],
    ['web', 'https://www.voorbeeldstad.nl/posts/iemand_anders', undefined],
  ] as const)('%s %s → %s', (platform, url, author) => {
    expect(authorInUrl(platform, url)).toBe(author);
  });
  it('another author named in the address is a third party; the account itself (any case, with @) is not', () => {
    expect(pageAuthorship('tiktok', 'https://www.tiktok.com/@Veiligheidsregio/video/1', 'gemeentevoorbeeldstad')).toEqual({ handle: 'Veiligheidsregio', thirdParty: true });
    expect(pageAuthorship('tiktok', 'https://www.tiktok.com/@GemeenteVoorbeeldstad/video/1', '@gemeentevoorbeeldstad')).toEqual({ handle: '@gemeentevoorbeeldstad', thirdParty: false });
  });
});

describe('the normaliser refuses what it cannot read', () => {
  const input = (payload: string, source = 'page') => ({
    platform: 'web' as const,
    ownAccountId: 'voorbeeldstad.nl',
    threadRootPlatformId: null,
    foundDeletedAt: null,
    source,
    payload,
    payloadSha256: '0'.repeat(64),
    capturedAt: '2026-05-01T10:00:00.000Z',
    isNewest: true,
    media: [],
  });
  it('a payload of another kind, or one without the fields it maps', () => {
    expect(() => normaliseBrowserCapture(input('{}', 'status'))).toThrow(expect.objectContaining({ code: 'NORMALISE_NO_SOURCE' }));
    expect(() => normaliseBrowserCapture(input('{"url":"https://x.nl/a"}'))).toThrow(expect.objectContaining({ code: 'PAYLOAD_INVALID', message: expect.stringMatching(/^the stored page capture does not have the expected form: author: /) }));
    expect(() => normaliseBrowserCapture(input('not json'))).toThrow(expect.objectContaining({ code: 'PAYLOAD_NOT_JSON' }));
  });
});
