import { createHash } from 'node:crypto';
import type { ItemObservation, MediaObservation, StoredFile, VersionObservation } from '../../src/domain/types.js';
import { THUMBNAIL_SIZES, channelUrl, commentUrl, watchUrl, type Channel, type Comment, type Thumbnail, type ThumbnailSize, type Thumbnails, type Video } from './api.js';

// Pure mapping from YouTube payloads to observations. Files are attached by the crawler.
//
// Version keys: a comment's version is its `updatedAt` (it equals `publishedAt` until an edit; the
// API keeps no history, so each edit seen becomes a version keyed by its `updatedAt`). Videos and
// channels carry no edit time at all, so their version is a hash of the payload without what
// changes on its own (counters, the etag): a new title, description, tag or privacy makes a version,
// a new view does not.

export const profilePlatformId = (channelId: string): string => `channel:${channelId}`;

/** Per-response and counting fields: they change without the content changing. */
function withoutVolatile(payload: Record<string, unknown>): Record<string, unknown> {
  const { etag: _etag, statistics: _statistics, ...rest } = payload;
  const live = rest.liveStreamingDetails as Record<string, unknown> | undefined;
  if (live && typeof live === 'object') {
    const { concurrentViewers: _viewers, ...stable } = live;
    rest.liveStreamingDetails = stable;
  }
  return rest;
}

/** JSON with the keys of every object sorted, so equal content is equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Version key of a video or channel payload: what it says, not how often it was seen. */
export function contentVersionKey(payload: object): string {
  return `sha256:${createHash('sha256').update(canonicalJson(withoutVolatile(payload as Record<string, unknown>))).digest('hex')}`;
}

/** The account's handle as it names itself (`@voorbeeldstad` → `voorbeeldstad`), else its channel id. */
export const channelHandle = (c: Channel): string => (c.snippet.customUrl ?? '').replace(/^@/, '') || c.id;

export function observeProfile(c: Channel, capturedAt: string, media: MediaObservation[]): ItemObservation {
  const handle = channelHandle(c);
  return {
    kind: 'profile',
    platformId: profilePlatformId(c.id),
    uri: channelUrl(c.id),
    url: c.snippet.customUrl ? `https://www.youtube.com/@${handle}` : channelUrl(c.id),
    author: { id: c.id, handle, displayName: c.snippet.title || undefined },
    thirdParty: false,
    publishedAt: c.snippet.publishedAt ?? capturedAt,
    versions: [{ versionKey: contentVersionKey(c), versionAt: capturedAt, source: 'channel', payload: JSON.stringify(c), media }],
  };
}

/** The largest thumbnail the video has (`maxres` only exists for HD uploads). */
export function bestThumbnail(t: Thumbnails | undefined): { size: ThumbnailSize; thumbnail: Thumbnail } | undefined {
  for (const size of THUMBNAIL_SIZES) {
    const thumbnail = t?.[size];
    if (thumbnail?.url) return { size, thumbnail };
  }
  return undefined;
}

export interface Owner {
  channelId: string;
  handle: string;
}

export function observeVideo(v: Video, owner: Owner, versions: VersionObservation[]): ItemObservation {
  const own = v.snippet.channelId === owner.channelId;
  return {
    kind: 'post',
    platformId: v.id,
    uri: watchUrl(v.id),
    url: watchUrl(v.id),
    threadRootPlatformId: v.id,
    author: { id: v.snippet.channelId, handle: own ? owner.handle : v.snippet.channelTitle || v.snippet.channelId, displayName: v.snippet.channelTitle || undefined },
    thirdParty: !own,
    publishedAt: v.snippet.publishedAt,
    versions,
  };
}

/**
 * A version of a video. The first one the archive sees is dated by publication (`source: video`);
 * a later one by when the change was noticed (`source: video-update`), since YouTube gives no edit time.
 */
export function videoVersion(v: Video, media: MediaObservation[], first: boolean, capturedAt: string): VersionObservation {
  return { versionKey: contentVersionKey(v), versionAt: first ? v.snippet.publishedAt : capturedAt, source: first ? 'video' : 'video-update', payload: JSON.stringify(v), media };
}

export function observeComment(c: Comment, videoId: string, ownChannelId: string): ItemObservation {
  const authorId = c.snippet.authorChannelId?.value;
  const handle = c.snippet.authorDisplayName.replace(/^@/, '');
  return {
    kind: 'reply',
    platformId: c.id,
    uri: commentUrl(videoId, c.id),
    url: commentUrl(videoId, c.id),
    parentPlatformId: c.snippet.parentId ?? videoId,
    threadRootPlatformId: videoId,
    author: { id: authorId ?? `name:${c.snippet.authorDisplayName}`, handle: handle || authorId || c.id, displayName: c.snippet.authorDisplayName || undefined },
    thirdParty: authorId !== ownChannelId,
    publishedAt: c.snippet.publishedAt,
    versions: [{ versionKey: c.snippet.updatedAt, versionAt: c.snippet.updatedAt, source: 'comment', payload: JSON.stringify(c), media: [] }],
  };
}

export function thumbnailMedia(size: ThumbnailSize, url: string, stored: { file?: StoredFile; error?: string }): MediaObservation {
  return { platformId: `thumbnail:${size}`, type: 'image', url, file: stored.file, error: stored.error };
}

// ---- the original video file, from the owner's Takeout export ----

/** Cursor that remembers a video's original file, so every later version of the video keeps it. */
export const originalCursor = (videoId: string): string => `original.${videoId}`;

export interface OriginalFile extends StoredFile {
  /** The entry's path in the export. */
  name: string;
}

export function parseOriginal(value: string | null): OriginalFile | undefined {
  if (!value) return undefined;
  try {
    const v = JSON.parse(value) as Partial<OriginalFile>;
    return typeof v.sha256 === 'string' && typeof v.size === 'number' && typeof v.name === 'string' ? { sha256: v.sha256, size: v.size, name: v.name } : undefined;
  } catch {
    return undefined;
  }
}

/** Media platform id of the original video file. */
export const ORIGINAL_MEDIA_ID = 'original';

export function originalMedia(videoId: string, f: OriginalFile): MediaObservation {
  return { platformId: ORIGINAL_MEDIA_ID, type: 'video', url: `takeout:${encodeURI(f.name)}`, remoteUrl: watchUrl(videoId), file: { sha256: f.sha256, size: f.size } };
}
