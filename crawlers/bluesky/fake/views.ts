// The AppView's views of the fake data (lexicons app.bsky.actor.defs, app.bsky.feed.defs,
// app.bsky.embed.*), built on every request from the live dataset. Union members carry `$type`.
import type { BlueskyDataset, FakeActor, FakePost, FakeRepost, ImageSpec } from './store.js';

export interface ViewContext {
  ds: BlueskyDataset;
  /** The fake's origin; it plays the CDN too (`/img/<preset>/plain/<did>/<cid>@jpeg`). */
  base: string;
}

const cdn = (c: ViewContext, preset: string, did: string, spec: ImageSpec): string => `${c.base}/img/${preset}/plain/${did}/${c.ds.blob(spec).cid}@jpeg`;

export function profileViewBasic(c: ViewContext, a: FakeActor): Record<string, unknown> {
  const v: Record<string, unknown> = { did: a.did, handle: a.handle, displayName: a.displayName, labels: [], createdAt: a.createdAt };
  if (a.avatar) v.avatar = cdn(c, 'avatar', a.did, a.avatar);
  return v;
}

export function profileViewDetailed(c: ViewContext, a: FakeActor): Record<string, unknown> {
  const v: Record<string, unknown> = {
    ...profileViewBasic(c, a),
    description: a.description,
    followersCount: a.followersCount,
    followsCount: a.followsCount,
    postsCount: c.ds.postsCount(a.did),
    indexedAt: a.createdAt,
  };
  if (a.banner) v.banner = cdn(c, 'banner', a.did, a.banner);
  return v;
}

function author(c: ViewContext, did: string): Record<string, unknown> {
  const a = c.ds.actor(did);
  if (!a) throw new Error(`no actor ${did}`);
  return profileViewBasic(c, a);
}

function imagesView(c: ViewContext, p: FakePost): Record<string, unknown> {
  return {
    $type: 'app.bsky.embed.images#view',
    images: p.images.map((i) => ({
      thumb: cdn(c, 'feed_thumbnail', p.did, i.spec),
      fullsize: cdn(c, 'feed_fullsize', p.did, i.spec),
      alt: i.alt,
      aspectRatio: { width: i.spec.width, height: i.spec.height },
    })),
  };
}

function quotedView(c: ViewContext, uri: string): Record<string, unknown> {
  const q = c.ds.posts.get(uri);
  if (!q) return { $type: 'app.bsky.embed.record#viewNotFound', uri, notFound: true };
  return {
    $type: 'app.bsky.embed.record#viewRecord',
    uri: q.uri,
    cid: c.ds.cidOf(q.uri),
    author: author(c, q.did),
    value: c.ds.record(q),
    labels: [],
    likeCount: q.likeCount,
    replyCount: c.ds.children(q.uri).length,
    repostCount: c.ds.repostCount(q.uri),
    quoteCount: c.ds.quoteCount(q.uri),
    indexedAt: q.indexedAt,
  };
}

function embedView(c: ViewContext, p: FakePost): Record<string, unknown> | undefined {
  const media = p.images.length > 0 ? imagesView(c, p) : undefined;
  if (p.quote) {
    const record = { $type: 'app.bsky.embed.record#view', record: quotedView(c, p.quote) };
    return media ? { $type: 'app.bsky.embed.recordWithMedia#view', record, media } : record;
  }
  if (media) return media;
  if (p.external) return { $type: 'app.bsky.embed.external#view', external: { ...p.external } };
  return undefined;
}

export function postView(c: ViewContext, p: FakePost): Record<string, unknown> {
  const v: Record<string, unknown> = {
    uri: p.uri,
    cid: c.ds.cidOf(p.uri),
    author: author(c, p.did),
    record: c.ds.record(p),
    bookmarkCount: 0,
    replyCount: c.ds.children(p.uri).length,
    repostCount: c.ds.repostCount(p.uri),
    likeCount: p.likeCount,
    quoteCount: c.ds.quoteCount(p.uri),
    indexedAt: p.indexedAt,
    labels: [],
  };
  const embed = embedView(c, p);
  if (embed) v.embed = embed;
  return v;
}

const notFound = (uri: string) => ({ $type: 'app.bsky.feed.defs#notFoundPost', uri, notFound: true });

/** In a union: a post (typed), or the notFoundPost the AppView puts where a post is gone. */
export const postOrNotFound = (c: ViewContext, uri: string): Record<string, unknown> => {
  const p = c.ds.posts.get(uri);
  return p ? { $type: 'app.bsky.feed.defs#postView', ...postView(c, p) } : notFound(uri);
};

/** A feed entry of the author's own post, with the thread it answers (`reply.root`, `reply.parent`). */
export function feedViewPost(c: ViewContext, p: FakePost): Record<string, unknown> {
  const v: Record<string, unknown> = { post: postView(c, p) };
  if (p.replyRoot && p.replyParent) {
    const reply: Record<string, unknown> = { root: postOrNotFound(c, p.replyRoot), parent: postOrNotFound(c, p.replyParent) };
    const parent = c.ds.posts.get(p.replyParent);
    if (parent?.replyParent) {
      const grand = c.ds.posts.get(parent.replyParent);
      if (grand) reply.grandparentAuthor = author(c, grand.did);
    }
    v.reply = reply;
  }
  return v;
}

/** A feed entry of a repost: someone's post, with the reason naming the reposter. */
export function repostFeedView(c: ViewContext, r: FakeRepost): Record<string, unknown> {
  const subject = c.ds.posts.get(r.subject)!;
  return {
    post: postView(c, subject),
    reason: { $type: 'app.bsky.feed.defs#reasonRepost', by: author(c, r.did), uri: r.uri, cid: c.ds.repostCid(r), indexedAt: r.createdAt },
  };
}

/** `threadViewPost` down to `depth` levels; a post at the last level comes without `replies`. */
export function threadView(c: ViewContext, p: FakePost, depth: number): Record<string, unknown> {
  const v: Record<string, unknown> = { $type: 'app.bsky.feed.defs#threadViewPost', post: postView(c, p) };
  if (depth > 0) v.replies = c.ds.children(p.uri).map((uri) => threadView(c, c.ds.posts.get(uri)!, depth - 1));
  return v;
}

/** Parents up to `height` levels (`parent` chain), as getPostThread adds them above the post. */
export function withParents(c: ViewContext, p: FakePost, view: Record<string, unknown>, height: number): Record<string, unknown> {
  let node = view;
  let current = p;
  for (let i = 0; i < height && current.replyParent; i++) {
    const parent = c.ds.posts.get(current.replyParent);
    if (!parent) {
      node.parent = notFound(current.replyParent);
      break;
    }
    const pv: Record<string, unknown> = { $type: 'app.bsky.feed.defs#threadViewPost', post: postView(c, parent) };
    node.parent = pv;
    node = pv;
    current = parent;
  }
  return view;
}
