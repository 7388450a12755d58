// Facets (UTF-8 byte offsets) placed on JavaScript strings, and every kind of Bluesky payload the
// fake serves normalised and validated against docs/normalised-item.schema.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cidSha256 } from '../../crawlers/bluesky/cid.js';
import { blueskyDemoDataset, DEMO_HANDLE, startFakeBluesky, type FakeBluesky } from '../../crawlers/bluesky/fake/index.js';
import { expandLinks, facetSpans } from '../../crawlers/bluesky/facets.js';
import { BLUESKY_POST_FIELDS, BLUESKY_REPOST_FIELDS, normaliseBlueskyVersion } from '../../crawlers/bluesky/normalise.js';
import type { NormalisedItem } from '../../formats/normalise/item.js';
import type { StoredVersionInput } from '../../formats/normalise/stored.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { sharedPath } from '../helpers/shared.js';

const schema = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'docs', 'normalised-item.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const expectValid = (item: NormalisedItem) => {
  validate(item);
  expect(validate.errors ?? []).toEqual([]);
};
const fixture = (name: string) => JSON.parse(readFileSync(sharedPath('fixtures', 'platforms', 'bluesky', 'records', name), 'utf8')) as { text: string; facets?: unknown };
const mention = (did: string) => ({ $type: 'app.bsky.richtext.facet#mention', did });
const link = (uri: string) => ({ $type: 'app.bsky.richtext.facet#link', uri });
const at = (byteStart: number, byteEnd: number, ...features: unknown[]) => ({ index: { byteStart, byteEnd }, features });

describe('facets: UTF-8 byte offsets on JavaScript strings', () => {
  it('the documented example: an emoji and a ZWJ family before the facets', () => {
    const rec = fixture('post.facets.json');
    const spans = facetSpans(rec.text, rec.facets);
    expect(spans.map((s) => rec.text.slice(s.start, s.end))).toEqual(['@atproto.com', 'https://en.wikipedia.org/wiki/CBOR']);
  });

  it('accented Dutch and emoji: byte and string positions differ, the spans hit the marked words', () => {
    const text = 'Geïnteresseerd in het coördinatieplan? 🎉 Café-eigenaren: zie voorbeeldstad.nl/inspraak/te... en @jan.bsky.social';
    const b = (s: string) => Buffer.byteLength(text.slice(0, text.indexOf(s)), 'utf8');
    const facets = [
      at(b('voorbeeldstad.nl'), b(' en @'), link('https://www.voorbeeldstad.nl/inspraak/terrassen-2026')),
      at(b('@jan'), Buffer.byteLength(text, 'utf8'), mention('did:plc:aaaaaaaaaaaaaaaaaaaaaaaa')),
    ];
    expect(b('voorbeeldstad.nl')).toBeGreaterThan(text.indexOf('voorbeeldstad.nl'));
    const spans = facetSpans(text, facets);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['voorbeeldstad.nl/inspraak/te...', '@jan.bsky.social']);
    expect(expandLinks(text, spans)).toBe('Geïnteresseerd in het coördinatieplan? 🎉 Café-eigenaren: zie https://www.voorbeeldstad.nl/inspraak/terrassen-2026 en @jan.bsky.social');
  });

  it('hostile offsets are left out: inside a character, past the end, reversed, overlapping, no known feature', () => {
    const text = 'Café 🎉 open';
    const inside = Buffer.byteLength('Café ', 'utf8') + 1; // the second byte of the emoji
    const spans = facetSpans(text, [
      at(inside, inside + 2, link('https://a.example')),
      at(0, 999, link('https://b.example')),
      at(5, 2, link('https://c.example')),
      at(0, 5, link('https://d.example')),
      at(2, 6, link('https://e.example')),
      at(0, 4, { $type: 'app.bsky.richtext.facet#unknown' }),
      { index: { byteStart: '0', byteEnd: 4 }, features: [link('https://f.example')] },
    ]);
    expect(spans).toEqual([{ start: 0, end: 4, features: [{ kind: 'link', uri: 'https://d.example' }] }]);
  });
});

describe('normalising what the fake serves', () => {
  let fake: FakeBluesky;
  let feed: { post: Record<string, unknown> & { uri: string; cid: string; author: { did: string } }; reason?: { uri: string } }[];
  let did: string;
  const input = (payload: unknown, source: string, extra: Partial<StoredVersionInput> = {}): StoredVersionInput => ({
    platform: 'bluesky',
    ownAccountId: did,
    threadRootPlatformId: null,
    foundDeletedAt: null,
    source,
    payload: JSON.stringify(payload),
    payloadSha256: 'a'.repeat(64),
    capturedAt: '2026-06-01T06:00:00.000Z',
    isNewest: true,
    media: [],
    ...extra,
  });
  const byText = (s: string) => feed.find((e) => !e.reason && String((e.post.record as { text: string }).text).includes(s))!.post;

  beforeAll(async () => {
    fake = await startFakeBluesky({ dataset: blueskyDemoDataset() });
    did = fake.dataset.actorByHandle(DEMO_HANDLE)!.did;
    const res = await fetch(`${fake.url}/xrpc/app.bsky.feed.getAuthorFeed?actor=${did}&limit=100`);
    feed = ((await res.json()) as { feed: typeof feed }).feed;
  });
  afterAll(async () => fake?.close());

  it('every entry of the feed maps onto a valid item, and every payload field has a decision', () => {
    for (const e of feed) {
      const item = e.reason ? normaliseBlueskyVersion(input(e, 'repost')) : normaliseBlueskyVersion(input(e.post, 'post'));
      expectValid(item);
      const fields = Object.keys(e.reason ? BLUESKY_REPOST_FIELDS : BLUESKY_POST_FIELDS);
      expect(item.raw.keptOnlyInRaw.filter((p) => !fields.some((k) => p === k || p.startsWith(`${k}.`) || p.startsWith(`${k}[]`))), item.uri).toEqual([]);
    }
  });

  it('a post with a shortened link, a tag and a photo: full link in the text, the original named by its CID', () => {
    const p = byText('vernieuwen we de riolering');
    const cid = ((p.record as { embed: { images: { image: { ref: { $link: string } } }[] } }).embed.images[0]!.image.ref.$link);
    const blobUrl = `${fake.url}/xrpc/com.atproto.sync.getBlob?did=${did}&cid=${cid}`;
    const item = normaliseBlueskyVersion(input(p, 'post', { media: [{ platformId: cid, url: blobUrl, sha256: cidSha256(cid), size: 1234, puid: 'fmt/43' }] }));
    expectValid(item);
    expect(String((p.record as { text: string }).text)).toContain('www.voorbeeldstad.nl/werkzaamhede...');
    expect(item.text.plain).toContain('Meer informatie: https://www.voorbeeldstad.nl/werkzaamheden/stationsweg-riolering #wegwerkzaamheden');
    expect(item.links).toEqual([{ url: 'https://www.voorbeeldstad.nl/werkzaamheden/stationsweg-riolering', source: 'text', title: 'www.voorbeeldstad.nl/werkzaamhede...', description: null, imageUrl: null }]);
    expect(item.tags).toEqual([{ name: 'wegwerkzaamheden', url: 'https://bsky.app/hashtag/wegwerkzaamheden' }]);
    expect(item.media[0]).toMatchObject({ platformId: cid, type: 'image', url: blobUrl, sha256: cidSha256(cid), puid: 'fmt/43', width: 400, height: 300, description: expect.stringContaining('Stationsweg') });
    expect(item).toMatchObject({ kind: 'post', platformId: p.uri, uri: p.uri, threadRoot: { platformId: p.uri }, version: { key: p.cid, source: 'record' }, times: { edited: null } });
    expect(item.url).toMatch(/^https:\/\/bsky\.app\/profile\/did:plc:[a-z2-7]{24}\/post\/[a-z2-7]{13}$/);
  });

  it('a tag after an emoji, a quote with a mention, a reply, a repost, a link card and an overwrite', () => {
    const winter = normaliseBlueskyVersion(input(byText('Vannacht kan het glad worden'), 'post'));
    expect(winter.tags).toEqual([{ name: 'winterdienst', url: 'https://bsky.app/hashtag/winterdienst' }]);
    expect(winter.text.plain).toMatch(/^❄️ Vannacht .* #winterdienst$/);

    const quote = normaliseBlueskyVersion(input(byText('Door de storm'), 'post'));
    expect(quote.mentions).toEqual([{ id: expect.stringMatching(/^did:plc:/), handle: 'vrvoorbeeldland.bsky.social', url: expect.stringContaining('https://bsky.app/profile/did:plc:') }]);
    expect(quote.quoteOf).toMatchObject({ uri: expect.stringContaining('/app.bsky.feed.post/'), state: null });

    const answer = byText('We hebben het doorgegeven');
    const reply = normaliseBlueskyVersion(input(answer, 'post', { threadRootPlatformId: answer.uri }));
    expect(reply).toMatchObject({ kind: 'reply', replyTo: { platformId: (answer.record as { reply: { parent: { uri: string } } }).reply.parent.uri }, threadRoot: { platformId: answer.uri } });

    const repost = feed.find((e) => e.reason)!;
    expect(normaliseBlueskyVersion(input(repost, 'repost'))).toMatchObject({ kind: 'share', platformId: repost.reason!.uri, repostOf: { uri: repost.post.uri, authorId: repost.post.author.did }, author: { id: did, thirdParty: false } });

    const card = byText('Inspraakavond');
    const rewritten = normaliseBlueskyVersion(input(card, 'post-rewrite'));
    expect(rewritten.links.find((l) => l.source === 'card')).toMatchObject({ url: 'https://www.voorbeeldstad.nl/inspraak/terrassen-2026', title: 'Inspraakavond terrassen 2026' });
    expect(rewritten.times.edited).toBe(card.indexedAt);
    expect(rewritten.text.plain).toContain('coördinatieplan café-terrassen');
  });

  it('a payload that is not a post is refused with a clear error', () => {
    expect(() => normaliseBlueskyVersion(input({ uri: 'at://x' }, 'post'))).toThrow(/Bluesky post cannot be normalised/);
    expect(() => normaliseBlueskyVersion(input({}, 'profile'))).toThrow(/no normaliser for bluesky payloads of kind "profile"/);
  });
});
