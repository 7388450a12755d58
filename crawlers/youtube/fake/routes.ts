// The Data API v3 endpoints the fake serves: query in, status and JSON out. No I/O, no key or
// quota (the server does those). Errors have Google's shape; page tokens are opaque offsets that
// only the same listing accepts, and the last page has no `nextPageToken`.
import { commentResource, commentThreadResource, etag, channelResource, playlistItemResource, videoResource } from './entities.js';
import type { FakeYouTubeDataset } from './store.js';

export interface ApiResponse {
  status: number;
  body: unknown;
}

interface ErrorSpec {
  code: number;
  message: string;
  domain: string;
  reason: string;
  status?: string;
  location?: string;
}

export function googleErrorBody(e: ErrorSpec): unknown {
  return {
    error: {
      code: e.code,
      message: e.message,
      errors: [{ message: e.message, domain: e.domain, reason: e.reason, ...(e.location ? { location: e.location, locationType: 'parameter' } : {}) }],
      ...(e.status ? { status: e.status } : {}),
    },
  };
}

const fail = (e: ErrorSpec): ApiResponse => ({ status: e.code, body: googleErrorBody(e) });

export const ERRORS = {
  quotaExceeded: (): ErrorSpec => ({
    code: 403,
    message: 'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
    domain: 'youtube.quota',
    reason: 'quotaExceeded',
  }),
  rateLimitExceeded: (): ErrorSpec => ({ code: 403, message: 'Rate Limit Exceeded', domain: 'usageLimits', reason: 'rateLimitExceeded', status: 'PERMISSION_DENIED' }),
  required: (param: string): ErrorSpec => ({ code: 400, message: `Required parameter: ${param}`, domain: 'global', reason: 'required', location: param, status: 'INVALID_ARGUMENT' }),
  invalidValue: (param: string, value: string, range: string): ErrorSpec => ({
    code: 400,
    message: `Invalid value '${value}'. Values must be within the range: ${range}`,
    domain: 'global',
    reason: 'invalidParameter',
    location: param,
    status: 'INVALID_ARGUMENT',
  }),
  invalidPageToken: (): ErrorSpec => ({ code: 400, message: 'The request specifies an invalid page token.', domain: 'youtube.parameter', reason: 'invalidPageToken', location: 'pageToken', status: 'INVALID_ARGUMENT' }),
  missingFilter: (): ErrorSpec => ({
    code: 400,
    message: 'No filter selected. Expected one of: forUsername, managedByMe, categoryId, mine, mySubscribers, id, idParam, forHandle',
    domain: 'youtube.parameter',
    reason: 'missingRequiredParameter',
    location: 'parameters.',
    status: 'INVALID_ARGUMENT',
  }),
  playlistNotFound: (): ErrorSpec => ({
    code: 404,
    message: "The playlist identified with the request's <code>playlistId</code> parameter cannot be found.",
    domain: 'youtube.playlistItem',
    reason: 'playlistNotFound',
    location: 'playlistId',
    status: 'NOT_FOUND',
  }),
  videoNotFound: (): ErrorSpec => ({
    code: 404,
    message: 'The video identified by the <code><a href="/youtube/v3/docs/commentThreads/list#videoId">videoId</a></code> parameter could not be found.',
    domain: 'youtube.commentThread',
    reason: 'videoNotFound',
    location: 'videoId',
    status: 'NOT_FOUND',
  }),
  commentsDisabled: (): ErrorSpec => ({
    code: 403,
    message: 'The video identified by the <code><a href="/youtube/v3/docs/commentThreads/list#videoId">videoId</a></code> parameter has disabled comments.',
    domain: 'youtube.commentThread',
    reason: 'commentsDisabled',
    location: 'videoId',
    status: 'PERMISSION_DENIED',
  }),
  commentNotFound: (): ErrorSpec => ({
    code: 404,
    message: 'The comment identified by the <code>parentId</code> parameter could not be found.',
    domain: 'youtube.comment',
    reason: 'commentNotFound',
    location: 'parentId',
    status: 'NOT_FOUND',
  }),
};

/** Opaque page tokens: the offset, bound to the listing they came from. */
const token = (scope: string, offset: number): string => Buffer.from(`${etag(scope).slice(0, 6)}:${offset}`).toString('base64url');

function parseToken(scope: string, value: string | null): number | 'invalid' {
  if (value === null || value === '') return 0;
  const m = /^([\w-]{6}):(\d+)$/.exec(Buffer.from(value, 'base64url').toString('latin1'));
  return m && m[1] === etag(scope).slice(0, 6) ? Number(m[2]) : 'invalid';
}

function maxResults(q: URLSearchParams, def: number, max: number, min = 0): number | ApiResponse {
  const raw = q.get('maxResults');
  if (raw === null) return def;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) return fail(ERRORS.invalidValue('maxResults', raw, `[${min}, ${max}]`));
  return n;
}

function parts(q: URLSearchParams, allowed: string[]): Set<string> | ApiResponse {
  const raw = q.get('part');
  if (!raw) return fail(ERRORS.required('part'));
  const list = raw.split(',').map((p) => p.trim());
  const bad = list.find((p) => !allowed.includes(p));
  if (bad) return fail({ code: 400, message: `'${bad}'`, domain: 'youtube.part', reason: 'unknownPart', location: 'part', status: 'INVALID_ARGUMENT' });
  return new Set(list);
}

const isResponse = (v: unknown): v is ApiResponse => typeof v === 'object' && v !== null && 'status' in v && 'body' in v;

function page<T>(kind: string, scope: string, all: T[], q: URLSearchParams, perPage: number, render: (t: T, position: number) => unknown): ApiResponse {
  const offset = parseToken(scope, q.get('pageToken'));
  if (offset === 'invalid') return fail(ERRORS.invalidPageToken());
  const slice = all.slice(offset, offset + perPage);
  const items = slice.map((t, i) => render(t, offset + i));
  const body: Record<string, unknown> = { kind, etag: etag([kind, scope, offset, items]) };
  if (offset + perPage < all.length) body.nextPageToken = token(scope, offset + perPage);
  if (offset > 0) body.prevPageToken = token(scope, Math.max(0, offset - perPage));
  body.pageInfo = { totalResults: all.length, resultsPerPage: perPage };
  body.items = items;
  return { status: 200, body };
}

export function routeApi(ds: FakeYouTubeDataset, base: string, path: string, q: URLSearchParams): ApiResponse {
  switch (path) {
    case '/youtube/v3/channels':
      return channels(ds, base, q);
    case '/youtube/v3/playlistItems':
      return playlistItems(ds, base, q);
    case '/youtube/v3/videos':
      return videos(ds, base, q);
    case '/youtube/v3/commentThreads':
      return commentThreads(ds, base, q);
    case '/youtube/v3/comments':
      return comments(ds, base, q);
    default:
      return { status: 404, body: null };
  }
}

function channels(ds: FakeYouTubeDataset, base: string, q: URLSearchParams): ApiResponse {
  const p = parts(q, ['snippet', 'contentDetails', 'statistics', 'brandingSettings', 'status', 'topicDetails', 'localizations']);
  if (isResponse(p)) return p;
  const handle = q.get('forHandle');
  const id = q.get('id');
  if (handle === null && id === null) return fail(ERRORS.missingFilter());
  const found = handle !== null ? ds.channelByHandle(handle.startsWith('@') ? handle : `@${handle}`) : ds.channels.get(id ?? '');
  const items = found ? [channelResource(ds, base, found, p)] : [];
  const body: Record<string, unknown> = { kind: 'youtube#channelListResponse', etag: etag(items), pageInfo: { totalResults: items.length, resultsPerPage: 5 } };
  // Nothing found: no `items` at all, not an empty list.
  if (items.length) body.items = items;
  return { status: 200, body };
}

function playlistItems(ds: FakeYouTubeDataset, base: string, q: URLSearchParams): ApiResponse {
  const p = parts(q, ['snippet', 'contentDetails', 'status', 'id']);
  if (isResponse(p)) return p;
  const playlistId = q.get('playlistId');
  if (!playlistId) return fail(ERRORS.required('playlistId'));
  const n = maxResults(q, 5, 50);
  if (isResponse(n)) return n;
  const channel = ds.channelByUploads(playlistId);
  const videos = channel ? ds.uploads(channel.id) : [];
  if (!channel || videos.length === 0) return fail(ERRORS.playlistNotFound());
  return page('youtube#playlistItemListResponse', `playlist:${playlistId}`, videos, q, n, (v, i) => playlistItemResource(ds, base, v, i, p));
}

function videos(ds: FakeYouTubeDataset, base: string, q: URLSearchParams): ApiResponse {
  const p = parts(q, ['snippet', 'contentDetails', 'statistics', 'status', 'liveStreamingDetails', 'player', 'topicDetails', 'recordingDetails', 'localizations']);
  if (isResponse(p)) return p;
  const idParam = q.get('id');
  if (idParam === null) return fail(ERRORS.missingFilter());
  const wanted = idParam.split(',').filter(Boolean);
  if (wanted.length > 50) return fail(ERRORS.invalidValue('id', String(wanted.length), '[1, 50] ids'));
  // Unknown, deleted and private ids are left out without an error.
  const items = wanted.flatMap((id) => {
    const v = ds.video(id);
    return v ? [videoResource(ds, base, v, p)] : [];
  });
  return { status: 200, body: { kind: 'youtube#videoListResponse', etag: etag(items), items, pageInfo: { totalResults: items.length, resultsPerPage: items.length } } };
}

function commentThreads(ds: FakeYouTubeDataset, base: string, q: URLSearchParams): ApiResponse {
  const p = parts(q, ['snippet', 'replies', 'id']);
  if (isResponse(p)) return p;
  const videoId = q.get('videoId');
  if (!videoId) return fail(ERRORS.required('videoId'));
  const n = maxResults(q, 20, 100, 1);
  if (isResponse(n)) return n;
  const video = ds.video(videoId);
  if (!video) return fail(ERRORS.videoNotFound());
  if (video.commentsDisabled) return fail(ERRORS.commentsDisabled());
  const order = q.get('order') ?? 'time';
  const threads = ds.threads(videoId);
  if (order === 'relevance') threads.sort((a, b) => b.likes - a.likes);
  const textFormat = q.get('textFormat') ?? 'html';
  return page('youtube#commentThreadListResponse', `threads:${videoId}:${order}`, threads, q, n, (c) => commentThreadResource(ds, base, c, p, textFormat));
}

function comments(ds: FakeYouTubeDataset, base: string, q: URLSearchParams): ApiResponse {
  const p = parts(q, ['snippet', 'id']);
  if (isResponse(p)) return p;
  const textFormat = q.get('textFormat') ?? 'html';
  const idParam = q.get('id');
  const parentId = q.get('parentId');
  if (idParam !== null) {
    // Comments asked for by id: those that exist, the rest left out without an error.
    const items = idParam.split(',').flatMap((id) => {
      const c = ds.comment(id);
      return c ? [commentResource(ds, base, c, textFormat)] : [];
    });
    return { status: 200, body: { kind: 'youtube#commentListResponse', etag: etag(items), items, pageInfo: { totalResults: items.length, resultsPerPage: items.length } } };
  }
  if (parentId === null) return fail({ ...ERRORS.missingFilter(), message: 'No filter selected. Expected one of: id, parentId' });
  const n = maxResults(q, 20, 100, 1);
  if (isResponse(n)) return n;
  const parent = ds.comment(parentId);
  if (!parent || parent.parentId !== null) return fail(ERRORS.commentNotFound());
  return page('youtube#commentListResponse', `replies:${parentId}`, ds.replies(parentId), q, n, (c) => commentResource(ds, base, c, textFormat));
}
