// Threads fetched over loopback HTTP from the fake Mastodon server and normalised, with a media
// resolver that downloads the originals from the same server: the renderer's real input.
import { normaliseMastodonStatus } from '../../formats/normalise/mastodon.js';
import type { NormalisedItem } from '../../formats/normalise/item.js';
import { sha256 } from '../../formats/normalise/provenance.js';
import type { ThreadInput } from '../../formats/render/index.js';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/index.js';

export interface FakeThreads {
  server: FakeMastodon;
  ownAccountId: string;
  /** Ids of the municipality's posts, with their number of descendants. */
  posts: { id: string; descendants: number; text: string }[];
  thread(rootId: string, opts?: { maxReplies?: number }): Promise<ThreadInput>;
  close(): Promise<void>;
}

const CAPTURED_AT = '2026-06-01T06:30:00.000Z';

export async function fakeThreads(): Promise<FakeThreads> {
  const server = await startFakeMastodon({ rateLimit: null });
  const get = async (path: string): Promise<unknown> => {
    const r = await fetch(`${server.url}${path}`);
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
    return r.json();
  };
  const account = (await get('/api/v1/accounts/lookup?acct=voorbeeldstad')) as { id: string };
  const timeline = (await get(`/api/v1/accounts/${account.id}/statuses?limit=40&exclude_reblogs=true&exclude_replies=true`)) as {
    id: string;
    content: string;
  }[];
  const posts = timeline.map((s) => ({ id: s.id, descendants: server.dataset.children(s.id).length, text: s.content }));
  const bytes = new Map<string, Uint8Array>();

  const thread = async (rootId: string, opts: { maxReplies?: number } = {}): Promise<ThreadInput> => {
    const root = await get(`/api/v1/statuses/${rootId}`);
    const ctx = (await get(`/api/v1/statuses/${rootId}/context`)) as { descendants: unknown[] };
    const payloads = [root, ...ctx.descendants.slice(0, opts.maxReplies ?? Infinity)];
    const items: NormalisedItem[] = [];
    for (const p of payloads) {
      const media = (p as { media_attachments?: { id: string; url: string }[] }).media_attachments ?? [];
      const stored: Record<string, { sha256: string; size: number }> = {};
      for (const m of media) {
        const r = await fetch(m.url);
        const b = new Uint8Array(await r.arrayBuffer());
        bytes.set(m.url, b);
        stored[m.id] = { sha256: sha256(b), size: b.length };
      }
      items.push(normaliseMastodonStatus(p, { capturedAt: CAPTURED_AT, ownAccountId: account.id, threadRootPlatformId: rootId, media: stored }));
    }
    return { root: items[0]!, replies: items.slice(1), media: async (m) => bytes.get(m.url) ?? null };
  };
  return { server, ownAccountId: account.id, posts, thread, close: () => server.close() };
}
