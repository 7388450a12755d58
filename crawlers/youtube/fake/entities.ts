// The fake's resources, shaped as the Data API v3 returns them: only the requested `part`s, counts
// as strings, an etag that changes with any field, thumbnails with their fixed sizes, and comment
// text in `plainText` or (the default) `html`.
import { createHash } from 'node:crypto';
import type { ImageSpec } from '../../mastodon/fake/images.js';
import { uploadsPlaylist, type FakeChannel, type FakeComment, type FakeVideo, type FakeYouTubeDataset } from './store.js';

export const etag = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 27);

/** Thumbnail names, files (as on i.ytimg.com) and sizes. */
export const THUMBNAILS = {
  default: { file: 'default.jpg', width: 120, height: 90 },
  medium: { file: 'mqdefault.jpg', width: 320, height: 180 },
  high: { file: 'hqdefault.jpg', width: 480, height: 360 },
  standard: { file: 'sddefault.jpg', width: 640, height: 480 },
  maxres: { file: 'maxresdefault.jpg', width: 1280, height: 720 },
} as const;
type ThumbName = keyof typeof THUMBNAILS;
const SD_THUMBNAILS: ThumbName[] = ['default', 'medium', 'high'];
const HD_THUMBNAILS: ThumbName[] = [...SD_THUMBNAILS, 'standard', 'maxres'];

export const thumbnailNames = (v: FakeVideo): ThumbName[] => (v.definition === 'hd' ? HD_THUMBNAILS : SD_THUMBNAILS);

export function thumbnailUrl(base: string, videoId: string, name: ThumbName): string {
  return `${base}/vi/${videoId}/${THUMBNAILS[name].file}`;
}

const AVATAR_SIZES = { default: 88, medium: 240, high: 800 } as const;
export const avatarUrl = (base: string, c: FakeChannel, size: number): string => `${base}/ytc/${c.id}=s${size}-c-k-c0x00ffffff-no-rj`;
export const bannerUrl = (base: string, c: FakeChannel): string => `${base}/banner/${c.id}`;

/** The image a media path of the fake stands for, or undefined. */
export function mediaSpec(ds: FakeYouTubeDataset, path: string): ImageSpec | undefined {
  let m = /^\/vi\/([\w-]{11})\/([a-z]+)\.jpg$/.exec(path);
  if (m) {
    const v = ds.videos.get(m[1]!);
    const name = (Object.keys(THUMBNAILS) as ThumbName[]).find((n) => THUMBNAILS[n].file === `${m![2]}.jpg`);
    if (!v || !name || !thumbnailNames(v).includes(name)) return undefined;
    const { width, height } = THUMBNAILS[name];
    return { format: 'jpeg', width, height, pattern: 'photo', seed: v.thumbnailSeed };
  }
  m = /^\/ytc\/(UC[\w-]{22})=s(\d+)-c-k-c0x00ffffff-no-rj$/.exec(path);
  if (m) {
    const c = ds.channels.get(m[1]!);
    const size = Number(m[2]);
    if (!c || !Object.values(AVATAR_SIZES).includes(size as 88)) return undefined;
    return { ...c.avatar, width: size, height: size };
  }
  m = /^\/banner\/(UC[\w-]{22})$/.exec(path);
  if (m) return ds.channels.get(m[1]!)?.banner;
  return undefined;
}

function pick(parts: Set<string>, all: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(all).filter(([k, v]) => v !== undefined && (['kind', 'etag', 'id'].includes(k) || parts.has(k))));
}

function withEtag(body: Record<string, unknown>): Record<string, unknown> {
  const { kind, ...rest } = body;
  return { kind, etag: etag(rest), ...rest };
}

export function channelResource(ds: FakeYouTubeDataset, base: string, c: FakeChannel, parts: Set<string>): Record<string, unknown> {
  const videos = ds.uploads(c.id);
  return withEtag(
    pick(parts, {
      kind: 'youtube#channel',
      id: c.id,
      snippet: {
        title: c.title,
        description: c.description,
        customUrl: c.handle.toLowerCase(),
        publishedAt: c.publishedAt,
        thumbnails: Object.fromEntries(Object.entries(AVATAR_SIZES).map(([k, s]) => [k, { url: avatarUrl(base, c, s), width: s, height: s }])),
        localized: { title: c.title, description: c.description },
        country: c.country,
      },
      contentDetails: { relatedPlaylists: { likes: '', uploads: uploadsPlaylist(c.id) } },
      statistics: {
        viewCount: String(videos.reduce((n, v) => n + v.views, 0)),
        subscriberCount: String(c.subscribers),
        hiddenSubscriberCount: false,
        videoCount: String(videos.length),
      },
      brandingSettings: {
        channel: { title: c.title, description: c.description, keywords: c.keywords, country: c.country },
        image: { bannerExternalUrl: bannerUrl(base, c) },
      },
    }),
  );
}

function thumbnails(base: string, v: FakeVideo): Record<string, unknown> {
  return Object.fromEntries(thumbnailNames(v).map((n) => [n, { url: thumbnailUrl(base, v.id, n), width: THUMBNAILS[n].width, height: THUMBNAILS[n].height }]));
}

export function isoDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

export function videoResource(ds: FakeYouTubeDataset, base: string, v: FakeVideo, parts: Set<string>): Record<string, unknown> {
  const channel = ds.channels.get(v.channelId)!;
  const comments = ds.commentCount(v.id);
  return withEtag(
    pick(parts, {
      kind: 'youtube#video',
      id: v.id,
      snippet: {
        publishedAt: v.publishedAt,
        channelId: v.channelId,
        title: v.title,
        description: v.description,
        thumbnails: thumbnails(base, v),
        channelTitle: channel.title,
        ...(v.tags.length ? { tags: v.tags } : {}),
        categoryId: v.categoryId,
        liveBroadcastContent: 'none',
        defaultLanguage: 'nl',
        localized: { title: v.title, description: v.description },
        defaultAudioLanguage: 'nl',
      },
      contentDetails: {
        duration: isoDuration(v.durationSeconds),
        dimension: '2d',
        definition: v.definition,
        caption: 'false',
        licensedContent: false,
        contentRating: {},
        projection: 'rectangular',
      },
      status: { uploadStatus: 'processed', privacyStatus: 'public', license: 'youtube', embeddable: true, publicStatsViewable: true, madeForKids: false },
      // Without comments YouTube leaves commentCount out.
      statistics: {
        viewCount: String(v.views),
        likeCount: String(v.likes),
        favoriteCount: '0',
        ...(v.commentsDisabled ? {} : { commentCount: String(comments) }),
      },
    }),
  );
}

export function playlistItemResource(ds: FakeYouTubeDataset, base: string, v: FakeVideo, position: number, parts: Set<string>): Record<string, unknown> {
  const channel = ds.channels.get(v.channelId)!;
  const playlistId = uploadsPlaylist(v.channelId);
  return withEtag(
    pick(parts, {
      kind: 'youtube#playlistItem',
      id: Buffer.from(`${playlistId}.${v.id}`).toString('base64url'),
      snippet: {
        publishedAt: v.publishedAt,
        channelId: v.channelId,
        title: v.title,
        description: v.description,
        thumbnails: thumbnails(base, v),
        channelTitle: channel.title,
        playlistId,
        position,
        resourceId: { kind: 'youtube#video', videoId: v.id },
        videoOwnerChannelTitle: channel.title,
        videoOwnerChannelId: v.channelId,
      },
      contentDetails: { videoId: v.id, videoPublishedAt: v.publishedAt },
      status: { privacyStatus: 'public' },
    }),
  );
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** `textFormat=html` (the default): escaped, links as anchors, line breaks as `<br>`. */
function htmlText(text: string): string {
  return escapeHtml(text)
    .replace(/https?:\/\/[^\s<]+/g, (u) => `<a href="${u}">${u}</a>`)
    .replace(/\n/g, '<br>');
}

export function commentResource(ds: FakeYouTubeDataset, base: string, c: FakeComment, textFormat: string): Record<string, unknown> {
  const video = ds.videos.get(c.videoId)!;
  return withEtag({
    kind: 'youtube#comment',
    id: c.id,
    snippet: {
      channelId: video.channelId,
      videoId: c.videoId,
      textDisplay: textFormat === 'plainText' ? c.text : htmlText(c.text),
      textOriginal: c.text,
      ...(c.parentId ? { parentId: c.parentId } : {}),
      authorDisplayName: c.author.handle,
      authorProfileImageUrl: `${base}/ytc/${c.author.channelId}=s48-c-k-c0x00ffffff-no-rj`,
      authorChannelUrl: `http://www.youtube.com/${c.author.handle}`,
      authorChannelId: { value: c.author.channelId },
      canRate: true,
      viewerRating: 'none',
      likeCount: c.likes,
      publishedAt: c.publishedAt,
      updatedAt: c.updatedAt,
    },
  });
}

/** How many replies a comment thread carries itself; the rest only through `comments.list`. */
export const REPLIES_IN_THREAD = 5;

export function commentThreadResource(ds: FakeYouTubeDataset, base: string, top: FakeComment, parts: Set<string>, textFormat: string): Record<string, unknown> {
  const video = ds.videos.get(top.videoId)!;
  const replies = ds.replies(top.id);
  return withEtag(
    pick(parts, {
      kind: 'youtube#commentThread',
      id: top.id,
      snippet: {
        channelId: video.channelId,
        videoId: top.videoId,
        topLevelComment: commentResource(ds, base, top, textFormat),
        canReply: true,
        totalReplyCount: replies.length,
        isPublic: true,
      },
      replies: replies.length ? { comments: replies.slice(0, REPLIES_IN_THREAD).map((r) => commentResource(ds, base, r, textFormat)) } : undefined,
    }),
  );
}
