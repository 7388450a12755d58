// What a complete capture of a channel holds at this moment, derived from the live dataset, and
// the fewest API calls (quota units) a first capture can make.
import { REPLIES_IN_THREAD, thumbnailNames, thumbnailUrl, avatarUrl, bannerUrl } from './entities.js';
import type { FakeYouTubeDataset } from './store.js';

export interface ExpectedCapture {
  channelId: string;
  /** Public videos, newest first. */
  videoIds: string[];
  /** Every visible comment on them, replies included. */
  commentIds: string[];
  /** Videos and comments (not the profile). */
  itemIds: string[];
  thirdParty: string[];
  /** Versions a daily capture holds per item (videos and comments edited since the first day have more). */
  versions: Record<string, number>;
  /** The fewest API calls, each one quota unit, of a complete first capture. */
  firstCaptureUnits: number;
  /** The largest thumbnail of each video. */
  thumbnails: Record<string, string>;
  /** Avatar (largest) and banner. */
  profileMedia: string[];
  /** Videos whose comments are turned off. */
  commentsDisabled: string[];
}

const ceilDiv = (a: number, b: number): number => Math.ceil(a / b);

export function expectedCapture(ds: FakeYouTubeDataset, handle: string): ExpectedCapture {
  const channel = ds.channelByHandle(handle.startsWith('@') ? handle : `@${handle}`);
  if (!channel) throw new Error(`no channel ${handle} in dataset ${ds.name}`);
  const base = ds.baseUrl ?? '';
  const videos = ds.uploads(channel.id);
  const commentIds: string[] = [];
  const thirdParty: string[] = [];
  const versions: Record<string, number> = {};
  const thumbnails: Record<string, string> = {};
  const pages = Math.max(1, ceilDiv(videos.length, 50));
  let units = 1 + pages + (videos.length > 0 ? pages : 0);
  for (const v of videos) {
    versions[v.id] = v.versions;
    thumbnails[v.id] = thumbnailUrl(base, v.id, thumbnailNames(v).at(-1)!);
    if (v.commentsDisabled) {
      units += 1; // the call that learns it
      continue;
    }
    const threads = ds.threads(v.id);
    if (threads.length > 0) units += ceilDiv(threads.length, 100);
    for (const t of threads) {
      const replies = ds.replies(t.id);
      if (replies.length > REPLIES_IN_THREAD) units += ceilDiv(replies.length, 100);
      for (const c of [t, ...replies]) {
        commentIds.push(c.id);
        versions[c.id] = c.versions;
        if (c.author.channelId !== channel.id) thirdParty.push(c.id);
      }
    }
  }
  const videoIds = videos.map((v) => v.id);
  return {
    channelId: channel.id,
    videoIds,
    commentIds,
    itemIds: [...videoIds, ...commentIds],
    thirdParty,
    versions,
    firstCaptureUnits: units,
    thumbnails,
    profileMedia: [avatarUrl(base, channel, 800), bannerUrl(base, channel)],
    commentsDisabled: videos.filter((v) => v.commentsDisabled).map((v) => v.id),
  };
}

export interface CaptureDiff {
  added: string[];
  removed: string[];
  edited: string[];
}

export function diffCaptures(before: ExpectedCapture, after: ExpectedCapture): CaptureDiff {
  const had = new Set(before.itemIds);
  const has = new Set(after.itemIds);
  return {
    added: after.itemIds.filter((id) => !had.has(id)),
    removed: before.itemIds.filter((id) => !has.has(id)),
    edited: after.itemIds.filter((id) => had.has(id) && (after.versions[id] ?? 1) > (before.versions[id] ?? 1)),
  };
}
