import { createHash } from 'node:crypto';
import type { ItemKind, ItemObservation, MediaObservation, VersionObservation } from '../../src/domain/types.js';
import type { XIncludes, XMedia, XMediaVariant, XTweet, XUser } from './api.js';
import { snowflakeTime } from './ids.js';

// Pure mapping from X API v2 answers to observations. Media files are attached by the crawler.
//
// An item is a post with all its versions: X gives every edit a new id and lists the chain in
// `edit_history_tweet_ids`, oldest first. The item is named by the first id (the post's URI is that
// of the original), and each version by its own id, so an edit adds a version and keeps the old.

/** The item a tweet (any version of it) belongs to: the first id of its edit chain. */
export const itemIdOf = (t: Pick<XTweet, 'id' | 'edit_history_tweet_ids'>): string => t.edit_history_tweet_ids?.[0] ?? t.id;

export const canonicalUri = (itemId: string): string => `https://x.com/i/status/${itemId}`;
export const webUrl = (username: string, itemId: string): string => `https://x.com/${username}/status/${itemId}`;

export const isRetweet = (t: XTweet): boolean => (t.referenced_tweets ?? []).some((r) => r.type === 'retweeted');
/** The version id the tweet answers (`referenced_tweets[type=replied_to]`), for replies. */
export const repliedTo = (t: XTweet): string | undefined => (isRetweet(t) ? undefined : t.referenced_tweets?.find((r) => r.type === 'replied_to')?.id);

/** First publication of the item: the time in its first id (X writes `created_at` to the second). */
export function publishedAt(itemId: string, fallback: string | undefined): string {
  return snowflakeTime(itemId) ?? fallback ?? new Date(0).toISOString();
}

/** The part of an answer that belongs to one tweet: the tweet, its author and its media, in the API's own shape. */
export function tweetPayload(t: XTweet, includes: XIncludes | undefined): { data: XTweet; includes: { users: XUser[]; media: XMedia[] } } {
  const keys = t.attachments?.media_keys ?? [];
  const media = keys.map((k) => includes?.media?.find((m) => m.media_key === k)).filter((m): m is XMedia => !!m);
  const users = (includes?.users ?? []).filter((u) => u.id === t.author_id);
  return { data: t, includes: { users, media } };
}

/** Media of the tweet that `includes` holds; undefined when one of its keys is missing there. */
export function mediaOf(t: XTweet, includes: XIncludes | undefined): XMedia[] | undefined {
  const out: XMedia[] = [];
  for (const k of t.attachments?.media_keys ?? []) {
    const m = includes?.media?.find((x) => x.media_key === k);
    if (!m) return undefined;
    out.push(m);
  }
  return out;
}

/** The MP4 with the highest bit rate (HLS playlists have none and are skipped). */
export function bestVideoVariant(m: Pick<XMedia, 'variants'>): XMediaVariant | undefined {
  const mp4 = (m.variants ?? []).filter((v) => v.content_type === 'video/mp4' && typeof v.url === 'string');
  return mp4.reduce<XMediaVariant | undefined>((best, v) => (!best || (v.bit_rate ?? 0) > (best.bit_rate ?? 0) ? v : best), undefined);
}

/** Where the original lives: photos at full resolution (`name=orig`), videos and GIFs as their best MP4. */
export function originalUrl(m: Pick<XMedia, 'type' | 'url' | 'variants'>): string | undefined {
  if (m.type === 'photo') {
    if (!m.url) return undefined;
    try {
      const u = new URL(m.url);
      u.searchParams.set('name', 'orig');
      return u.toString();
    } catch {
      return undefined;
    }
  }
  return bestVideoVariant(m)?.url;
}

export function mediaObservation(m: XMedia, stored: { file?: { sha256: string; size: number }; error?: string }): MediaObservation {
  return {
    platformId: m.media_key,
    type: m.type,
    url: originalUrl(m) ?? m.url ?? m.preview_image_url ?? '',
    description: m.alt_text ?? undefined,
    file: stored.file,
    error: stored.error,
  };
}

/** One version: the tweet as served, keyed by its own id (the id of that edit). */
export function tweetVersion(t: XTweet, includes: XIncludes | undefined, media: MediaObservation[]): VersionObservation {
  const at = t.created_at ?? snowflakeTime(t.id) ?? new Date(0).toISOString();
  return { versionKey: t.id, versionAt: at, source: 'tweet', payload: JSON.stringify(tweetPayload(t, includes)), media };
}

export interface Placement {
  kind: ItemKind;
  threadRootPlatformId?: string | undefined;
}

/**
 * The item a tweet belongs to. `itemOf` turns the version id a reply answers into the item id of
 * that post (a reply may answer an edited version).
 */
export function observeTweet(
  t: XTweet,
  author: XUser | undefined,
  ownUserId: string,
  placement: Placement,
  versions: VersionObservation[],
  itemOf: (versionId: string) => string,
): ItemObservation {
  const id = itemIdOf(t);
  const parent = repliedTo(t);
  const username = author?.username ?? 'i';
  return {
    kind: placement.kind,
    platformId: id,
    uri: canonicalUri(id),
    url: webUrl(username, id),
    parentPlatformId: parent ? itemOf(parent) : undefined,
    threadRootPlatformId: placement.threadRootPlatformId,
    author: { id: t.author_id ?? author?.id ?? '', handle: author?.username ?? t.author_id ?? '', displayName: author?.name || undefined },
    thirdParty: (t.author_id ?? author?.id) !== ownUserId,
    publishedAt: publishedAt(id, t.created_at),
    versions,
  };
}

// ---- the account ----

export const profilePlatformId = (u: Pick<XUser, 'id'>): string => `user:${u.id}`;

/** Counters change all the time; they do not make a new profile version. */
const VOLATILE_PROFILE_FIELDS = new Set(['public_metrics', 'most_recent_tweet_id']);

export function profileVersionKey(u: XUser): string {
  const stable = Object.fromEntries(
    Object.entries(u)
      .filter(([k]) => !VOLATILE_PROFILE_FIELDS.has(k))
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return `sha256:${createHash('sha256').update(JSON.stringify(stable)).digest('hex')}`;
}

/** The profile picture at full size: X serves `..._normal.jpg` (48 px); without the suffix it is the original. */
export function profileImageOriginal(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.replace(/_normal(\.[A-Za-z0-9]+)(\?.*)?$/, '$1$2');
}

export function observeProfile(u: XUser, capturedAt: string, media: MediaObservation[]): ItemObservation {
  return {
    kind: 'profile',
    platformId: profilePlatformId(u),
    uri: `https://x.com/i/user/${u.id}`,
    url: `https://x.com/${u.username}`,
    author: { id: u.id, handle: u.username, displayName: u.name || undefined },
    thirdParty: false,
    publishedAt: u.created_at ?? capturedAt,
    versions: [{ versionKey: profileVersionKey(u), versionAt: capturedAt, source: 'user', payload: JSON.stringify(u), media }],
  };
}
