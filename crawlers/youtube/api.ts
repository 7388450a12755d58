// Transport types of the YouTube Data API v3, as far as the crawler steers by them. Payloads are
// stored whole as received; these types only name the fields the crawler reads.
// Reference: shared/reference/platforms.md §6 (developers.google.com/youtube/v3).

export const DEFAULT_API_HOST = 'https://www.googleapis.com';
export const API_PATH = '/youtube/v3';

/** `maxResults` upper bounds: 50 for playlistItems and videos (ids per call), 100 for comments. */
export const PLAYLIST_PAGE = 50;
export const VIDEOS_PER_CALL = 50;
export const COMMENTS_PAGE = 100;
/** Comment ids per `comments.list?id=` call when confirming deletions. */
export const COMMENT_IDS_PER_CALL = 50;

/** The API base for a registry `instance` (an optional override of the one Google host). */
export function apiBase(instance: string | undefined): string {
  const root = (instance ?? DEFAULT_API_HOST).replace(/\/+$/, '');
  return root.endsWith(API_PATH) ? root : `${root}${API_PATH}`;
}

export interface Thumbnail {
  url: string;
  width?: number;
  height?: number;
}

/** Thumbnail names from the largest to the smallest; `maxres` and `standard` exist only for some videos. */
export const THUMBNAIL_SIZES = ['maxres', 'standard', 'high', 'medium', 'default'] as const;
export type ThumbnailSize = (typeof THUMBNAIL_SIZES)[number];
export type Thumbnails = Partial<Record<ThumbnailSize, Thumbnail>>;

export interface ListResponse<T> {
  kind: string;
  etag: string;
  nextPageToken?: string;
  prevPageToken?: string;
  pageInfo?: { totalResults: number; resultsPerPage: number };
  /** Absent (not empty) when nothing matched, e.g. `channels?forHandle=` for an unknown handle. */
  items?: T[];
}

export interface Channel {
  kind: 'youtube#channel';
  etag: string;
  id: string;
  snippet: { title: string; description: string; customUrl?: string; publishedAt: string; thumbnails: Thumbnails; country?: string; [k: string]: unknown };
  contentDetails: { relatedPlaylists: { uploads: string; likes?: string } };
  statistics?: Record<string, unknown>;
  brandingSettings?: { image?: { bannerExternalUrl?: string }; [k: string]: unknown };
  [k: string]: unknown;
}

export interface PlaylistItem {
  kind: 'youtube#playlistItem';
  id: string;
  contentDetails: { videoId: string; videoPublishedAt?: string };
  [k: string]: unknown;
}

export interface Video {
  kind: 'youtube#video';
  etag: string;
  id: string;
  snippet: {
    publishedAt: string;
    channelId: string;
    title: string;
    description: string;
    channelTitle: string;
    thumbnails: Thumbnails;
    tags?: string[];
    defaultLanguage?: string;
    defaultAudioLanguage?: string;
    [k: string]: unknown;
  };
  contentDetails?: { duration?: string; [k: string]: unknown };
  status?: { privacyStatus?: string; [k: string]: unknown };
  /** Counts are strings; `commentCount` is absent when comments are disabled. */
  statistics?: { viewCount?: string; likeCount?: string; commentCount?: string; [k: string]: unknown };
  liveStreamingDetails?: { concurrentViewers?: string; [k: string]: unknown };
  [k: string]: unknown;
}

export interface Comment {
  kind: 'youtube#comment';
  etag: string;
  id: string;
  snippet: {
    /** The channel of the video the comment is on. */
    channelId?: string;
    videoId?: string;
    textDisplay: string;
    textOriginal?: string;
    /** Set on replies: the top-level comment they answer. */
    parentId?: string;
    authorDisplayName: string;
    authorProfileImageUrl?: string;
    authorChannelUrl?: string;
    authorChannelId?: { value: string };
    likeCount?: number;
    publishedAt: string;
    updatedAt: string;
    [k: string]: unknown;
  };
}

export interface CommentThread {
  kind: 'youtube#commentThread';
  etag: string;
  id: string;
  snippet: { channelId: string; videoId: string; topLevelComment: Comment; canReply?: boolean; totalReplyCount: number; isPublic?: boolean };
  /** A subset of the replies only; `comments.list?parentId=` gives them all. */
  replies?: { comments: Comment[] };
}

/** Google's error body: `{"error":{"code","message","errors":[{"message","domain","reason"}],"status"}}`. */
export interface GoogleErrorBody {
  error?: {
    code?: number;
    message?: string;
    status?: string;
    errors?: { message?: string; domain?: string; reason?: string }[];
    details?: { '@type'?: string; reason?: string }[];
  };
}

export interface GoogleError {
  code: number;
  /** `errors[0].reason`: `quotaExceeded`, `commentsDisabled`, `videoNotFound`, ... */
  reason: string;
  /** `details[].reason` of an ErrorInfo, e.g. `API_KEY_INVALID`. */
  detail?: string | undefined;
  /** Google's message without its HTML markup. */
  message: string;
}

/** The first reason and the message of a Google error body; undefined for anything else. */
export function googleError(status: number, body: unknown): GoogleError | undefined {
  const e = (body as GoogleErrorBody | null)?.error;
  if (!e || typeof e !== 'object') return undefined;
  const first = Array.isArray(e.errors) ? e.errors[0] : undefined;
  const raw = first?.message ?? e.message ?? '';
  const detail = Array.isArray(e.details) ? e.details.find((d) => typeof d?.reason === 'string')?.reason : undefined;
  return { code: typeof e.code === 'number' ? e.code : status, reason: first?.reason ?? e.status ?? 'unknown', detail, message: stripTags(String(raw)).slice(0, 500) };
}

/** Reasons Google gives for going too fast (not the daily quota): wait and try again. */
export const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);
/** Reasons that mean the daily quota is spent. */
export const QUOTA_REASONS = new Set(['quotaExceeded', 'dailyLimitExceeded']);

const stripTags = (s: string): string => s.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();

export const watchUrl = (videoId: string): string => `https://www.youtube.com/watch?v=${encodeURIComponent(videoId)}`;
export const commentUrl = (videoId: string, commentId: string): string => `${watchUrl(videoId)}&lc=${encodeURIComponent(commentId)}`;
export const channelUrl = (channelId: string): string => `https://www.youtube.com/channel/${encodeURIComponent(channelId)}`;
