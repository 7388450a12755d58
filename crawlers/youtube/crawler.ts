import { CrawlStopped, type CrawlContext, type CrawlSettings, type Crawler } from '../../src/capture/crawler.js';
import { backoff } from '../../src/capture/http/client.js';
import { sleep } from '../../src/capture/http/rate-gate.js';
import { forEachLimited } from '../../src/capture/pool.js';
import { registerSecret } from '../../src/secrets.js';
import type { CaptureBatch, ItemObservation, KnownItem, MediaObservation, VersionObservation } from '../../src/domain/types.js';
import {
  COMMENT_IDS_PER_CALL,
  COMMENTS_PAGE,
  PLAYLIST_PAGE,
  QUOTA_REASONS,
  RATE_REASONS,
  VIDEOS_PER_CALL,
  apiBase,
  googleError,
  type Channel,
  type Comment,
  type CommentThread,
  type GoogleError,
  type ListResponse,
  type PlaylistItem,
  type Video,
} from './api.js';
import {
  bestThumbnail,
  channelHandle,
  contentVersionKey,
  observeComment,
  observeProfile,
  observeVideo,
  originalCursor,
  originalMedia,
  parseOriginal,
  profilePlatformId,
  thumbnailMedia,
  videoVersion,
  type Owner,
} from './observe.js';
import { QuotaLedger } from './quota.js';
import { CursorGuard } from '../../src/capture/cursor-guard.js';

// Cursor keys in the store (besides the quota ledger's and the originals from a Takeout import).
const CHANNEL = 'channel.id'; // the channel the handle named at the first capture
const COMPLETE = 'uploads.complete'; // when the first complete walk of the uploads playlist ended
const BACKFILL = 'uploads.backfill'; // page token where an unfinished first walk continues
const WALKED = 'uploads.walked'; // the capture cycle whose uploads walk is done: a resumed cycle skips it
const SWEEP = 'sweep.last'; // when every video was last re-checked
const threadCursor = (videoId: string): string => `thread.${videoId}`; // page where an unfinished thread check continues

const DAY = 86_400_000;
export const DEFAULT_DAILY_QUOTA = 10_000;
const VIDEO_PARTS = 'snippet,contentDetails,statistics,status,liveStreamingDetails';
const RATE_RETRIES = 5;

/** Units per Pacific day from `capture.youtube.dailyQuota` in config/socialarchive.yaml. */
export function dailyQuota(settings: CrawlSettings): number {
  const q = (settings as CrawlSettings & { youtube?: { dailyQuota?: unknown } }).youtube?.dailyQuota;
  return typeof q === 'number' && Number.isInteger(q) && q > 0 ? q : DEFAULT_DAILY_QUOTA;
}

/**
 * YouTube through the Data API v3 with an API key: the channel by handle, its uploads playlist
 * (page tokens until none), `videos.list` 50 at a time, each video's `commentThreads` (newest
 * first) with every reply through `comments.list?parentId=`, deletions confirmed by asking for the
 * ids themselves. The daily quota is counted in the store; see README.md beside this file.
 */
export class YouTubeCrawler implements Crawler {
  readonly platform = 'youtube' as const;

  async crawl(ctx: CrawlContext): Promise<void> {
    await new YouTubeAccountCrawl(ctx).run();
  }
}

type Answer<T> = { ok: true; data: T } | { ok: false; error: GoogleError };

class YouTubeAccountCrawl {
  private readonly base: string;
  private readonly key: string;
  private quota!: QuotaLedger;
  private owner!: Owner;
  private uploads!: string;
  private phase = 'channel';
  private readonly downloaded = new Map<string, Promise<{ file?: { sha256: string; size: number }; error?: string }>>();

  constructor(private readonly ctx: CrawlContext) {
    if (!ctx.token) {
      throw new CrawlStopped('YouTube needs an API key: name it in the registry (credentials: env:NAME) and put the key in that environment variable', 'registry');
    }
    this.key = ctx.token;
    // The key travels URL-encoded; that form must be scrubbed from the WARC and logs as well.
    registerSecret(encodeURIComponent(ctx.token));
    this.base = apiBase(ctx.account.instance);
  }

  async run(): Promise<void> {
    this.quota = await QuotaLedger.open(this.ctx, dailyQuota(this.ctx.settings));
    await this.captureChannel();
    await this.walkUploads();
    if (this.ctx.account.capture.replies) await this.checkThreads();
  }

  // ---- HTTP: one unit of quota per call ----

  private async call<T>(resource: string, params: Record<string, string>, accept: readonly string[] = []): Promise<Answer<T>> {
    // The key travels in the query; `shown` is the same request without it, for progress and messages.
    const shown = `${this.base}/${resource}?${new URLSearchParams(params)}`;
    const url = `${shown}&key=${encodeURIComponent(this.key)}`;
    const where = `${this.phase}: ${shown}`;
    for (let attempt = 1; ; attempt++) {
      this.ctx.signal.throwIfAborted();
      await this.quota.spend(where);
      this.ctx.progress(this.phase, shown);
      const res = await this.ctx.http.getJson<unknown>(url);
      // Retries inside the HTTP client (5xx, torn bodies) reached Google too: count them as spent.
      const attempts = (res as { attempts?: number }).attempts ?? 1;
      if (attempts > 1) await this.quota.charge(attempts - 1);
      if (res.status === 200) return { ok: true, data: res.data as T };
      const error = googleError(res.status, res.data) ?? { code: res.status, reason: `http-${res.status}`, message: `HTTP ${res.status} without a Google error body` };
      if (QUOTA_REASONS.has(error.reason)) await this.quota.exhausted(where);
      if (RATE_REASONS.has(error.reason) && attempt < RATE_RETRIES) {
        this.ctx.log.warn({ url: shown, reason: error.reason, attempt }, 'YouTube asks to slow down; waiting');
        await sleep(backoff(attempt, 1000, 60_000), this.ctx.signal);
        continue;
      }
      if (accept.includes(error.reason)) return { ok: false, error };
      if (error.detail === 'API_KEY_INVALID' || /API key not valid/i.test(error.message)) {
        throw new CrawlStopped('Google refused the API key (API key not valid): check the key in the environment variable the registry names', where);
      }
      throw new CrawlStopped(`YouTube answered ${res.status} ${error.reason}: ${error.message}`, where);
    }
  }

  private download(url: string): Promise<{ file?: { sha256: string; size: number }; error?: string }> {
    if (!this.ctx.account.capture.media) return Promise.resolve({ error: 'media capture is off for this account' });
    let got = this.downloaded.get(url);
    if (!got) this.downloaded.set(url, (got = this.ctx.http.download(url)));
    return got;
  }

  // ---- the channel (profile) ----

  private async captureChannel(): Promise<void> {
    const handle = this.ctx.account.handle.trim();
    const by: Record<string, string> = /^UC[\w-]{22}$/.test(handle) ? { id: handle } : { forHandle: handle.startsWith('@') ? handle : `@${handle}` };
    const res = await this.call<ListResponse<Channel>>('channels', { part: 'snippet,contentDetails,statistics,brandingSettings', ...by });
    const channel = res.ok ? res.data.items?.[0] : undefined;
    if (!channel) throw new CrawlStopped(`YouTube knows no channel "${handle}" (channels.list returned no items)`, 'channel lookup');
    const before = await this.ctx.state.getCursor(CHANNEL);
    if (before && before !== channel.id) {
      throw new CrawlStopped(`the handle "${handle}" now names channel ${channel.id}, not ${before} archived so far; check the registry before capturing again`, 'channel lookup');
    }
    this.owner = { channelId: channel.id, handle: channelHandle(channel) };
    this.uploads = channel.contentDetails.relatedPlaylists.uploads;

    const obs = observeProfile(channel, this.ctx.now().toISOString(), []);
    const version = obs.versions[0]!;
    const pid = profilePlatformId(channel.id);
    const known = (await this.ctx.state.getItems([pid])).get(pid);
    if (!known?.versionKeys.includes(version.versionKey)) {
      const avatar = bestThumbnail(channel.snippet.thumbnails);
      const images = [
        ...(avatar ? [{ id: 'avatar', type: 'avatar', url: avatar.thumbnail.url }] : []),
        ...(channel.brandingSettings?.image?.bannerExternalUrl ? [{ id: 'banner', type: 'banner', url: channel.brandingSettings.image.bannerExternalUrl }] : []),
      ];
      version.media = await Promise.all(images.map(async (m) => ({ platformId: m.id, type: m.type, url: m.url, ...(await this.download(m.url)) })));
    }
    await this.ctx.commit({ items: [obs], cursors: before ? {} : { [CHANNEL]: channel.id } });
    await this.ctx.profileSnapshot(pid, version.versionKey);
  }

  // ---- the uploads playlist and the videos ----

  private async walkUploads(): Promise<void> {
    const { state, settings, cycleStartedAt } = this.ctx;
    if ((await state.getCursor(WALKED)) === cycleStartedAt) return; // a resumed cycle walked them already
    const now = this.ctx.now().getTime();
    const windowEdge = new Date(now - settings.recheckWindowDays * DAY).toISOString();
    const seen = new Set<string>();

    if ((await state.getCursor(COMPLETE)) === null) {
      // The first capture, or what an interrupted one left: everything, newest first.
      this.phase = 'uploads (first capture)';
      const backfill = await state.getCursor(BACKFILL);
      if (backfill !== null) await this.walk(null, seen, { windowEdge, stopAtKnown: true });
      await this.walk(backfill, seen, { windowEdge, firstWalk: true });
      await this.ctx.commit({ cursors: { [COMPLETE]: cycleStartedAt, [SWEEP]: cycleStartedAt, [WALKED]: cycleStartedAt, [BACKFILL]: null } });
      return;
    }

    const lastSweep = await state.getCursor(SWEEP);
    const sweep = lastSweep === null || now - Date.parse(lastSweep) >= settings.fullSweepDays * DAY;
    const edge = sweep ? null : windowEdge;
    this.phase = sweep ? 'uploads (full re-check)' : 'uploads (re-check of recent videos)';
    await this.walk(null, seen, { windowEdge, edge });
    await this.detectMissingVideos(edge, seen, windowEdge);
    await this.ctx.commit({ cursors: { [WALKED]: cycleStartedAt, ...(sweep ? { [SWEEP]: cycleStartedAt } : {}) } });
  }

  /**
   * The uploads playlist (newest first) from `from`, a page of 50 at a time, each page's videos
   * fetched and committed with the cursor that covers them. Stops at the end (no `nextPageToken`),
   * past `edge`, or (`stopAtKnown`) at the first page with a video stored before.
   */
  private async walk(from: string | null, seen: Set<string>, opts: { windowEdge: string; edge?: string | null; firstWalk?: boolean; stopAtKnown?: boolean }): Promise<void> {
    let token = from;
    const guard = new CursorGuard('uploads playlist');
    for (;;) {
      const params: Record<string, string> = { part: 'snippet,contentDetails,status', playlistId: this.uploads, maxResults: String(PLAYLIST_PAGE) };
      if (token) params.pageToken = token;
      // A channel that never uploaded has no uploads playlist yet.
      const res = await this.call<ListResponse<PlaylistItem>>('playlistItems', params, ['playlistNotFound']);
      const entries = res.ok ? (res.data.items ?? []) : [];
      const next = guard.next(res.ok ? res.data.nextPageToken : undefined);
      const ids = [...new Set(entries.map((e) => e.contentDetails?.videoId).filter((id): id is string => typeof id === 'string'))];
      const cursors: Record<string, string | null> = opts.firstWalk ? { [BACKFILL]: next ?? null } : {};
      const knownBefore = await this.commitVideos(ids, seen, cursors, opts.windowEdge, (id) => `listed in the uploads playlist, but videos.list?id=${id} did not return it (deleted, or no longer public)`);
      if (!next) return;
      if (opts.stopAtKnown && knownBefore > 0) return;
      if (opts.edge && entries.some((e) => (e.contentDetails.videoPublishedAt ?? '') < opts.edge!)) return;
      token = next;
    }
  }

  /** `videos.list` for up to 50 ids: the ones that exist and are public. */
  private async fetchVideos(ids: string[]): Promise<Map<string, Video>> {
    const out = new Map<string, Video>();
    for (let i = 0; i < ids.length; i += VIDEOS_PER_CALL) {
      const part = ids.slice(i, i + VIDEOS_PER_CALL);
      // No maxResults: videos.list does not take it together with id.
      const res = await this.call<ListResponse<Video>>('videos', { part: VIDEO_PARTS, id: part.join(',') });
      if (res.ok) for (const v of res.data.items ?? []) out.set(v.id, v);
    }
    return out;
  }

  /**
   * Fetches the videos, commits their new versions, the deletions of those `videos.list` no longer
   * returns (asked by id: that is the confirmation) and the threads that need a check, with
   * `cursors`. Returns how many of the ids were stored before.
   */
  private async commitVideos(ids: string[], seen: Set<string>, cursors: Record<string, string | null>, windowEdge: string, evidence: (id: string) => string): Promise<number> {
    const videos = ids.length ? await this.fetchVideos(ids) : new Map<string, Video>();
    const known = await this.ctx.state.getItems(ids);
    const stored = await this.ctx.state.countThreadReplies(ids);
    const batch: Required<Pick<CaptureBatch, 'items' | 'deletions' | 'threadsDue'>> = { items: [], deletions: [], threadsDue: [] };
    for (const id of ids) {
      seen.add(id);
      const v = videos.get(id);
      const k = known.get(id);
      const replies = stored.get(id) ?? 0;
      if (!v) {
        if (k && !k.deletedAt) {
          batch.deletions.push({ platformId: id, evidence: evidence(id) });
          if (replies > 0) batch.threadsDue.push(id); // its comments are gone with it: confirm them
        }
        continue;
      }
      batch.items.push(observeVideo(v, this.owner, await this.newVersions(v, k)));
      if (this.threadDue(v, k, replies, windowEdge)) batch.threadsDue.push(id);
    }
    await this.ctx.commit({ ...batch, cursors });
    return known.size;
  }

  private async newVersions(v: Video, k: KnownItem | undefined): Promise<VersionObservation[]> {
    if (k?.versionKeys.includes(contentVersionKey(v))) return [];
    const media: MediaObservation[] = [];
    const best = bestThumbnail(v.snippet.thumbnails);
    if (best) media.push(thumbnailMedia(best.size, best.thumbnail.url, await this.download(best.thumbnail.url)));
    // The original file from the owner's Takeout, when one was imported: every version keeps it.
    const original = parseOriginal(await this.ctx.state.getCursor(originalCursor(v.id)));
    if (original) media.push(originalMedia(v.id, original));
    return [videoVersion(v, media, !k || k.versionKeys.length === 0, this.ctx.now().toISOString())];
  }

  /**
   * Whether the video's comments need a look in this cycle: never checked (also when the count is
   * missing, to record why), within the re-check window whenever it has comments, and older ones
   * only when YouTube's comment count differs from what is stored (each check costs quota).
   */
  private threadDue(v: Video, k: KnownItem | undefined, stored: number, windowEdge: string): boolean {
    if (k?.repliesCheckedAt !== undefined && k.repliesCheckedAt >= this.ctx.cycleStartedAt) return false;
    const raw = v.statistics?.commentCount;
    const count = raw === undefined ? undefined : Number(raw);
    if (k?.repliesCheckedAt === undefined) return count === undefined || count > 0 || stored > 0;
    if (v.snippet.publishedAt >= windowEdge) return (count ?? 0) > 0 || stored > 0;
    return count !== undefined && count !== stored;
  }

  /** Own videos stored as published after `edge` that the walk did not meet: gone, or only off the playlist? */
  private async detectMissingVideos(edge: string | null, seen: Set<string>, windowEdge: string): Promise<void> {
    const missing = (await this.ctx.state.listOwnItems(edge)).filter((k) => k.kind === 'post' && !seen.has(k.platformId)).map((k) => k.platformId);
    for (let i = 0; i < missing.length; i += VIDEOS_PER_CALL) {
      const part = missing.slice(i, i + VIDEOS_PER_CALL);
      await this.commitVideos(part, seen, {}, windowEdge, (id) => `no longer in the uploads playlist, and videos.list?id=${id} did not return it (deleted, or no longer public)`);
    }
  }

  // ---- comments ----

  private async checkThreads(): Promise<void> {
    this.phase = 'comments';
    for (;;) {
      const due = await this.ctx.state.listDueThreads();
      if (due.length === 0) return;
      await forEachLimited(due, this.ctx.settings.threadConcurrency, (id) => this.checkThread(id), this.ctx.signal);
    }
  }

  private async checkThread(videoId: string): Promise<void> {
    const video = (await this.ctx.state.getItems([videoId])).get(videoId);
    if (!video || video.deletedAt) return this.closeThread(videoId);
    const cursorKey = threadCursor(videoId);
    const saved = parseThreadCursor(await this.ctx.state.getCursor(cursorKey));
    const resumed = saved?.cycle === this.ctx.cycleStartedAt ? saved.token : undefined;
    const returned = new Set<string>();
    let token = resumed;
    const guard = new CursorGuard(`comments of video ${videoId}`);
    for (;;) {
      const params: Record<string, string> = { part: 'snippet,replies', videoId, maxResults: String(COMMENTS_PAGE), order: 'time', textFormat: 'plainText' };
      if (token) params.pageToken = token;
      const res = await this.call<ListResponse<CommentThread>>('commentThreads', params, ['commentsDisabled', 'videoNotFound']);
      if (!res.ok && res.error.reason === 'commentsDisabled') {
        const cut = 'comments are disabled on this video (YouTube answered 403 commentsDisabled); comments stored before are kept';
        await this.ctx.commit({ threadsChecked: [{ rootPlatformId: videoId, cut }], cursors: { [cursorKey]: null } });
        return;
      }
      if (!res.ok) return this.videoGone(videoId);
      const items: ItemObservation[] = [];
      for (const thread of res.data.items ?? []) {
        const top = thread.snippet.topLevelComment;
        for (const c of [top, ...(await this.repliesOf(thread))]) {
          returned.add(c.id);
          items.push(observeComment(c, videoId, this.owner.channelId));
        }
      }
      const next = guard.next(res.data.nextPageToken);
      await this.ctx.commit({ items, cursors: { [cursorKey]: next ? JSON.stringify({ cycle: this.ctx.cycleStartedAt, token: next }) : null } });
      if (!next) break;
      token = next;
    }
    // Deletions only when this run read the whole thread; a check split over days leaves them to the next one.
    let gone: CaptureBatch = {};
    if (resumed === undefined) {
      const missing = (await this.ctx.state.listThreadReplies(videoId)).filter((k) => !returned.has(k.platformId));
      if (missing.length) gone = await this.confirmComments(missing, `was a comment on video ${videoId}; now missing from its commentThreads;`);
    }
    await this.ctx.commit({ ...gone, threadsChecked: [{ rootPlatformId: videoId }] });
  }

  /** Every reply of a thread: those the thread carries when they are all there, else `comments.list?parentId=`. */
  private async repliesOf(thread: CommentThread): Promise<Comment[]> {
    const included = thread.replies?.comments ?? [];
    if (thread.snippet.totalReplyCount <= included.length) return included;
    const all: Comment[] = [];
    let token: string | undefined;
    const guard = new CursorGuard(`replies to comment ${thread.snippet.topLevelComment.id}`);
    for (;;) {
      const params: Record<string, string> = { part: 'snippet', parentId: thread.snippet.topLevelComment.id, maxResults: String(COMMENTS_PAGE), textFormat: 'plainText' };
      if (token) params.pageToken = token;
      const res = await this.call<ListResponse<Comment>>('comments', params, ['commentNotFound']);
      if (!res.ok) return included; // the comment went away between the two calls
      all.push(...(res.data.items ?? []));
      token = guard.next(res.data.nextPageToken);
      if (!token) return all;
    }
  }

  /**
   * Asks for the comments themselves (`comments.list?id=`, 50 at a time): one that is not returned
   * is deleted (or hidden); one that is returned still exists and is observed again.
   */
  private async confirmComments(missing: KnownItem[], context: string): Promise<CaptureBatch> {
    const batch: Required<Pick<CaptureBatch, 'items' | 'deletions'>> = { items: [], deletions: [] };
    for (let i = 0; i < missing.length; i += COMMENT_IDS_PER_CALL) {
      const part = missing.slice(i, i + COMMENT_IDS_PER_CALL);
      const ids = part.map((k) => k.platformId).join(',');
      const res = await this.call<ListResponse<Comment>>('comments', { part: 'snippet', id: ids, textFormat: 'plainText' });
      const found = new Map((res.ok ? (res.data.items ?? []) : []).map((c) => [c.id, c]));
      for (const k of part) {
        const c = found.get(k.platformId);
        if (c) batch.items.push(observeComment(c, k.threadRootPlatformId ?? c.snippet.videoId ?? '', this.owner.channelId));
        else batch.deletions.push({ platformId: k.platformId, evidence: `${context} GET comments?id=${k.platformId} did not return it` });
      }
    }
    return batch;
  }

  /** `commentThreads` says the video is not found: ask `videos.list` before believing it. */
  private async videoGone(videoId: string): Promise<void> {
    const still = await this.fetchVideos([videoId]);
    if (still.has(videoId)) {
      const cut = 'commentThreads answered 404 videoNotFound while videos.list still returns the video';
      await this.ctx.commit({ threadsChecked: [{ rootPlatformId: videoId, cut }], cursors: { [threadCursor(videoId)]: null } });
      return;
    }
    await this.ctx.commit({ deletions: [{ platformId: videoId, evidence: `commentThreads?videoId=${videoId} answered 404 videoNotFound and videos.list?id=${videoId} did not return it` }] });
    await this.closeThread(videoId);
  }

  /** A deleted video's stored comments are confirmed one batch at a time; then the thread is done. */
  private async closeThread(videoId: string): Promise<void> {
    const stored = await this.ctx.state.listThreadReplies(videoId);
    const gone = stored.length ? await this.confirmComments(stored, `was a comment on video ${videoId}, which was deleted;`) : {};
    await this.ctx.commit({ ...gone, threadsChecked: [{ rootPlatformId: videoId }], cursors: { [threadCursor(videoId)]: null } });
  }
}

function parseThreadCursor(value: string | null): { cycle: string; token: string } | undefined {
  if (!value) return undefined;
  try {
    const v = JSON.parse(value) as { cycle?: unknown; token?: unknown };
    return typeof v.cycle === 'string' && typeof v.token === 'string' ? { cycle: v.cycle, token: v.token } : undefined;
  } catch {
    return undefined;
  }
}
