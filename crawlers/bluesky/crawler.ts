import { CrawlStopped, type CrawlContext, type Crawler } from '../../src/capture/crawler.js';
import type { RateLimitPolicy } from '../../src/capture/http/client.js';
import { forEachLimited } from '../../src/capture/pool.js';
import type { CaptureBatch, ItemObservation, KnownItem, MediaObservation, VersionObservation } from '../../src/domain/types.js';
import {
  FEED_PAGE_LIMIT,
  GET_POSTS_MAX,
  isRepost,
  isThreadViewPost,
  PLC_DIRECTORY,
  PUBLIC_APPVIEW,
  THREAD_DEPTH,
  type AuthorFeed,
  type FeedViewPost,
  type PostThread,
  type PostView,
  type ProfileViewDetailed,
  type ThreadViewPost,
  type XrpcError,
} from './api.js';
import { didOf, isDid, parseAtUri, POST_COLLECTION, REPOST_COLLECTION } from './at-uri.js';
import { cidSha256 } from './cid.js';
import { PdsResolver } from './identity.js';
import {
  blobObservation,
  cdnBlobCid,
  entryTime,
  observePost,
  observeProfile,
  observeRepost,
  postBlobs,
  postVersion,
  postVersionKey,
  profileVersionKey,
  type Placement,
  type PostBlob,
} from './observe.js';
import { blueskyRateLimit } from './rate-limit.js';
import { CursorGuard } from '../../src/capture/cursor-guard.js';

// Cursor keys in the store.
const DID = 'account.did'; // the account is archived by DID; a handle that moves to another DID stops the run
const TOP = 'feed.top'; // feed time of the newest entry with everything below it walked
const BACKFILL = 'feed.backfill'; // the AppView cursor where an unfinished first walk continues
const SWEEP = 'sweep.last'; // when the whole feed was last re-walked

const DAY = 86_400_000;

/**
 * Bluesky through the public AppView: the handle resolved to a DID, the profile, the author feed
 * (cursor until none), each thread through `getPostThread` (deeper branches fetched again), original
 * blobs from each author's PDS, deletions confirmed with `getPosts`. See README.md beside this file.
 */
export class BlueskyCrawler implements Crawler {
  readonly platform = 'bluesky' as const;

  async crawl(ctx: CrawlContext): Promise<void> {
    await new BlueskyAccountCrawl(ctx).run();
  }
}

type Xrpc<T> = { ok: true; data: T } | { ok: false; status: number; error: XrpcError };

const isLoopback = (base: string): boolean => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(new URL(base).hostname);

class BlueskyAccountCrawl {
  private readonly appview: string;
  private readonly appviewLimit: RateLimitPolicy;
  private readonly limits = new Map<string, RateLimitPolicy>();
  private readonly identities: PdsResolver;
  private readonly downloaded = new Map<string, Promise<{ file?: { sha256: string; size: number }; error?: string }>>();
  private did = '';
  private phase = 'profile';

  constructor(private readonly ctx: CrawlContext) {
    this.appview = (ctx.account.instance ?? PUBLIC_APPVIEW).replace(/\/+$/, '');
    this.appviewLimit = this.limitFor(this.appview, 'appview');
    // A local AppView (the fake, a demo) serves the DID documents too; see README.md.
    const plc = isLoopback(this.appview) ? this.appview : PLC_DIRECTORY;
    this.identities = new PdsResolver(ctx.http, plc, (url) => this.limitFor(url, 'identity'));
  }

  async run(): Promise<void> {
    await this.resolveAccount();
    await this.captureProfile();
    await this.walkFeed();
    if (this.ctx.account.capture.replies) await this.checkThreads();
  }

  // ---- HTTP ----

  /** One budget per service host: the AppView, each PDS and the PLC directory limit separately. */
  private limitFor(url: string, service: string): RateLimitPolicy {
    const key = `bluesky ${service} ${new URL(url).host}`;
    let p = this.limits.get(key);
    if (!p) this.limits.set(key, (p = blueskyRateLimit(key)));
    return p;
  }

  private async xrpc<T>(nsid: string, params: Record<string, string | number | string[] | undefined>): Promise<Xrpc<T>> {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (Array.isArray(v)) for (const x of v) q.append(k, x);
      else if (v !== undefined) q.set(k, String(v));
    }
    const url = `${this.appview}/xrpc/${nsid}?${q}`;
    this.ctx.progress(this.phase, url);
    const res = await this.ctx.http.getJson<T | XrpcError>(url, { rateLimit: this.appviewLimit });
    if (res.status === 200) return { ok: true, data: res.data as T };
    const error = res.data as XrpcError;
    if (res.status === 400 && typeof error?.error === 'string') return { ok: false, status: res.status, error };
    const why = typeof error?.error === 'string' ? `${error.error}: ${error.message ?? ''}` : 'no XRPC error body';
    throw new CrawlStopped(`unexpected answer ${res.status} from the AppView (${why})`, url);
  }

  private async blob(did: string, b: PostBlob): Promise<MediaObservation> {
    if (!this.ctx.account.capture.media) return blobObservation(b, '', { error: 'media capture is off for this account' });
    const pds = await this.identities.pdsOf(did);
    if ('error' in pds) return blobObservation(b, '', { error: pds.error });
    const url = `${pds.pds}/xrpc/com.atproto.sync.getBlob?${new URLSearchParams({ did, cid: b.cid })}`;
    let got = this.downloaded.get(url);
    if (!got) {
      got = this.ctx.http.download(url, { rateLimit: this.limitFor(url, 'pds') }).then((r) => {
        const want = cidSha256(b.cid);
        if (r.file && want !== null && r.file.sha256 !== want) return { error: `the bytes from ${url} do not match the blob's CID (SHA-256 ${r.file.sha256})` };
        return r;
      });
      this.downloaded.set(url, got);
    }
    return blobObservation(b, url, await got);
  }

  // ---- account and profile ----

  private async resolveAccount(): Promise<void> {
    const handle = this.ctx.account.handle.replace(/^@/, '');
    if (isDid(handle)) this.did = handle;
    else {
      const res = await this.xrpc<{ did: string }>('com.atproto.identity.resolveHandle', { handle });
      if (!res.ok) throw new CrawlStopped(`the AppView cannot resolve the handle "${handle}" (${res.error.error}: ${res.error.message ?? ''})`, 'resolve handle');
      if (!isDid(res.data.did)) throw new CrawlStopped(`the handle "${handle}" resolves to "${res.data.did}", which is not a DID`, 'resolve handle');
      this.did = res.data.did;
    }
    const before = await this.ctx.state.getCursor(DID);
    if (before !== null && before !== this.did) {
      throw new CrawlStopped(
        `the handle "${handle}" now belongs to another account (${this.did}, archived so far: ${before}); check the registry before capturing again`,
        'resolve handle',
      );
    }
    if (before === null) await this.ctx.commit({ cursors: { [DID]: this.did } });
  }

  private async captureProfile(): Promise<void> {
    const res = await this.xrpc<ProfileViewDetailed>('app.bsky.actor.getProfile', { actor: this.did });
    if (!res.ok) throw new CrawlStopped(`the AppView has no profile for ${this.did} (${res.error.error}: ${res.error.message ?? ''})`, 'profile');
    const profile = res.data;
    const obs = observeProfile(profile, this.ctx.now().toISOString(), []);
    const version = obs.versions[0]!;
    const known = (await this.ctx.state.getItems([obs.platformId])).get(obs.platformId);
    if (!known?.versionKeys.includes(version.versionKey)) {
      const images: [string, string | undefined][] = [
        ['avatar', profile.avatar],
        ['banner', profile.banner],
      ];
      for (const [type, cdn] of images) {
        if (!cdn) continue;
        const cid = cdnBlobCid(cdn, this.did);
        if (!cid) {
          version.media.push({ type, url: cdn, error: 'no blob CID in the AppView image address; the original was not fetched' });
          continue;
        }
        const m = await this.blob(this.did, { cid, mimeType: 'image/*', type: 'image' });
        version.media.push({ ...m, type, remoteUrl: cdn });
      }
    }
    await this.ctx.commit({ items: [obs] });
    await this.ctx.profileSnapshot(obs.platformId, profileVersionKey(profile));
  }

  // ---- the author feed ----

  private async walkFeed(): Promise<void> {
    const { state, settings } = this.ctx;
    const topCursor = await state.getCursor(TOP);
    const top = topCursor === null ? null : Date.parse(topCursor);
    const backfill = await state.getCursor(BACKFILL);
    const seen = new Set<string>();

    if (top === null || backfill !== null) {
      // The first capture (or what an interrupted one left): everything, newest first.
      this.phase = 'feed (first capture)';
      if (top !== null) await this.walk(null, seen, { top, until: 'top', backfill: false });
      await this.walk(backfill, seen, { top: null, until: 'end', backfill: true });
      await this.ctx.commit({ cursors: { [SWEEP]: this.ctx.cycleStartedAt } });
      return;
    }
    // Later runs: new posts are on top; below them the recent window is re-checked every run,
    // everything now and then.
    const now = this.ctx.now().getTime();
    const lastSweep = await state.getCursor(SWEEP);
    const sweep = lastSweep === null || now - Date.parse(lastSweep) >= settings.fullSweepDays * DAY;
    const edge = now - settings.recheckWindowDays * DAY;
    this.phase = sweep ? 'feed (full re-check)' : 'feed (new and recent posts)';
    await this.walk(null, seen, sweep ? { top, until: 'end', backfill: false } : { top, until: 'edge', edge, backfill: false });
    await this.detectMissingOwn(sweep ? null : new Date(edge).toISOString(), seen);
    if (sweep) await this.ctx.commit({ cursors: { [SWEEP]: this.ctx.cycleStartedAt } });
  }

  /**
   * Pages down the author feed from `cursor` (the newest when null), committing each page with the
   * cursors it covers. `feed.top` moves only on the page where the walk joins what was walked
   * before (so a killed walk never skips posts); a first walk records where it would continue.
   * It stops at the end, or once it joined the old top (`until: 'top'`), or once it joined and is
   * past the re-check edge (`until: 'edge'`).
   */
  private async walk(
    cursor: string | null,
    seen: Set<string>,
    o: { top: number | null; until: 'top' | 'edge' | 'end'; edge?: number; backfill: boolean },
  ): Promise<void> {
    let next: string | undefined = cursor ?? undefined;
    let newest: number | null = null;
    let joined = o.top === null;
    const guard = new CursorGuard('author feed');
    for (let pageNo = 0; ; pageNo++) {
      const res = await this.xrpc<AuthorFeed>('app.bsky.feed.getAuthorFeed', { actor: this.did, limit: FEED_PAGE_LIMIT, cursor: next });
      if (!res.ok) throw new CrawlStopped(`the AppView refused the author feed (${res.error.error}: ${res.error.message ?? ''})`, 'author feed');
      const page = Array.isArray(res.data.feed) ? res.data.feed.filter((e) => e && typeof e.post === 'object' && e.post !== null) : [];
      next = guard.next(typeof res.data.cursor === 'string' && res.data.cursor !== '' ? res.data.cursor : undefined);
      const times = page.map(entryTime).filter(Number.isFinite);
      if (cursor === null && pageNo === 0 && times.length > 0) newest = Math.max(...times);
      const cursors: Record<string, string | null> = {};
      if (cursor === null && pageNo === 0 && o.top === null && newest !== null) cursors[TOP] = new Date(newest).toISOString();
      if (!joined && (times.some((t) => t <= o.top!) || !next)) {
        joined = true;
        if (newest !== null) cursors[TOP] = new Date(newest).toISOString();
      }
      if (o.backfill) cursors[BACKFILL] = next ?? null;
      await this.commitFeedPage(page, cursors, seen);
      if (!next) break;
      if (o.until === 'top' && joined) break;
      if (o.until === 'edge' && joined && times.some((t) => t < o.edge!)) break;
    }
  }

  private async commitFeedPage(page: FeedViewPost[], cursors: Record<string, string | null>, seen: Set<string>): Promise<void> {
    const own = page.filter((e) => !e.reason && e.post?.author?.did === this.did && typeof e.post.uri === 'string');
    const reposts = page.filter(isRepost).filter((e) => e.reason.by?.did === this.did && typeof e.reason.uri === 'string');
    const known = await this.ctx.state.getItems([...own.map((e) => e.post.uri), ...reposts.map((e) => e.reason.uri!)]);
    // Thread roots: posts that answer nobody, and answers in other people's conversations that root their own thread.
    const rootsOwnThread = (e: FeedViewPost) => !e.post.record?.reply || known.get(e.post.uri)?.threadRootPlatformId === e.post.uri;
    const stored = await this.ctx.state.countThreadReplies(own.filter(rootsOwnThread).map((e) => e.post.uri));
    const items: ItemObservation[] = [];
    const threadsDue: string[] = [];
    const checkedThisCycle = (k: KnownItem | undefined) => k?.repliesCheckedAt !== undefined && k.repliesCheckedAt >= this.ctx.cycleStartedAt;
    for (const e of reposts) {
      seen.add(e.reason.uri!);
      const obs = observeRepost(e as FeedViewPost & { reason: typeof e.reason & { uri: string } });
      const k = known.get(obs.platformId);
      if (k?.versionKeys.includes(obs.versions[0]!.versionKey)) obs.versions = [];
      items.push(obs);
    }
    for (const e of own) {
      const p = e.post;
      seen.add(p.uri);
      const k = known.get(p.uri);
      const rootUri = p.record.reply?.root?.uri;
      let placement: Placement;
      if (!rootUri) placement = { kind: 'post', threadRootPlatformId: p.uri };
      else if (didOf(rootUri) === this.did) {
        // An answer inside one of our threads; a new one there is a reason to look at that thread again.
        placement = { kind: 'reply', threadRootPlatformId: rootUri };
        if (!k) threadsDue.push(rootUri);
      } else {
        // An answer in someone else's conversation: placed after the threads are checked.
        placement = { kind: k?.kind ?? 'post', threadRootPlatformId: k?.threadRootPlatformId };
      }
      if (rootsOwnThread(e) && !checkedThisCycle(k) && ((p.replyCount ?? 0) > 0 || (stored.get(p.uri) ?? 0) > 0)) threadsDue.push(p.uri);
      items.push(observePost(p, this.did, placement, await this.newVersions(p, k)));
    }
    await this.ctx.commit({ items, cursors, threadsDue });
  }

  /** The version of `p` when it is not stored yet, with its blobs. */
  private async newVersions(p: PostView, known: KnownItem | undefined): Promise<VersionObservation[]> {
    if (known?.versionKeys.includes(postVersionKey(p))) return [];
    const media = await Promise.all(postBlobs(p.record?.embed).map((b) => this.blob(p.author.did, b)));
    return [postVersion(p, known && known.versionKeys.length > 0 ? 'post-rewrite' : 'post', media)];
  }

  /** Own posts and reposts stored as published after `edge` that the walk did not meet: gone, or only not reached? */
  private async detectMissingOwn(edge: string | null, seen: Set<string>): Promise<void> {
    const missing = (await this.ctx.state.listOwnItems(edge)).filter((k) => !seen.has(k.platformId));
    if (missing.length === 0) return;
    const posts = missing.filter((k) => parseAtUri(k.platformId)?.collection === POST_COLLECTION);
    const batch = await this.confirmMissing(
      posts.map((k) => k.platformId),
      'was in the author feed before; now missing from it;',
    );
    for (const k of missing.filter((x) => parseAtUri(x.platformId)?.collection === REPOST_COLLECTION)) {
      const gone = await this.recordGone(k.platformId);
      if (gone) batch.deletions.push({ platformId: k.platformId, evidence: `the repost was in the author feed before; now missing from it; ${gone}` });
    }
    await this.ctx.commit(batch);
  }

  /**
   * Asks `getPosts` for the posts, 25 at a time: one it omits is deleted (or taken down); one it
   * returns still exists and is observed again. Returns the batch for the caller to commit with
   * whatever the check covers.
   */
  private async confirmMissing(uris: string[], context: string): Promise<Required<Pick<CaptureBatch, 'deletions' | 'items'>>> {
    const batch: Required<Pick<CaptureBatch, 'deletions' | 'items'>> = { deletions: [], items: [] };
    const known = await this.ctx.state.getItems(uris);
    for (let i = 0; i < uris.length; i += GET_POSTS_MAX) {
      this.ctx.signal.throwIfAborted();
      const part = uris.slice(i, i + GET_POSTS_MAX);
      const res = await this.xrpc<{ posts: PostView[] }>('app.bsky.feed.getPosts', { uris: part });
      if (!res.ok) throw new CrawlStopped(`the AppView refused getPosts (${res.error.error}: ${res.error.message ?? ''})`, 'deletion check');
      const found = new Map((Array.isArray(res.data.posts) ? res.data.posts : []).map((p) => [p.uri, p]));
      for (const uri of part) {
        const p = found.get(uri);
        if (!p) {
          batch.deletions.push({ platformId: uri, evidence: `${context} app.bsky.feed.getPosts does not return it` });
          continue;
        }
        const k = known.get(uri);
        batch.items.push(observePost(p, this.did, { kind: k?.kind ?? 'reply', threadRootPlatformId: k?.threadRootPlatformId }, await this.newVersions(p, k)));
      }
    }
    return batch;
  }

  /** Why a record is gone (its PDS answers RecordNotFound), or null when it is still there or the PDS cannot tell. */
  private async recordGone(uri: string): Promise<string | null> {
    const at = parseAtUri(uri)!;
    const pds = await this.identities.pdsOf(at.did);
    if ('error' in pds) return null;
    const url = `${pds.pds}/xrpc/com.atproto.repo.getRecord?${new URLSearchParams({ repo: at.did, collection: at.collection, rkey: at.rkey })}`;
    this.ctx.progress(this.phase, url);
    const res = await this.ctx.http.getJson<XrpcError>(url, { rateLimit: this.limitFor(url, 'pds') });
    return res.status === 400 && res.data?.error === 'RecordNotFound' ? `GET ${url} answered 400 RecordNotFound` : null;
  }

  // ---- threads ----

  private async checkThreads(): Promise<void> {
    this.phase = 'replies';
    for (;;) {
      const due = await this.ctx.state.listDueThreads();
      if (due.length === 0) {
        if (!(await this.placeOwnReplies())) break;
        continue;
      }
      const selves = await this.ctx.state.getItems(due);
      await forEachLimited(due, this.ctx.settings.threadConcurrency, (root) => this.checkThread(root, selves.get(root)), this.ctx.signal);
    }
  }

  private async fetchThread(uri: string): Promise<Xrpc<PostThread>> {
    return this.xrpc<PostThread>('app.bsky.feed.getPostThread', { uri, depth: THREAD_DEPTH, parentHeight: 0 });
  }

  private async checkThread(rootUri: string, self: KnownItem | undefined): Promise<void> {
    if (self?.threadRootPlatformId && self.threadRootPlatformId !== rootUri) {
      // It turned out to be a reply inside another thread; that thread's check covers it.
      await this.ctx.commit({ threadsChecked: [{ rootPlatformId: rootUri }] });
      return;
    }
    const res = await this.fetchThread(rootUri);
    if (!res.ok || !isThreadViewPost(res.data.thread)) {
      // The root is gone (400 NotFound) or withheld: getPosts decides whether it was deleted.
      const said = res.ok ? 'a thread without the post' : `400 ${res.error.error}`;
      const gone = await this.confirmMissing([rootUri], `app.bsky.feed.getPostThread answered ${said};`);
      const cut = gone.deletions.length ? undefined : `the AppView returned no thread for this post (${said})`;
      await this.ctx.commit({ ...gone, threadsChecked: [{ rootPlatformId: rootUri, cut }] });
      return;
    }
    const { replies, withheld } = await this.collectReplies(res.data.thread);
    // What the store knows: the thread's replies, and whatever else it returned (new, or stored elsewhere).
    const before = await this.ctx.state.listThreadReplies(rootUri);
    const known = new Map(before.map((k) => [k.platformId, k]));
    const others = replies.filter((p) => !known.has(p.uri)).map((p) => p.uri);
    if (others.length) for (const [uri, k] of await this.ctx.state.getItems(others)) known.set(uri, k);
    const items: ItemObservation[] = [];
    for (const p of replies) items.push(observePost(p, this.did, { kind: 'reply', threadRootPlatformId: rootUri }, await this.newVersions(p, known.get(p.uri))));
    const returned = new Set(replies.map((p) => p.uri));
    const missing = before.filter((k) => !returned.has(k.platformId)).map((k) => k.platformId);
    // The thread counts as checked only together with the verdict on its missing replies.
    const gone = missing.length ? await this.confirmMissing(missing, `was a reply in thread ${rootUri}; now missing from it;`) : { items: [], deletions: [] };
    const cut = withheld > 0 ? `the AppView withheld ${withheld} repl${withheld === 1 ? 'y' : 'ies'} (blocked or not found)` : undefined;
    await this.ctx.commit({ items: [...items, ...gone.items], deletions: gone.deletions, threadsChecked: [{ rootPlatformId: rootUri, cut }] });
  }

  /**
   * Every reply below the thread's root, depth first. A post at the depth limit comes without its
   * `replies`; when it has replies, its branch is fetched again from there.
   */
  private async collectReplies(root: ThreadViewPost): Promise<{ replies: PostView[]; withheld: number }> {
    const replies: PostView[] = [];
    const seen = new Set<string>([root.post.uri]);
    const cut: string[] = [];
    let withheld = 0;
    const visit = (node: ThreadViewPost) => {
      if (node.replies === undefined) {
        if ((node.post.replyCount ?? 0) > 0) cut.push(node.post.uri);
        return;
      }
      for (const child of node.replies) {
        if (!isThreadViewPost(child)) {
          withheld++;
          continue;
        }
        if (seen.has(child.post.uri)) continue;
        seen.add(child.post.uri);
        replies.push(child.post);
        visit(child);
      }
    };
    visit(root);
    while (cut.length > 0) {
      const uri = cut.shift()!;
      const res = await this.fetchThread(uri);
      // A branch that vanished in between is left to the next check.
      if (res.ok && isThreadViewPost(res.data.thread)) visit(res.data.thread);
    }
    return { replies, withheld };
  }

  /**
   * The account's answers in other people's conversations: when the post they answer is stored in
   * one of our threads they join it; otherwise they root a thread of their own. Returns whether
   * anything became due.
   */
  private async placeOwnReplies(): Promise<boolean> {
    const unplaced = await this.ctx.state.listUnplacedOwnReplies();
    if (unplaced.length === 0) return false;
    const parents = await this.ctx.state.getItems(unplaced.map((u) => u.parentPlatformId!));
    const rootOf = new Map<string, string>();
    for (const [id, p] of parents) if (p.threadRootPlatformId) rootOf.set(id, p.threadRootPlatformId);
    const batch: Required<Pick<CaptureBatch, 'threadAssignments' | 'threadsDue'>> = { threadAssignments: [], threadsDue: [] };
    // Oldest first, so a chain of own replies follows the first one into its thread.
    for (const u of unplaced) {
      const root = rootOf.get(u.parentPlatformId!);
      if (root) {
        batch.threadAssignments.push({ platformId: u.platformId, kind: 'reply', threadRootPlatformId: root });
        rootOf.set(u.platformId, root);
        batch.threadsDue.push(root);
      } else {
        batch.threadAssignments.push({ platformId: u.platformId, kind: 'post', threadRootPlatformId: u.platformId });
        rootOf.set(u.platformId, u.platformId);
        batch.threadsDue.push(u.platformId);
      }
    }
    const roots = await this.ctx.state.getItems(batch.threadsDue);
    batch.threadsDue = [...new Set(batch.threadsDue)].filter((r) => {
      const checked = roots.get(r)?.repliesCheckedAt;
      return checked === undefined || checked < this.ctx.cycleStartedAt;
    });
    await this.ctx.commit(batch);
    return batch.threadsDue.length > 0;
  }
}
