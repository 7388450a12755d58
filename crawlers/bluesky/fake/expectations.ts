// What a complete capture of an account on the fake must contain, computed from the live dataset
// with the rules the AppView applies. Call it again after `nextDay()` and diff the two.
import type { BlueskyDataset } from './store.js';

export interface ExpectedCapture {
  did: string;
  /** The author feed as the AppView pages it, newest first: own posts (replies included) and reposts. */
  feed: string[];
  /** Reposts in the feed: repost URI → URI of the reposted post (embedded, not fetched on its own). */
  reposts: Record<string, string>;
  /** Own posts with replies below them: what `getPostThread` returns below each, depth first. */
  descendants: Record<string, string[]>;
  /** Feed entries plus every descendant above, each once, sorted: the items of a complete capture. */
  itemIds: string[];
  /** Those of `itemIds` written by someone else. */
  thirdPartyIds: string[];
  /** Versions the archive can see: 1 + overwrites since the dataset's "now" (items with more than one only). */
  versions: Record<string, number>;
  /** Blob CIDs per item that has images. */
  blobs: Record<string, string[]>;
  /** Personal-data categories planted in the text, per item that has any. */
  pii: Record<string, string[]>;
}

export interface CaptureDiff {
  added: string[];
  /** Records that are gone (deleted on the platform). */
  removed: string[];
  edited: string[];
}

export function expectedCapture(ds: BlueskyDataset, handle: string): ExpectedCapture {
  const a = ds.actorByHandle(handle);
  if (!a) throw new Error(`expectedCapture: no account ${handle} in dataset "${ds.name}"`);
  const feed = ds.authorFeed(a.did).map((e) => e.uri);
  const reposts: Record<string, string> = {};
  for (const uri of feed) {
    const r = ds.reposts.get(uri);
    if (r) reposts[uri] = r.subject;
  }
  const descendants: Record<string, string[]> = {};
  const all = new Set(feed);
  const below = (uri: string, out: string[]) => {
    for (const child of ds.children(uri)) {
      out.push(child);
      below(child, out);
    }
  };
  for (const uri of feed) {
    if (reposts[uri]) continue;
    const list: string[] = [];
    below(uri, list);
    if (list.length) descendants[uri] = list;
    for (const d of list) all.add(d);
  }
  const itemIds = [...all].sort();
  const versions: Record<string, number> = {};
  const blobs: Record<string, string[]> = {};
  const pii: Record<string, string[]> = {};
  for (const id of itemIds) {
    const p = ds.posts.get(id);
    if (!p) continue;
    if (p.rewrites > 0) versions[id] = 1 + p.rewrites;
    if (p.images.length) blobs[id] = p.images.map((i) => ds.blob(i.spec).cid);
    if (p.pii?.length) pii[id] = [...p.pii];
  }
  return {
    did: a.did,
    feed,
    reposts,
    descendants,
    itemIds,
    thirdPartyIds: itemIds.filter((id) => (ds.posts.get(id)?.did ?? a.did) !== a.did),
    versions,
    blobs,
    pii,
  };
}

export function diffCaptures(before: ExpectedCapture, after: ExpectedCapture, ds: BlueskyDataset): CaptureDiff {
  const had = new Set(before.itemIds);
  const exists = (id: string) => ds.posts.has(id) || ds.reposts.has(id);
  return {
    added: after.itemIds.filter((id) => !had.has(id)),
    removed: before.itemIds.filter((id) => !exists(id)),
    edited: after.itemIds.filter((id) => had.has(id) && (after.versions[id] ?? 1) > (before.versions[id] ?? 1)),
  };
}
