// The fake Bluesky network against the lexicons saved in shared/fixtures (validated with the
// AT Protocol's own validator), its XRPC errors, pagination end marker, rate-limit headers and
// the blob CIDs (the SHA-256 of the bytes served).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { jsonToLex, Lexicons } from '@atproto/lexicon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cidSha256 } from '../../crawlers/bluesky/cid.js';
import { blueskyDemoDataset, DEMO_HANDLE, startFakeBluesky, type FakeBluesky } from '../../crawlers/bluesky/fake/index.js';
import { sharedPath } from '../helpers/shared.js';

const LEXICONS = sharedPath('fixtures', 'platforms', 'bluesky', 'lexicons');
const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
const lex = new Lexicons();
for (const f of files(LEXICONS)) lex.add(JSON.parse(readFileSync(f, 'utf8')));

let fake: FakeBluesky;
const xrpc = async (method: string, params: Record<string, string | string[]>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of [v].flat()) q.append(k, x);
  const res = await fetch(`${fake.url}/xrpc/${method}?${q}`);
  const body = (res.headers.get('content-type') ?? '').startsWith('application/json') ? ((await res.json()) as Record<string, unknown>) : {};
  return { status: res.status, headers: res.headers, body };
};
/** Every post record inside a response, wherever it sits. */
function records(v: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(v)) v.forEach((x) => records(x, out));
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ((o.record as { $type?: string } | undefined)?.$type === 'app.bsky.feed.post') out.push(o.record);
    if ((o.value as { $type?: string } | undefined)?.$type === 'app.bsky.feed.post') out.push(o.value);
    Object.values(o).forEach((x) => records(x, out));
  }
  return out;
}
/** JSON as received, with blob references and CID links turned into what the validator checks. */
const valid = (method: string, body: unknown) => {
  lex.assertValidXrpcOutput(method, jsonToLex(body));
  for (const r of records(body)) lex.assertValidRecord('app.bsky.feed.post', jsonToLex(r));
};

beforeAll(async () => {
  fake = await startFakeBluesky({ dataset: blueskyDemoDataset() });
});
afterAll(async () => fake?.close());

describe('fake Bluesky', () => {
  it('answers every method the crawler uses as the lexicons say, records included', async () => {
    const did = (await xrpc('com.atproto.identity.resolveHandle', { handle: DEMO_HANDLE })).body.did as string;
    valid('com.atproto.identity.resolveHandle', { did });
    valid('app.bsky.actor.getProfile', (await xrpc('app.bsky.actor.getProfile', { actor: did })).body);

    const uris: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await xrpc('app.bsky.feed.getAuthorFeed', { actor: DEMO_HANDLE, limit: '10', ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      valid('app.bsky.feed.getAuthorFeed', page.body);
      const feed = page.body.feed as { post: { uri: string }; reason?: { uri: string } }[];
      uris.push(...feed.map((e) => e.reason?.uri ?? e.post.uri));
      cursor = page.body.cursor as string | undefined;
      pages++;
      // Keyset pagination: a non-empty page always names the next; the end is an empty page without one.
      if (feed.length > 0) expect(cursor).toBeTypeOf('string');
      else expect(cursor).toBeUndefined();
    } while (cursor);
    expect(new Set(uris).size).toBe(uris.length);
    expect(pages).toBe(Math.ceil(uris.length / 10) + 1);

    const posts = uris.filter((u) => u.includes('/app.bsky.feed.post/'));
    for (const uri of posts) {
      const t = await xrpc('app.bsky.feed.getPostThread', { uri, depth: '20', parentHeight: '3' });
      valid('app.bsky.feed.getPostThread', t.body);
    }
    valid('app.bsky.feed.getPosts', (await xrpc('app.bsky.feed.getPosts', { uris: posts.slice(0, 25) })).body);
    const repost = uris.find((u) => u.includes('/app.bsky.feed.repost/'))!;
    const [, , repo, collection, rkey] = repost.split('/');
    const record = await fetch(`${fake.url}/xrpc/com.atproto.repo.getRecord?${new URLSearchParams({ repo: repo!, collection: collection!, rkey: rkey! })}`);
    valid('com.atproto.repo.getRecord', await record.json());
  });

  it('a validator that catches a broken response (the check above can fail)', async () => {
    const profile = (await xrpc('app.bsky.actor.getProfile', { actor: DEMO_HANDLE })).body;
    expect(() => valid('app.bsky.actor.getProfile', { ...profile, did: 'not-a-did' })).toThrow(/did/);
    const page = (await xrpc('app.bsky.feed.getAuthorFeed', { actor: DEMO_HANDLE, limit: '1' })).body as { feed: { post: Record<string, unknown> }[] };
    page.feed[0]!.post.cid = 'nope';
    expect(() => valid('app.bsky.feed.getAuthorFeed', page)).toThrow(/cid/);
  });

  it('errors are HTTP 400 with {error, message}, as xrpc-server sends them', async () => {
    expect(await xrpc('com.atproto.identity.resolveHandle', { handle: 'niemand.bsky.social' })).toMatchObject({ status: 400, body: { error: 'InvalidRequest', message: 'Unable to resolve handle' } });
    expect(await xrpc('app.bsky.actor.getProfile', { actor: 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa' })).toMatchObject({ status: 400, body: { error: 'InvalidRequest', message: 'Profile not found' } });
    const gone = 'at://did:plc:aaaaaaaaaaaaaaaaaaaaaaaa/app.bsky.feed.post/3kaaaaaaaaaaa';
    expect(await xrpc('app.bsky.feed.getPostThread', { uri: gone })).toMatchObject({ status: 400, body: { error: 'NotFound', message: `Post not found: ${gone}` } });
    expect(await xrpc('app.bsky.feed.getAuthorFeed', { actor: DEMO_HANDLE, limit: '101' })).toMatchObject({ status: 400, body: { error: 'InvalidRequest' } });
    expect(await xrpc('app.bsky.feed.getPosts', { uris: Array.from({ length: 26 }, () => gone) })).toMatchObject({ status: 400, body: { error: 'InvalidRequest' } });
    expect((await xrpc('app.bsky.feed.getPosts', { uris: [gone] })).body).toEqual({ posts: [] });
    expect(await xrpc('app.bsky.feed.getTimeline', {})).toMatchObject({ status: 501, body: { error: 'MethodNotImplemented' } });
  });

  it('serves original blobs whose CID is the SHA-256 of the bytes, a PLC directory that points at the PDS, and rate-limit headers', async () => {
    const did = (await xrpc('com.atproto.identity.resolveHandle', { handle: DEMO_HANDLE })).body.did as string;
    const doc = (await (await fetch(`${fake.url}/${did}`)).json()) as { id: string; service: { id: string; serviceEndpoint: string }[] };
    expect(doc.id).toBe(did);
    expect(doc.service).toContainEqual(expect.objectContaining({ id: '#atproto_pds', serviceEndpoint: fake.url }));
    const page = (await xrpc('app.bsky.feed.getAuthorFeed', { actor: did, limit: '100' })).body as { feed: { post: { author: { did: string }; record: { embed?: { images?: { image: { ref: { $link: string } } }[] } } } }[] };
    const withImage = page.feed.find((e) => e.post.author.did === did && e.post.record.embed?.images)!;
    const cid = withImage.post.record.embed!.images![0]!.image.ref.$link;
    const blob = await fetch(`${fake.url}/xrpc/com.atproto.sync.getBlob?did=${did}&cid=${cid}`);
    expect(blob.status).toBe(200);
    expect(blob.headers.get('content-type')).toMatch(/^image\/(jpeg|png|webp)$/);
    expect(createHash('sha256').update(Buffer.from(await blob.arrayBuffer())).digest('hex')).toBe(cidSha256(cid));
    const elsewhere = await fetch(`${fake.url}/xrpc/com.atproto.sync.getBlob?did=${(await xrpc('com.atproto.identity.resolveHandle', { handle: 'sanne.bsky.social' })).body.did as string}&cid=${cid}`);
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.json()).toEqual({ error: 'BlobNotFound', message: 'Blob not found' });

    fake.setRateLimit({ limit: 2, windowSeconds: 3600 });
    try {
      const a = await xrpc('app.bsky.actor.getProfile', { actor: did });
      expect(a.headers.get('ratelimit-limit')).toBe('2');
      expect(a.headers.get('ratelimit-remaining')).toBe('1');
      expect(a.headers.get('ratelimit-policy')).toBe('2;w=3600');
      expect(Number(a.headers.get('ratelimit-reset')) % 3600).toBe(0);
      await xrpc('app.bsky.actor.getProfile', { actor: did });
      const refused = await xrpc('app.bsky.actor.getProfile', { actor: did });
      expect(refused).toMatchObject({ status: 429, body: { error: 'RateLimitExceeded' } });
      expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    } finally {
      fake.setRateLimit(null);
    }
  });
});
