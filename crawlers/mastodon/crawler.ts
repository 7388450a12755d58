import { createHash } from 'node:crypto';
import { CrawlStopped, type CrawlContext, type Crawler } from '../../src/capture/crawler.js';
import { parseLinkHeader } from '../../src/capture/http/link-header.js';
import { forEachLimited } from '../../src/capture/pool.js';
import type { CaptureBatch, ItemObservation, KnownItem, MediaObservation, VersionObservation } from '../../src/domain/types.js';
import {
  ANONYMOUS_CONTEXT,
  AUTHENTICATED_CONTEXT_LIMIT,
  PAGE_LIMIT,
  type MastodonAccount,
  type MastodonContext,
  type MastodonMediaAttachment,
  type MastodonStatus,
  type MastodonStatusEdit,
} from './api.js';
import { compareIds, maxId } from './ids.js';
import {
  currentVersion,
  historyVersions,
  mediaObservation,
  mediaUrl,
  observeProfile,
  observeStatus,
  profilePlatformId,
  replyDepths,
  statusVersionKey,
  type Placement,
} from './observe.js';
import { mastodonRateLimit } from './rate-limit.js';
import { CursorGuard } from '../../src/capture/cursor-guard.js';

// Cursor keys in the store.
const TOP = 'timeline.top'; // newest status id with everything below it walked
const BACKFILL = 'timeline.backfill'; // the first walk down is unfinished below this id
const SWEEP = 'sweep.last'; // when the whole timeline was last re-walked

const DAY = 86_400_000;

/**
 * Mastodon: the account's statuses through `/accounts/:id/statuses` (Link pagination; `min_id`
 * for what is new), replies through `/statuses/:id/context`, edits through `/history`, deletions by
 * re-checking what was seen before. See docs/architecture.md for the cycle.
 */
export class MastodonCrawler implements Crawler {
  readonly platform = 'mastodon' as const;

  async crawl(ctx: CrawlContext): Promise<void> {
    await new MastodonAccountCrawl(ctx).run();
  }
}

class MastodonAccountCrawl {
  private readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly rateLimit;
  private own!: MastodonAccount;
  private readonly downloaded = new Map<string, { file?: { sha256: string; size: number }; error?: string }>();

  constructor(private readonly ctx: CrawlContext) {
    if (!ctx.account.instance) throw new CrawlStopped('the registry gives no instance for this Mastodon account', 'registry');
    this.base = ctx.account.instance.replace(/\/+$/, '');
    this.headers = ctx.token ? { Authorization: `Bearer ${ctx.token}` } : {};
    // Mastodon limits per token when one is sent, per IP otherwise.
    const who = ctx.token ? `token:${createHash('sha256').update(ctx.token).digest('hex').slice(0, 12)}` : 'anonymous';
    this.rateLimit = mastodonRateLimit(`${new URL(this.base).host} ${who}`);
  }

  async run(): Promise<void> {
    await this.captureProfile();
    await this.walkTimeline();
    if (this.ctx.account.capture.replies) await this.checkThreads();
  }

  // ---- HTTP ----

  private async api<T>(path: string): Promise<{ status: number; data: T; headers: Record<string, string> }> {
    const url = path.startsWith('http') ? path : `${this.base}${path}`;
    this.ctx.progress(this.phase, url);
    const res = await this.ctx.http.getJson<T>(url, { rateLimit: this.rateLimit, headers: this.headers });
    if (res.status === 401) {
      const why = this.ctx.token ? 'the instance refused the token (401): renew it and update the environment variable' : 'the instance requires an authenticated user (401): add credentials to the registry';
      throw new CrawlStopped(why, url);
    }
    if (res.status !== 200 && res.status !== 404) throw new CrawlStopped(`unexpected answer ${res.status} from the instance`, url);
    return res;
  }

  private phase = 'profile';

  private async download(m: MastodonMediaAttachment): Promise<MediaObservation> {
    const url = mediaUrl(m);
    if (!url) return mediaObservation(m, { error: 'the instance gives no URL for this attachment (still processing?)' });
    if (!this.ctx.account.capture.media) return mediaObservation(m, { error: 'media capture is off for this account' });
    let got = this.downloaded.get(url);
    if (!got) {
      got = await this.ctx.http.download(url);
      this.downloaded.set(url, got);
    }
    return mediaObservation(m, got);
  }

  private async downloadAll(ms: MastodonMediaAttachment[]): Promise<MediaObservation[]> {
    return Promise.all(ms.map((m) => this.download(m)));
  }

  // ---- profile ----

  private async captureProfile(): Promise<void> {
    const res = await this.api<MastodonAccount>(`/api/v1/accounts/lookup?acct=${encodeURIComponent(this.ctx.account.handle)}`);
    if (res.status === 404) throw new CrawlStopped(`the instance does not know the account "${this.ctx.account.handle}" (404)`, 'account lookup');
    this.own = res.data;
    const pid = profilePlatformId(this.own);
    const obs = observeProfile(this.own, this.ctx.now().toISOString(), []);
    const version = obs.versions[0]!;
    const known = (await this.ctx.state.getItems([pid])).get(pid);
    if (!known?.versionKeys.includes(version.versionKey)) {
      const images = [
        { id: 'avatar', type: 'avatar', url: this.own.avatar_static ?? this.own.avatar ?? null, remote_url: null },
        { id: 'header', type: 'header', url: this.own.header_static ?? this.own.header ?? null, remote_url: null },
      ].filter((m) => m.url && !/\/missing\.png$/.test(m.url));
      version.media = await this.downloadAll(images);
    }
    await this.ctx.commit({ items: [obs] });
    await this.ctx.profileSnapshot(pid, version.versionKey);
  }

  // ---- timeline ----

  private statusesUrl(params: Record<string, string>): string {
    const q = new URLSearchParams({ limit: String(PAGE_LIMIT), ...params });
    return `/api/v1/accounts/${encodeURIComponent(this.own.id)}/statuses?${q}`;
  }

  private async walkTimeline(): Promise<void> {
    const { state, settings } = this.ctx;
    const now = this.ctx.now().getTime();
    const top = await state.getCursor(TOP);
    const backfill = await state.getCursor(BACKFILL);
    const lastSweep = await state.getCursor(SWEEP);
    const seen = new Set<string>();

    if (top === null || backfill !== null) {
      // The first capture (or what an interrupted one left): everything, newest first.
      this.phase = 'timeline (first capture)';
      if (top !== null) await this.walkUp(top, seen);
      await this.walkDown(backfill, seen, { firstWalk: true });
      await this.ctx.commit({ cursors: { [SWEEP]: this.ctx.cycleStartedAt } });
      return;
    }

    this.phase = 'timeline (new posts)';
    const newest = await this.walkUp(top, seen);

    // Re-check: the recent window every run, everything now and then.
    const sweep = lastSweep === null || now - Date.parse(lastSweep) >= settings.fullSweepDays * DAY;
    const edge = sweep ? null : new Date(now - settings.recheckWindowDays * DAY).toISOString();
    this.phase = sweep ? 'timeline (full re-check)' : 'timeline (re-check of recent posts)';
    const start = newest.length > 0 ? newest.reduce((a, b) => (compareIds(a, b) < 0 ? a : b)) : null;
    await this.walkDown(start, seen, { firstWalk: false, edge });
    await this.detectMissingOwn(edge, seen);
    if (sweep) await this.ctx.commit({ cursors: { [SWEEP]: this.ctx.cycleStartedAt } });
  }

  /** Newer than `from`, page by page forward in time; the cursor moves with each committed page. */
  private async walkUp(from: string, seen: Set<string>): Promise<string[]> {
    const added: string[] = [];
    let url: string | undefined = this.statusesUrl({ min_id: from });
    const guard = new CursorGuard('timeline (newer posts)');
    while (url) {
      const res: { data: MastodonStatus[]; headers: Record<string, string> } = await this.api<MastodonStatus[]>(url);
      const page = res.data;
      if (page.length === 0) break;
      for (const s of page) seen.add(s.id);
      added.push(...page.map((s) => s.id));
      await this.commitTimelinePage(page, { [TOP]: maxId(page.map((s) => s.id))! });
      // min_id returns the statuses right after the cursor; a short page means none are left.
      url = page.length < PAGE_LIMIT ? undefined : guard.next(parseLinkHeader(res.headers['link']).prev);
    }
    return added;
  }

  /** Older than `from` (the newest when null), following rel="next" to the bottom or past the edge. */
  private async walkDown(from: string | null, seen: Set<string>, opts: { firstWalk: boolean; edge?: string | null }): Promise<void> {
    let url: string | undefined = this.statusesUrl(from ? { max_id: from } : {});
    const guard = new CursorGuard('timeline');
    let first = true;
    while (url) {
      const res: { data: MastodonStatus[]; headers: Record<string, string> } = await this.api<MastodonStatus[]>(url);
      const page = res.data;
      for (const s of page) seen.add(s.id);
      const next = guard.next(parseLinkHeader(res.headers['link']).next);
      const cursors: Record<string, string | null> = {};
      if (opts.firstWalk) {
        if (first && from === null && page.length > 0) cursors[TOP] = maxId(page.map((s) => s.id))!;
        cursors[BACKFILL] = next && page.length > 0 ? page[page.length - 1]!.id : null;
      }
      await this.commitTimelinePage(page, cursors);
      first = false;
      const pastEdge = opts.edge && page.some((s) => s.created_at < opts.edge!);
      url = pastEdge ? undefined : next;
    }
  }

  private async commitTimelinePage(page: MastodonStatus[], cursors: Record<string, string | null>): Promise<void> {
    const known = await this.ctx.state.getItems(page.map((s) => s.id));
    // A thread root: a post of the account, or its reply into someone else's conversation that roots a thread of its own.
    const rootsThread = (s: MastodonStatus) => !s.reblog && (!s.in_reply_to_id || known.get(s.id)?.threadRootPlatformId === s.id);
    const roots = page.filter(rootsThread).map((s) => s.id);
    const stored = await this.ctx.state.countThreadReplies(roots);
    const items: ItemObservation[] = [];
    const threadsDue: string[] = [];
    for (const s of page) {
      const k = known.get(s.id);
      const placement: Placement = s.in_reply_to_id && !s.reblog ? { kind: k?.kind ?? 'post', threadRootPlatformId: k?.threadRootPlatformId } : { kind: 'post', threadRootPlatformId: s.reblog ? undefined : s.id };
      items.push(observeStatus(s, this.own.id, placement, await this.newVersions(s, k)));
      const isRoot = rootsThread(s);
      const checkedThisCycle = k?.repliesCheckedAt !== undefined && k.repliesCheckedAt >= this.ctx.cycleStartedAt;
      if (isRoot && !checkedThisCycle && (s.replies_count > 0 || (stored.get(s.id) ?? 0) > 0)) threadsDue.push(s.id);
    }
    await this.ctx.commit({ items, cursors, threadsDue });
  }

  /** Versions of `s` not stored yet; an edited status we have not seen in this form brings its history. */
  private async newVersions(s: MastodonStatus, known: KnownItem | undefined): Promise<VersionObservation[]> {
    const have = new Set(known?.versionKeys ?? []);
    if (have.has(statusVersionKey(s))) return [];
    const current = currentVersion(s, await this.downloadAll(s.media_attachments ?? []));
    if (!s.edited_at) return [current];
    const res = await this.api<MastodonStatusEdit[]>(`/api/v1/statuses/${encodeURIComponent(s.id)}/history`);
    if (res.status !== 200 || !Array.isArray(res.data)) return [current];
    const earlier = res.data.filter((e) => e.created_at !== current.versionKey && !have.has(e.created_at));
    const versions: VersionObservation[] = [];
    for (const e of earlier) versions.push(...historyVersions([e], () => []));
    for (let i = 0; i < earlier.length; i++) versions[i]!.media = await this.downloadAll(earlier[i]!.media_attachments ?? []);
    return [...versions, current];
  }

  /** Own statuses stored as published after `edge` that the walk did not meet: gone, or only hidden? */
  private async detectMissingOwn(edge: string | null, seen: Set<string>): Promise<void> {
    const expected = await this.ctx.state.listOwnItems(edge);
    const missing = expected.filter((k) => !seen.has(k.platformId)).map((k) => k.platformId);
    if (missing.length) await this.ctx.commit(await this.confirmMissing(missing, 'was in the account timeline before; now'));
  }

  /**
   * Asks for each status itself: 404 means deleted; an answer means it still exists (and is
   * re-observed). Returns the batch, so the caller commits it with whatever the check covers.
   */
  private async confirmMissing(ids: string[], context: string): Promise<CaptureBatch> {
    const batch: Required<Pick<CaptureBatch, 'deletions' | 'items'>> = { deletions: [], items: [] };
    const known = await this.ctx.state.getItems(ids);
    for (const id of ids) {
      this.ctx.signal.throwIfAborted();
      const path = `/api/v1/statuses/${encodeURIComponent(id)}`;
      const res = await this.api<MastodonStatus>(path);
      if (res.status === 404) {
        batch.deletions.push({ platformId: id, evidence: `${context} GET ${path} answered 404` });
      } else {
        const k = known.get(id);
        const placement: Placement = { kind: k?.kind ?? 'reply', threadRootPlatformId: k?.threadRootPlatformId };
        batch.items.push(observeStatus(res.data, this.own.id, placement, await this.newVersions(res.data, k)));
      }
    }
    return batch;
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
      await forEachLimited(due, this.ctx.settings.threadConcurrency, (root) => this.checkThread(root), this.ctx.signal);
    }
  }

  private async checkThread(rootId: string): Promise<void> {
    const self = (await this.ctx.state.getItems([rootId])).get(rootId);
    if (self?.threadRootPlatformId && self.threadRootPlatformId !== rootId) {
      // It turned out to be a reply inside another thread; that thread's check covers it.
      await this.ctx.commit({ threadsChecked: [{ rootPlatformId: rootId }] });
      return;
    }
    const path = `/api/v1/statuses/${encodeURIComponent(rootId)}/context`;
    const res = await this.api<MastodonContext>(path);
    if (res.status === 404) {
      await this.ctx.commit({
        deletions: [{ platformId: rootId, evidence: `GET ${path} answered 404` }],
        threadsChecked: [{ rootPlatformId: rootId }],
      });
      return;
    }
    const descendants = (res.data.descendants ?? []).filter((d) => d && typeof d.id === 'string');
    const depths = replyDepths(rootId, descendants);
    const known = await this.ctx.state.getItems(descendants.map((d) => d.id));
    const items: ItemObservation[] = [];
    for (const d of descendants) {
      items.push(observeStatus(d, this.own.id, { kind: 'reply', threadRootPlatformId: rootId }, await this.newVersions(d, known.get(d.id))));
    }
    const cut = this.cutReason(descendants.length, Math.max(0, ...depths.values()));
    const returned = new Set(descendants.map((d) => d.id));
    const before = await this.ctx.state.listThreadReplies(rootId);
    const missing = before.filter((k) => !returned.has(k.platformId)).map((k) => k.platformId);
    // The thread counts as checked only together with the verdict on its missing replies.
    const gone = missing.length ? await this.confirmMissing(missing, `was a reply in thread ${rootId}; now missing from its context;`) : {};
    await this.ctx.commit({ items: [...items, ...(gone.items ?? [])], deletions: gone.deletions, threadsChecked: [{ rootPlatformId: rootId, cut }] });
  }

  private cutReason(count: number, depth: number): string | undefined {
    if (this.ctx.token) return count >= AUTHENTICATED_CONTEXT_LIMIT ? `the instance returns at most ${AUTHENTICATED_CONTEXT_LIMIT} replies per thread` : undefined;
    if (count >= ANONYMOUS_CONTEXT.descendants || depth >= ANONYMOUS_CONTEXT.depth) {
      return `cut at the anonymous limits (${ANONYMOUS_CONTEXT.descendants} replies, depth ${ANONYMOUS_CONTEXT.depth}): ${count} replies returned, depth ${depth}; add a token to the registry for the whole thread`;
    }
    return undefined;
  }

  /**
   * The account's own replies met in the timeline but in no thread yet: inside one of our threads
   * (its parent is stored) they join it; otherwise they answer someone else's conversation and root
   * a thread of their own. Returns whether anything became due.
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
        // Our new answer in an older thread: look for new replies there too.
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
