// What a complete capture of the dataset's account on the fake must contain, computed from the live
// dataset with the rules the server applies (the timeline cap, the recent-search window, conversation
// subtrees). Call again after `nextDay()` and diff the two for exactly what the next run must add.
import { compareIds, type FakeXDataset, type FakeXTweet } from './dataset.js';
import { mediaPaths } from './render.js';

const DAY = 86_400_000;

export interface ExpectedXCapture {
  userId: string;
  username: string;
  /** The posts the timeline serves (first ids), newest first. */
  timeline: string[];
  /** Thread roots (the account's posts and its answers in others' conversations) → the replies search reaches. */
  threads: Record<string, string[]>;
  /** Roots of threads with replies that recent search could not reach (recent mode only). */
  cut: string[];
  /** Timeline plus every reply above, ascending. */
  itemIds: string[];
  thirdPartyIds: string[];
  /** Versions per item (1 for a post never edited). */
  versions: Record<string, number>;
  /** Per version id: the original URLs the crawler downloads. */
  media: Record<string, string[]>;
  profileImage: string | null;
  pii: Record<string, string[]>;
}

export interface CaptureDiff {
  added: string[];
  removed: string[];
  edited: string[];
}

export function expectedCapture(ds: FakeXDataset, opts: { search: 'recent' | 'all'; now?: number; timelineCap?: number }): ExpectedXCapture {
  const base = ds.baseUrl;
  if (base === null) throw new Error('expectedCapture: start a fake server with this dataset first (media URLs need its origin)');
  const own = ds.users.get(ds.ownUserId)!;
  const now = opts.now ?? Date.now();
  const windowStart = new Date(now - 7 * DAY).toISOString();
  const timeline = ds.timeline(own.id).slice(0, opts.timelineCap ?? 3200);
  const inTimeline = new Set(timeline);
  const threads: Record<string, string[]> = {};
  const cut: string[] = [];
  const all = new Set(timeline);
  for (const id of timeline) {
    const t = ds.tweets.get(id)!;
    if (t.retweetOf) continue;
    const conversation = ds.conversationOf(t);
    const root = ds.tweets.get(conversation);
    // An answer in a conversation one of our posts began is part of that thread, not a thread of its own.
    if (t.inReplyTo && root && root.authorId === own.id && inTimeline.has(conversation)) continue;
    if (ds.replyCount(id) === 0) continue;
    const members = ds.conversation(conversation).filter((r) => ds.idOf(r) !== id && (conversation === id || below(ds, r, id)));
    const reached = members.filter((r) => opts.search === 'all' || ds.current(r).createdAt >= windowStart).map((r) => ds.idOf(r));
    threads[id] = reached;
    for (const r of reached) all.add(r);
    if (opts.search === 'recent' && t.versions[0]!.createdAt < windowStart) cut.push(id);
  }
  const itemIds = [...all].sort(compareIds);
  const versions: Record<string, number> = {};
  const media: Record<string, string[]> = {};
  const pii: Record<string, string[]> = {};
  for (const id of itemIds) {
    const t = ds.tweets.get(id)!;
    versions[id] = t.versions.length;
    for (const v of t.versions) {
      if (!v.media.length) continue;
      media[v.id] = v.media.map((m) => {
        const p = mediaPaths(m);
        if (m.type === 'photo') return `${base}${p.photo}?name=orig`;
        const best = [...(m.variants ?? [])].sort((a, b) => b.bitRate - a.bitRate)[0]!;
        return `${base}${p.mp4(best.width, best.height)}${m.type === 'video' ? '?tag=12' : ''}`;
      });
    }
    if (t.pii?.length) pii[id] = [...t.pii];
  }
  return {
    userId: own.id,
    username: own.username,
    timeline,
    threads,
    cut,
    itemIds,
    thirdPartyIds: itemIds.filter((id) => ds.tweets.get(id)!.authorId !== own.id),
    versions,
    media,
    profileImage: own.avatar ? `${base}/profile_images/${own.id}/${own.avatar.name}.jpg` : null,
    pii,
  };
}

function below(ds: FakeXDataset, t: FakeXTweet, rootId: string): boolean {
  let cur: FakeXTweet | undefined = t;
  for (let guard = 0; cur?.inReplyTo && guard < 10_000; guard++) {
    if (cur.inReplyTo === rootId) return true;
    cur = ds.tweets.get(cur.inReplyTo);
  }
  return false;
}

export function diffCaptures(before: ExpectedXCapture, after: ExpectedXCapture): CaptureDiff {
  const had = new Set(before.itemIds);
  const has = new Set(after.itemIds);
  return {
    added: after.itemIds.filter((id) => !had.has(id)),
    removed: before.itemIds.filter((id) => !has.has(id)),
    edited: after.itemIds.filter((id) => had.has(id) && (after.versions[id] ?? 1) > (before.versions[id] ?? 1)),
  };
}
