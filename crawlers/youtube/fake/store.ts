// The fake YouTube's data in memory: channels, videos, comments, and the pending "next day"
// changes. Deleted things stay in memory (flagged) so expectations can name what went away.
import { createHash } from 'node:crypto';
import type { ImageSpec } from '../../mastodon/fake/images.js';

export interface FakeChannel {
  id: string;
  /** With the `@`, as YouTube shows it (`@voorbeeldstad`). */
  handle: string;
  title: string;
  description: string;
  publishedAt: string;
  country: string;
  keywords: string;
  avatar: ImageSpec;
  banner: ImageSpec;
  subscribers: number;
}

export interface FakeVideo {
  id: string;
  channelId: string;
  publishedAt: string;
  title: string;
  description: string;
  tags: string[];
  categoryId: string;
  durationSeconds: number;
  /** `hd` uploads have `standard` and `maxres` thumbnails; `sd` ones stop at `high`. */
  definition: 'hd' | 'sd';
  thumbnailSeed: number;
  commentsDisabled: boolean;
  views: number;
  likes: number;
  deleted: boolean;
  /** Versions a daily capture has seen: 1, plus one per next-day edit. */
  versions: number;
}

export interface FakeAuthor {
  channelId: string;
  /** With the `@`: YouTube shows handles as `authorDisplayName`. */
  handle: string;
}

export interface FakeComment {
  id: string;
  videoId: string;
  /** The top-level comment a reply belongs to (YouTube's replies are one level deep). */
  parentId: string | null;
  author: FakeAuthor;
  text: string;
  publishedAt: string;
  updatedAt: string;
  likes: number;
  deleted: boolean;
  versions: number;
  /** Personal-data categories planted in the text (never served). */
  pii: string[];
}

const b64 = (s: string): string => createHash('sha256').update(s).digest('base64url');

/** Deterministic ids in YouTube's shapes. */
export const ids = {
  channel: (key: string): string => `UC${b64(`channel:${key}`).slice(0, 22)}`,
  video: (key: string): string => b64(`video:${key}`).slice(0, 11),
  comment: (key: string): string => `Ugz${b64(`comment:${key}`).slice(0, 20)}4AaABAg`,
  reply: (parentId: string, key: string): string => `${parentId}.${b64(`reply:${key}`).slice(0, 22)}`,
};

export const uploadsPlaylist = (channelId: string): string => `UU${channelId.slice(2)}`;

export class FakeYouTubeDataset {
  readonly channels = new Map<string, FakeChannel>();
  readonly videos = new Map<string, FakeVideo>();
  readonly comments = new Map<string, FakeComment>();
  /** Set by the server that serves the dataset; media URLs point at it. */
  baseUrl: string | null = null;
  private readonly byVideo = new Map<string, FakeComment[]>();
  private readonly byParent = new Map<string, FakeComment[]>();
  private readonly pending: (() => void)[] = [];
  private nextDayApplied = false;

  constructor(
    readonly name: string,
    /** The moment the story is told from (ISO 8601). */
    readonly now: string,
  ) {}

  addChannel(c: FakeChannel): FakeChannel {
    this.channels.set(c.id, c);
    return c;
  }

  addVideo(v: Omit<FakeVideo, 'deleted' | 'versions'>): FakeVideo {
    const video: FakeVideo = { ...v, deleted: false, versions: 1 };
    this.videos.set(video.id, video);
    return video;
  }

  addComment(c: Omit<FakeComment, 'deleted' | 'versions' | 'pii' | 'updatedAt' | 'likes'> & Partial<Pick<FakeComment, 'pii' | 'updatedAt' | 'likes'>>): FakeComment {
    const comment: FakeComment = { pii: [], likes: 0, ...c, updatedAt: c.updatedAt ?? c.publishedAt, deleted: false, versions: 1 };
    this.comments.set(comment.id, comment);
    const index = comment.parentId === null ? this.byVideo : this.byParent;
    const key = comment.parentId ?? comment.videoId;
    const list = index.get(key);
    if (list) list.push(comment);
    else index.set(key, [comment]);
    return comment;
  }

  /** Registers a change for `nextDay()`. */
  later(change: () => void): void {
    this.pending.push(change);
  }

  /** Applies the next-day changes once; a second call does nothing. */
  nextDay(): void {
    if (this.nextDayApplied) return;
    this.nextDayApplied = true;
    for (const change of this.pending) change();
  }

  editVideo(id: string, change: Partial<Pick<FakeVideo, 'title' | 'description' | 'tags'>>): void {
    const v = this.videos.get(id)!;
    Object.assign(v, change);
    v.versions += 1;
  }

  editComment(id: string, text: string, at: string): void {
    const c = this.comments.get(id)!;
    c.text = text;
    c.updatedAt = at;
    c.versions += 1;
  }

  /** A deleted video takes its comments with it; a deleted top-level comment its replies. */
  deleteVideo(id: string): void {
    this.videos.get(id)!.deleted = true;
    for (const top of this.byVideo.get(id) ?? []) this.deleteComment(top.id);
  }

  deleteComment(id: string): void {
    this.comments.get(id)!.deleted = true;
    for (const c of this.byParent.get(id) ?? []) c.deleted = true;
  }

  channelByHandle(handle: string): FakeChannel | undefined {
    const h = handle.toLowerCase();
    for (const c of this.channels.values()) if (c.handle.toLowerCase() === h) return c;
    return undefined;
  }

  channelByUploads(playlistId: string): FakeChannel | undefined {
    for (const c of this.channels.values()) if (uploadsPlaylist(c.id) === playlistId) return c;
    return undefined;
  }

  /** Public videos of a channel, newest first, as its uploads playlist lists them. */
  uploads(channelId: string): FakeVideo[] {
    return [...this.videos.values()]
      .filter((v) => v.channelId === channelId && !v.deleted)
      .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : a.id < b.id ? -1 : 1));
  }

  video(id: string): FakeVideo | undefined {
    const v = this.videos.get(id);
    return v && !v.deleted ? v : undefined;
  }

  comment(id: string): FakeComment | undefined {
    const c = this.comments.get(id);
    return c && !c.deleted && this.video(c.videoId) ? c : undefined;
  }

  /** Top-level comments of a video, newest first (`order=time`). */
  threads(videoId: string): FakeComment[] {
    return (this.byVideo.get(videoId) ?? []).filter((c) => !c.deleted).sort(newestFirst);
  }

  /** Replies to a top-level comment, oldest first. */
  replies(parentId: string): FakeComment[] {
    return (this.byParent.get(parentId) ?? []).filter((c) => !c.deleted).sort((a, b) => -newestFirst(a, b));
  }

  /** Every visible comment of a video, replies included: what `statistics.commentCount` counts. */
  commentCount(videoId: string): number {
    let n = 0;
    for (const top of this.threads(videoId)) n += 1 + this.replies(top.id).length;
    return n;
  }
}

function newestFirst(a: FakeComment, b: FakeComment): number {
  return a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : a.id < b.id ? -1 : 1;
}
