// Transport types of the X API v2, as far as the crawler steers by them. Payloads are stored whole as
// received (a tweet with the users and media it refers to); these types only name what is read.
// Field names are the classic ones (`tweet.fields`, `edit_history_tweet_ids`) that every X example
// uses; see shared/reference/platforms.md §3 on the naming drift in the OpenAPI document.

export interface XPublicMetrics {
  retweet_count?: number;
  reply_count?: number;
  like_count?: number;
  quote_count?: number;
  [k: string]: unknown;
}

export interface XUser {
  id: string;
  name: string;
  username: string;
  created_at?: string;
  description?: string;
  profile_image_url?: string;
  public_metrics?: { followers_count?: number; following_count?: number; tweet_count?: number; listed_count?: number; [k: string]: unknown };
  [k: string]: unknown;
}

export interface XMediaVariant {
  bit_rate?: number;
  content_type: string;
  url: string;
}

export interface XMedia {
  media_key: string;
  type: string;
  /** Photos only. */
  url?: string;
  preview_image_url?: string;
  variants?: XMediaVariant[];
  alt_text?: string;
  width?: number;
  height?: number;
  duration_ms?: number;
  [k: string]: unknown;
}

export interface XReferencedTweet {
  type: 'replied_to' | 'quoted' | 'retweeted' | string;
  id: string;
}

export interface XTweet {
  id: string;
  text: string;
  /** Every version of the post, oldest first; the last is the current one (default field). */
  edit_history_tweet_ids?: string[];
  author_id?: string;
  conversation_id?: string;
  created_at?: string;
  in_reply_to_user_id?: string;
  referenced_tweets?: XReferencedTweet[];
  attachments?: { media_keys?: string[]; [k: string]: unknown };
  public_metrics?: XPublicMetrics;
  [k: string]: unknown;
}

/** An RFC 7807 problem as X reports it, top level or inside `errors`. */
export interface XProblem {
  type?: string;
  title?: string;
  detail?: string;
  value?: string;
  resource_id?: string;
  resource_type?: string;
  parameter?: string;
  [k: string]: unknown;
}

export interface XIncludes {
  users?: XUser[];
  media?: XMedia[];
  tweets?: XTweet[];
  [k: string]: unknown;
}

export interface XMeta {
  result_count?: number;
  newest_id?: string;
  oldest_id?: string;
  next_token?: string;
  previous_token?: string;
}

export interface XResponse<T> {
  data?: T;
  includes?: XIncludes;
  meta?: XMeta;
  errors?: XProblem[];
  title?: string;
  detail?: string;
  type?: string;
  status?: number;
}

export const API_BASE = 'https://api.x.com';
/** `max_results` of `GET /2/users/:id/tweets` (5–100). */
export const TIMELINE_PAGE = 100;
/** X serves only this many of an account's most recent posts through the timeline. */
export const TIMELINE_CAP = 3200;
/** `max_results` of recent search (10–100) and full-archive search (10–500). */
export const SEARCH_PAGE = { recent: 100, all: 500 } as const;
/** Ids per `GET /2/tweets?ids=`. */
export const LOOKUP_IDS = 100;
/** Recent search reaches back this many days. */
export const RECENT_SEARCH_DAYS = 7;
/** Full-archive search allows one request per second (on top of its 15-minute window). */
export const FULL_ARCHIVE_INTERVAL_MS = 1000;

export const TWEET_FIELDS = [
  'attachments',
  'author_id',
  'conversation_id',
  'created_at',
  'edit_controls',
  'edit_history_tweet_ids',
  'entities',
  'in_reply_to_user_id',
  'lang',
  'note_tweet',
  'possibly_sensitive',
  'public_metrics',
  'referenced_tweets',
  'reply_settings',
].join(',');
export const TWEET_EXPANSIONS = ['attachments.media_keys', 'author_id', 'edit_history_tweet_ids'].join(',');
export const MEDIA_FIELDS = ['alt_text', 'duration_ms', 'height', 'media_key', 'preview_image_url', 'type', 'url', 'variants', 'width'].join(',');
/** Of the authors in `includes.users`. */
export const AUTHOR_FIELDS = ['name', 'profile_image_url', 'protected', 'username', 'verified', 'verified_type'].join(',');
/** Of the registered account itself. */
export const PROFILE_FIELDS = [
  'created_at',
  'description',
  'entities',
  'location',
  'pinned_tweet_id',
  'profile_image_url',
  'protected',
  'public_metrics',
  'url',
  'verified',
  'verified_type',
].join(',');

/** The query parameters every request for posts carries. */
export const tweetParams = (): Record<string, string> => ({
  'tweet.fields': TWEET_FIELDS,
  expansions: TWEET_EXPANSIONS,
  'media.fields': MEDIA_FIELDS,
  'user.fields': AUTHOR_FIELDS,
});

/** Problem types are `https://api.x.com/2/problems/<name>` (`api.twitter.com` in older answers). */
export const problemIs = (p: XProblem | undefined, name: string): boolean => !!p?.type && p.type.endsWith(`/2/problems/${name}`);

/** One line a person can read from an error answer. */
export function describeProblem(body: XResponse<unknown> | undefined): string {
  const p = body?.errors?.[0] ?? body;
  const parts = [p?.title, p?.detail].filter((s): s is string => typeof s === 'string' && s.length > 0);
  return parts.length ? parts.join(': ').slice(0, 300) : 'no explanation in the answer';
}
