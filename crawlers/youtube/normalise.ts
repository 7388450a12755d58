// Maps a stored YouTube version (a video from `videos.list`, a comment from `commentThreads` or
// `comments.list`) onto the normalised item (docs/normalised-item.schema.json). Pure. Every payload
// field has a place here or is listed as kept only in the raw payload (the field maps below).
import { z } from 'zod';
import { NORMALISED_ITEM_SCHEMA_ID, type NormalisedItem, type NormalisedLink, type NormalisedMedia } from '../../formats/normalise/item.js';
import { rawOnlyPaths, unmappedPaths } from '../../formats/normalise/mastodon-fields.js';
import { parsePayload, type PlatformNormaliser, type StoredVersionInput } from '../../formats/normalise/stored.js';
import { UserError } from '../../src/domain/errors.js';
import { channelUrl, commentUrl, watchUrl } from './api.js';
import { ORIGINAL_MEDIA_ID, contentVersionKey } from './observe.js';

// Why fields stay raw-only: thumbnails other than the stored (largest) one are renditions of it;
// category, live state, licence, embedding and technical details are presentation, not content;
// the viewer's rating and the author's profile picture belong to whoever fetched, or to the author's
// own profile; view and favourite counts have no place in the schema.
export const YOUTUBE_VIDEO_FIELDS: Readonly<Record<string, string | null>> = {
  kind: null,
  etag: null,
  id: 'platformId',
  'snippet.publishedAt': 'times.published',
  'snippet.channelId': 'author.id',
  'snippet.title': 'text.plain',
  'snippet.description': 'text.plain',
  'snippet.thumbnails': null,
  'snippet.channelTitle': 'author.displayName',
  'snippet.tags': 'tags',
  'snippet.tags[]': 'tags[].name',
  'snippet.categoryId': null,
  'snippet.liveBroadcastContent': null,
  'snippet.defaultLanguage': 'language',
  'snippet.defaultAudioLanguage': 'language',
  'snippet.localized': null,
  contentDetails: null,
  'contentDetails.duration': 'media[].duration',
  'contentDetails.contentRating.ytRating': 'text.sensitive',
  status: null,
  'status.privacyStatus': 'visibility',
  statistics: null,
  'statistics.commentCount': 'counts.replies',
  'statistics.likeCount': 'counts.likes',
  liveStreamingDetails: null,
  player: null,
  topicDetails: null,
  recordingDetails: null,
  localizations: null,
};

export const YOUTUBE_COMMENT_FIELDS: Readonly<Record<string, string | null>> = {
  kind: null,
  etag: null,
  id: 'platformId',
  'snippet.channelId': 'replyTo.authorId',
  'snippet.videoId': 'threadRoot.platformId',
  'snippet.textDisplay': 'text.plain',
  'snippet.textOriginal': 'text.plain',
  'snippet.parentId': 'replyTo.platformId',
  'snippet.authorDisplayName': 'author.handle',
  'snippet.authorProfileImageUrl': null,
  'snippet.authorChannelUrl': 'author.url',
  'snippet.authorChannelId.value': 'author.id',
  'snippet.canRate': null,
  'snippet.viewerRating': null,
  'snippet.moderationStatus': null,
  'snippet.likeCount': 'counts.likes',
  'snippet.publishedAt': 'times.published',
  'snippet.updatedAt': 'times.edited',
};

const nullish = <T extends z.ZodType>(t: T) => t.nullish();

const Video = z.looseObject({
  id: z.string().min(1),
  snippet: z.looseObject({
    publishedAt: z.string(),
    channelId: z.string().min(1),
    title: z.string(),
    description: nullish(z.string()),
    channelTitle: nullish(z.string()),
    tags: nullish(z.array(z.string())),
    defaultLanguage: nullish(z.string()),
    defaultAudioLanguage: nullish(z.string()),
    thumbnails: nullish(z.record(z.string(), z.looseObject({ url: z.string(), width: nullish(z.number()), height: nullish(z.number()) }))),
  }),
  contentDetails: nullish(z.looseObject({ duration: nullish(z.string()), contentRating: nullish(z.looseObject({ ytRating: nullish(z.string()) })) })),
  status: nullish(z.looseObject({ privacyStatus: nullish(z.string()) })),
  statistics: nullish(z.looseObject({ commentCount: nullish(z.string()), likeCount: nullish(z.string()) })),
});

const Comment = z.looseObject({
  id: z.string().min(1),
  snippet: z.looseObject({
    channelId: nullish(z.string()),
    videoId: nullish(z.string()),
    textDisplay: z.string(),
    textOriginal: nullish(z.string()),
    parentId: nullish(z.string()),
    authorDisplayName: z.string(),
    authorChannelUrl: nullish(z.string()),
    authorChannelId: nullish(z.looseObject({ value: z.string() })),
    likeCount: nullish(z.number()),
    publishedAt: z.string(),
    updatedAt: z.string(),
  }),
});

function parse<T extends z.ZodType>(schema: T, payload: unknown, what: string): z.infer<T> {
  const r = schema.safeParse(payload);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new UserError('YOUTUBE_PAYLOAD_INVALID', `${what} cannot be normalised: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/** `PT1H2M3S` → 3723 seconds; null when it is not an ISO 8601 duration. */
export function durationSeconds(iso: string | null | undefined): number | null {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso ?? '');
  if (!m || iso === 'P' || iso === 'PT') return null;
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
}

const count = (s: string | null | undefined): number | null => (s !== null && s !== undefined && /^\d+$/.test(s) ? Number(s) : null);

/** Links written in plain text, without trailing punctuation. */
export function plainTextLinks(text: string): NormalisedLink[] {
  const out: NormalisedLink[] = [];
  for (const m of text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    const url = m[0].replace(/[.,;:!?)\]]+$/, '');
    out.push({ url, source: 'text', title: null, description: null, imageUrl: null });
  }
  return out;
}

function keptOnlyInRaw(fields: Readonly<Record<string, string | null>>, payload: unknown): string[] {
  return [...rawOnlyPaths(fields, payload), ...unmappedPaths(fields, payload)];
}

function videoItem(v: StoredVersionInput): NormalisedItem {
  const payload = parsePayload(v.payload, 'YouTube video');
  const video = parse(Video, payload, 'YouTube video');
  const s = video.snippet;
  const update = v.source === 'video-update';
  const thumbs = s.thumbnails ?? {};
  const media: NormalisedMedia[] = v.media.map((m) => {
    const thumbnail = m.platformId?.startsWith('thumbnail:') ? thumbs[m.platformId.slice('thumbnail:'.length)] : undefined;
    const original = m.platformId === ORIGINAL_MEDIA_ID;
    return {
      platformId: m.platformId,
      type: thumbnail ? 'image' : original ? 'video' : 'unknown',
      url: m.url,
      previewUrl: null,
      remoteUrl: original ? watchUrl(video.id) : null,
      description: thumbnail ? `Thumbnail (${m.platformId!.slice('thumbnail:'.length)})` : null,
      blurhash: null,
      width: thumbnail?.width ?? null,
      height: thumbnail?.height ?? null,
      duration: original ? durationSeconds(video.contentDetails?.duration) : null,
      sha256: m.sha256,
      size: m.size,
      puid: m.puid,
    };
  });
  return {
    schema: NORMALISED_ITEM_SCHEMA_ID,
    platform: 'youtube',
    kind: 'post',
    uri: watchUrl(video.id),
    url: watchUrl(video.id),
    platformId: video.id,
    author: { id: s.channelId, handle: s.channelTitle || s.channelId, displayName: s.channelTitle || null, url: channelUrl(s.channelId), thirdParty: s.channelId !== v.ownAccountId, bot: null },
    // YouTube gives no edit time: a later version is dated by when the archive noticed it.
    times: { published: s.publishedAt, edited: update ? v.capturedAt : null, captured: v.capturedAt, foundDeleted: v.foundDeletedAt },
    text: { plain: s.description ? `${s.title}\n\n${s.description}` : s.title, html: null, summary: null, sensitive: video.contentDetails?.contentRating?.ytRating === 'ytAgeRestricted' },
    language: s.defaultLanguage ?? s.defaultAudioLanguage ?? null,
    visibility: video.status?.privacyStatus ?? null,
    mentions: [],
    tags: (s.tags ?? []).map((name) => ({ name, url: null })),
    links: plainTextLinks(s.description ?? ''),
    media,
    poll: null,
    replyTo: null,
    threadRoot: { platformId: v.threadRootPlatformId ?? video.id },
    quoteOf: null,
    repostOf: null,
    counts: { replies: count(video.statistics?.commentCount), reposts: null, likes: count(video.statistics?.likeCount), quotes: null },
    application: null,
    emojis: [],
    version: { key: contentVersionKey(payload as object), at: update ? v.capturedAt : s.publishedAt, source: 'status', index: null, isCurrent: true },
    raw: { sha256: v.payloadSha256, mediaType: 'application/json', keptOnlyInRaw: keptOnlyInRaw(YOUTUBE_VIDEO_FIELDS, payload) },
  };
}

function commentItem(v: StoredVersionInput): NormalisedItem {
  const payload = parsePayload(v.payload, 'YouTube comment');
  const c = parse(Comment, payload, 'YouTube comment');
  const s = c.snippet;
  const videoId = s.videoId ?? v.threadRootPlatformId ?? '';
  const authorId = s.authorChannelId?.value ?? `name:${s.authorDisplayName}`;
  const text = s.textOriginal ?? s.textDisplay;
  return {
    schema: NORMALISED_ITEM_SCHEMA_ID,
    platform: 'youtube',
    kind: 'reply',
    uri: commentUrl(videoId, c.id),
    url: commentUrl(videoId, c.id),
    platformId: c.id,
    author: {
      id: authorId,
      handle: s.authorDisplayName.replace(/^@/, '') || authorId,
      displayName: s.authorDisplayName || null,
      url: s.authorChannelUrl ?? null,
      thirdParty: authorId !== v.ownAccountId,
      bot: null,
    },
    times: { published: s.publishedAt, edited: s.updatedAt !== s.publishedAt ? s.updatedAt : null, captured: v.capturedAt, foundDeleted: v.foundDeletedAt },
    text: { plain: text, html: null, summary: null, sensitive: false },
    language: null,
    visibility: null,
    mentions: [...text.matchAll(/(?:^|[\s(])@([\p{L}\p{N}._-]{3,30})/gu)].map((m) => ({ id: null, handle: m[1]!, url: `https://www.youtube.com/@${m[1]}` })),
    tags: [...text.matchAll(/(?:^|\s)#([\p{L}\p{N}_]+)/gu)].map((m) => ({ name: m[1]!, url: `https://www.youtube.com/hashtag/${encodeURIComponent(m[1]!.toLowerCase())}` })),
    links: plainTextLinks(text),
    media: [],
    poll: null,
    replyTo: s.parentId ? { platformId: s.parentId, uri: commentUrl(videoId, s.parentId), authorId: null } : { platformId: videoId, uri: watchUrl(videoId), authorId: s.channelId ?? null },
    threadRoot: { platformId: v.threadRootPlatformId ?? videoId },
    quoteOf: null,
    repostOf: null,
    counts: { replies: null, reposts: null, likes: s.likeCount ?? null, quotes: null },
    application: null,
    emojis: [],
    version: { key: s.updatedAt, at: s.updatedAt, source: 'status', index: null, isCurrent: true },
    raw: { sha256: v.payloadSha256, mediaType: 'application/json', keptOnlyInRaw: keptOnlyInRaw(YOUTUBE_COMMENT_FIELDS, payload) },
  };
}

/** A stored YouTube version: `video` or `video-update` (videos.list), `comment` (a Comment resource). */
export const normaliseYouTubeVersion: PlatformNormaliser = (v) => {
  if (v.source === 'video' || v.source === 'video-update') return videoItem(v);
  if (v.source === 'comment') return commentItem(v);
  throw new UserError('NORMALISE_NO_SOURCE', `no normaliser for youtube payloads of kind "${v.source}"`);
};
