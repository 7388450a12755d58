// Transport types of the Bluesky AppView (XRPC, lexicons app.bsky.* and com.atproto.*), as far as
// the crawler steers by them. Payloads are stored whole as received; these types only name fields.

export interface ProfileViewBasic {
  did: string;
  handle: string;
  displayName?: string;
  avatar?: string;
  [k: string]: unknown;
}

export interface ProfileViewDetailed extends ProfileViewBasic {
  description?: string;
  banner?: string;
  createdAt?: string;
  indexedAt?: string;
}

/** A blob reference inside a record: `{$type: blob, ref: {$link: cid}, mimeType, size}`. */
export interface BlobRef {
  $type?: 'blob';
  ref: { $link: string };
  mimeType: string;
  size: number;
}

export interface StrongRef {
  uri: string;
  cid: string;
}

/** The `app.bsky.feed.post` record as the author wrote it (`postView.record`). */
export interface PostRecord {
  $type?: string;
  text: string;
  createdAt: string;
  facets?: unknown[];
  reply?: { root: StrongRef; parent: StrongRef };
  embed?: { $type?: string; [k: string]: unknown };
  langs?: string[];
  tags?: string[];
  labels?: unknown;
  [k: string]: unknown;
}

export interface PostView {
  uri: string;
  cid: string;
  author: ProfileViewBasic;
  record: PostRecord;
  embed?: { $type?: string; [k: string]: unknown };
  replyCount?: number;
  repostCount?: number;
  likeCount?: number;
  quoteCount?: number;
  indexedAt: string;
  [k: string]: unknown;
}

export interface NotFoundPost {
  uri: string;
  notFound: true;
}

export interface BlockedPost {
  uri: string;
  blocked: true;
  author: { did: string };
}

export interface ReasonRepost {
  $type: 'app.bsky.feed.defs#reasonRepost';
  by: ProfileViewBasic;
  uri?: string;
  cid?: string;
  indexedAt: string;
}

export interface FeedViewPost {
  post: PostView;
  reply?: { root: PostView | NotFoundPost | BlockedPost; parent: PostView | NotFoundPost | BlockedPost };
  reason?: ReasonRepost | { $type: string; [k: string]: unknown };
  [k: string]: unknown;
}

export interface AuthorFeed {
  cursor?: string;
  feed: FeedViewPost[];
}

export interface ThreadViewPost {
  $type?: 'app.bsky.feed.defs#threadViewPost';
  post: PostView;
  parent?: unknown;
  replies?: (ThreadViewPost | NotFoundPost | BlockedPost | { $type?: string })[];
}

export interface PostThread {
  thread: ThreadViewPost | NotFoundPost | BlockedPost;
  threadgate?: unknown;
}

/** Every XRPC error: HTTP 400 (or 401, 429, 5xx) with this body. */
export interface XrpcError {
  error: string;
  message?: string;
}

/** `getAuthorFeed` pages hold at most 100 entries (lexicon maximum). */
export const FEED_PAGE_LIMIT = 100;
/** `getPosts` takes at most 25 URIs (lexicon `maxLength`). */
export const GET_POSTS_MAX = 25;
/** Reply levels asked of `getPostThread`; branches cut at this depth are fetched again from their last post. */
export const THREAD_DEPTH = 20;
/** The public AppView, when the registry names no `instance`. */
export const PUBLIC_APPVIEW = 'https://public.api.bsky.app';
/** The DID PLC directory. */
export const PLC_DIRECTORY = 'https://plc.directory';

export const isThreadViewPost = (t: unknown): t is ThreadViewPost =>
  typeof t === 'object' && t !== null && typeof (t as ThreadViewPost).post === 'object' && (t as ThreadViewPost).post !== null;
export const isRepost = (e: FeedViewPost): e is FeedViewPost & { reason: ReasonRepost } => e.reason?.$type === 'app.bsky.feed.defs#reasonRepost';
