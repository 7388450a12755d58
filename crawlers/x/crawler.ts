import { createHash } from 'node:crypto';
import { CrawlStopped, type CrawlContext, type CrawlSettings, type Crawler } from '../../src/capture/crawler.js';
import { sleep } from '../../src/capture/http/rate-gate.js';
import { forEachLimited } from '../../src/capture/pool.js';
import type { CaptureBatch, ItemObservation, KnownItem, MediaObservation, VersionObservation } from '../../src/domain/types.js';
import {
  API_BASE,
  describeProblem,
  FULL_ARCHIVE_INTERVAL_MS,
  LOOKUP_IDS,
  PROFILE_FIELDS,
  problemIs,
  RECENT_SEARCH_DAYS,
  SEARCH_PAGE,
  TIMELINE_CAP,
  TIMELINE_PAGE,
  tweetParams,
  type XIncludes,
  type XMedia,
  type XResponse,
  type XTweet,
  type XUser,
} from './api.js';
import { compareIds, maxId } from './ids.js';
import {
  isRetweet,
  itemIdOf,
  mediaObservation,
  mediaOf,
  observeProfile,
  observeTweet,
  originalUrl,
  profileImageOriginal,
  profilePlatformId,
  repliedTo,
  tweetVersion,
  type Placement,
} from './observe.js';
import { xRateLimit, type XEndpoint } from './rate-limit.js';
import { CursorGuard } from '../../src/capture/cursor-guard.js';

// Cursor keys in the store.
const TOP = 'timeline.top'; // newest tweet id with everything below it walked
const BACKFILL = 'timeline.backfill'; // the first walk down is unfinished below this id
const UP_NEWEST = 'timeline.up.newest'; // an unfinished walk up will move TOP here...
const UP_BELOW = 'timeline.up.below'; // ...and has committed everything above this id
const SWEEP = 'sweep.last'; // when the whole timeline was last re-walked
const TIMELINE_CUT = 'timeline.cut'; // why older posts could not be captured (the 3,200 cap), if they could not
// Per thread: when the API last searched its replies, and why some could not be fetched (if so).
// Kept apart from the store's "replies checked" time, which an import of the owner's archive sets too.
const threadKey = (root: string) => `thread.replies.${root}`;

const DAY = 86_400_000;

/** Which search finds the replies: `recent` (last 7 days, every plan) or `all` (full archive, 1 request/s). */
export type ReplySearch = 'recent' | 'all';

/**
 * X's own settings live under `capture.x` in config/socialarchive.yaml (`replySearch: recent | all`,
 * default recent). Read defensively: the settings schema may not know the key yet.
 */
export function replySearchOf(settings: CrawlSettings): ReplySearch {
  const x = (settings as CrawlSettings & { x?: { replySearch?: unknown } }).x;
  return x?.replySearch === 'all' ? 'all' : 'recent';
}

/**
 * X (API v2, with the owner's bearer token): the account's posts through `/2/users/:id/tweets`
 * (`pagination_token` down, `since_id` for what is new, at most the 3,200 most recent), replies
 * through conversation search, edits through `edit_history_tweet_ids` (a version per edit),
 * deletions by asking `/2/tweets?ids=` for what went missing. See crawlers/x/README.md.
 */
export class XCrawler implements Crawler {
  readonly platform = 'x' as const;

  async crawl(ctx: CrawlContext): Promise<void> {
    await new XAccountCrawl(ctx).run();
  }
}

function parseThreadCursor(value: string | null): { searchedAt?: string; gap?: string } {
  if (!value) return {};
  try {
    const v = JSON.parse(value) as { searchedAt?: unknown; gap?: unknown };
    return { searchedAt: typeof v.searchedAt === 'string' ? v.searchedAt : undefined, gap: typeof v.gap === 'string' ? v.gap : undefined };
  } catch {
    return {};
  }
}

/** Full-archive search allows one request per second per token: requests wait their turn here. */
const fullArchiveTurns = new Map<string, Promise<void>>();
async function fullArchiveTurn(key: string, signal: AbortSignal): Promise<void> {
  const previous = fullArchiveTurns.get(key) ?? Promise.resolve();
  // A little over the second, so jitter on the way never makes two requests arrive within one.
  const mine = previous.then(() => sleep(FULL_ARCHIVE_INTERVAL_MS + 50)).catch(() => undefined);
  fullArchiveTurns.set(key, mine);
  await previous;
  signal.throwIfAborted();
}

type Download = { file?: { sha256: string; size: number }; error?: string };

class XAccountCrawl {
  private readonly base: string;
  private readonly host: string;
  private readonly headers: Record<string, string>;
  private readonly who: string;
  private readonly mode: ReplySearch;
  private readonly handle: string;
  private own!: XUser;
  /** Version id → item id, for every edit chain met or stored. */
  private readonly itemOf = new Map<string, string>();
  /** Item id → conversation id, for every tweet met in this run. */
  private readonly conversationOf = new Map<string, string>();
  private readonly downloaded = new Map<string, Promise<Download>>();
  /** The account's own items as the store held them when the run began. */
  private ownAtStart: KnownItem[] = [];
  private phase = 'profile';

  constructor(private readonly ctx: CrawlContext) {
    if (!ctx.token) {
      throw new CrawlStopped(
        "X serves its API only with a token: put the owner's bearer token in an environment variable and name it in the registry (credentials: env:NAME)",
        'credentials',
      );
    }
    this.base = (ctx.account.instance ?? API_BASE).replace(/\/+$/, '');
    this.host = new URL(this.base).host;
    this.headers = { Authorization: `Bearer ${ctx.token}` };
    this.who = `token:${createHash('sha256').update(ctx.token).digest('hex').slice(0, 12)}`;
    this.mode = replySearchOf(ctx.settings);
    this.handle = ctx.account.handle.replace(/^@/, '');
  }

  private readonly item = (versionId: string): string => this.itemOf.get(versionId) ?? versionId;

  async run(): Promise<void> {
    await this.captureProfile();
    this.ownAtStart = await this.ctx.state.listOwnItems(null);
    for (const k of this.ownAtStart) for (const v of k.versionKeys) this.itemOf.set(v, k.platformId);
    await this.walkTimeline();
    if (this.ctx.account.capture.replies) await this.checkThreads();
  }

  // ---- HTTP ----

  private async api<T>(path: string, endpoint: XEndpoint): Promise<XResponse<T>> {
    const url = `${this.base}${path}`;
    this.ctx.progress(this.phase, url);
    if (endpoint === 'tweets/search/all') await fullArchiveTurn(`${this.host} ${this.who}`, this.ctx.signal);
    const res = await this.ctx.http.getJson<XResponse<T>>(url, { rateLimit: xRateLimit(this.host, endpoint, this.who), headers: this.headers });
    const body = res.data && typeof res.data === 'object' ? res.data : {};
    if (res.status === 200) return body;
    const why = describeProblem(body);
    if (res.status === 401) throw new CrawlStopped(`X refused the token (401 ${why}): renew the bearer token and update the environment variable`, url);
    if (res.status === 403 && endpoint === 'tweets/search/all') {
      throw new CrawlStopped(`full-archive search is not part of this token's X API access (403 ${why}); set capture.x.replySearch to "recent"`, url);
    }
    if (res.status === 403) throw new CrawlStopped(`X refused access (403 ${why})`, url);
    throw new CrawlStopped(`unexpected answer ${res.status} from X (${why})`, url);
  }

  private async commit(batch: CaptureBatch): Promise<void> {
    await this.ctx.commit(batch);
  }

  private download(m: XMedia): Promise<MediaObservation> {
    const url = originalUrl(m);
    if (!url) return Promise.resolve(mediaObservation(m, { error: 'X gives no URL for this media item' }));
    if (!this.ctx.account.capture.media) return Promise.resolve(mediaObservation(m, { error: 'media capture is off for this account' }));
    let got = this.downloaded.get(url);
    if (!got) this.downloaded.set(url, (got = this.ctx.http.download(url)));
    return got.then((d) => mediaObservation(m, d));
  }

  /** Edit chains and conversations of every tweet met (and of the earlier versions included with them). */
  private learn(tweets: XTweet[], includes: XIncludes | undefined): void {
    for (const t of [...tweets, ...(includes?.tweets ?? [])]) {
      const id = itemIdOf(t);
      for (const v of t.edit_history_tweet_ids ?? [t.id]) this.itemOf.set(v, id);
      if (t.conversation_id) this.conversationOf.set(id, this.item(t.conversation_id));
    }
  }

  private authorOf(t: XTweet, includes: XIncludes | undefined): XUser | undefined {
    return includes?.users?.find((u) => u.id === t.author_id);
  }

  // ---- profile ----

  private async captureProfile(): Promise<void> {
    const res = await this.api<XUser>(`/2/users/by/username/${encodeURIComponent(this.handle)}?user.fields=${PROFILE_FIELDS}`, 'users/by/username');
    if (!res.data) {
      const p = res.errors?.[0];
      const why = problemIs(p, 'resource-not-found') ? 'X does not know the account' : `X did not give the account (${describeProblem(res)})`;
      throw new CrawlStopped(`${why} @${this.handle}`, 'account lookup');
    }
    this.own = res.data;
    const pid = profilePlatformId(this.own);
    const obs = observeProfile(this.own, this.ctx.now().toISOString(), []);
    const version = obs.versions[0]!;
    const known = (await this.ctx.state.getItems([pid])).get(pid);
    if (!known?.versionKeys.includes(version.versionKey)) {
      const url = profileImageOriginal(this.own.profile_image_url);
      if (url) {
        const got = this.ctx.account.capture.media ? await this.ctx.http.download(url) : { error: 'media capture is off for this account' };
        version.media = [{ platformId: 'profile_image', type: 'avatar', url, remoteUrl: this.own.profile_image_url, file: got.file, error: got.error }];
      }
    }
    await this.commit({ items: [obs] });
    await this.ctx.profileSnapshot(pid, version.versionKey);
  }

  // ---- timeline ----

  private timelineUrl(params: Record<string, string>): string {
    const q = new URLSearchParams({ max_results: String(TIMELINE_PAGE), ...tweetParams(), ...params });
    return `/2/users/${encodeURIComponent(this.own.id)}/tweets?${q}`;
  }

  private async walkTimeline(): Promise<void> {
    const { state, settings } = this.ctx;
    const now = this.ctx.now().getTime();
    const top = await state.getCursor(TOP);
    const backfill = await state.getCursor(BACKFILL);
    const lastSweep = await state.getCursor(SWEEP);
    const seen = new Set<string>();

    if (top === null || backfill !== null) {
      // The first capture (or what an interrupted one left): everything X serves, newest first.
      this.phase = 'timeline (first capture)';
      if (top !== null) await this.walkUp(top, seen);
      const oldest = await this.walkDown(backfill, seen, { firstWalk: true });
      await this.commit({ cursors: { [SWEEP]: this.ctx.cycleStartedAt, [TIMELINE_CUT]: this.capNote(oldest) } });
      return;
    }

    this.phase = 'timeline (new posts)';
    const newer = await this.walkUp(top, seen);
    // Re-check: the recent window every run, everything now and then (edits show up as new ids above).
    const sweep = lastSweep === null || now - Date.parse(lastSweep) >= settings.fullSweepDays * DAY;
    const edge = sweep ? null : new Date(now - settings.recheckWindowDays * DAY).toISOString();
    this.phase = sweep ? 'timeline (full re-check)' : 'timeline (re-check of recent posts)';
    const start = newer.length > 0 ? newer.reduce((a, b) => (compareIds(a, b) < 0 ? a : b)) : null;
    const oldest = await this.walkDown(start, seen, { firstWalk: false, edge });
    await this.detectMissingOwn(edge, seen);
    if (sweep) await this.commit({ cursors: { [SWEEP]: this.ctx.cycleStartedAt, [TIMELINE_CUT]: this.capNote(oldest) } });
  }

  /**
   * Newer than `top` (`since_id`), newest first. The walk commits page by page; the cursor that
   * covers a page says how far an interrupted walk got (`until_id` resumes below it), and `top`
   * moves only when the walk is complete.
   */
  private async walkUp(top: string, seen: Set<string>): Promise<string[]> {
    let newest = await this.ctx.state.getCursor(UP_NEWEST);
    const below = await this.ctx.state.getCursor(UP_BELOW);
    const fetched: string[] = [];
    const query: Record<string, string> = { since_id: top, ...(newest && below ? { until_id: below } : {}) };
    let token: string | undefined;
    const guard = new CursorGuard('timeline (newer posts)');
    for (;;) {
      const res = await this.api<XTweet[]>(this.timelineUrl(token ? { ...query, pagination_token: token } : query), 'users/:id/tweets');
      const page = res.data ?? [];
      if (page.length === 0) break;
      newest ??= res.meta?.newest_id ?? maxId(page.map((t) => t.id))!;
      const oldestId = res.meta?.oldest_id ?? page.reduce((a, t) => (compareIds(t.id, a) < 0 ? t.id : a), page[0]!.id);
      for (const t of page) {
        fetched.push(t.id);
        seen.add(itemIdOf(t));
      }
      await this.commitTimelinePage(page, res.includes, { [UP_NEWEST]: newest, [UP_BELOW]: oldestId });
      token = guard.next(res.meta?.next_token);
      if (!token) break;
    }
    await this.commit({ cursors: { [TOP]: newest ?? top, [UP_NEWEST]: null, [UP_BELOW]: null } });
    return fetched;
  }

  /** Older than `from` (the newest when null), to the bottom or past the edge; returns when the oldest post reached was published. */
  private async walkDown(from: string | null, seen: Set<string>, opts: { firstWalk: boolean; edge?: string | null }): Promise<string | undefined> {
    const query: Record<string, string> = from ? { until_id: from } : {};
    let token: string | undefined;
    let first = true;
    let oldestAt: string | undefined;
    const guard = new CursorGuard('timeline');
    for (;;) {
      const res = await this.api<XTweet[]>(this.timelineUrl(token ? { ...query, pagination_token: token } : query), 'users/:id/tweets');
      const page = res.data ?? [];
      for (const t of page) seen.add(itemIdOf(t));
      const next = guard.next(res.meta?.next_token);
      const cursors: Record<string, string | null> = {};
      if (opts.firstWalk) {
        if (first && from === null && page.length > 0) cursors[TOP] = res.meta?.newest_id ?? maxId(page.map((t) => t.id))!;
        cursors[BACKFILL] = next && page.length > 0 ? (res.meta?.oldest_id ?? page[page.length - 1]!.id) : null;
      }
      await this.commitTimelinePage(page, res.includes, cursors);
      first = false;
      if (page.length > 0) oldestAt = page[page.length - 1]!.created_at;
      const pastEdge = !!opts.edge && page.some((t) => (t.created_at ?? '') < opts.edge!);
      if (pastEdge || !next) return oldestAt;
      token = next;
    }
  }

  /** Why posts older than the timeline reaches are missing, when the account has more than X serves. */
  private capNote(oldestAt: string | undefined): string | null {
    const count = this.own.public_metrics?.tweet_count;
    if (count === undefined || count <= TIMELINE_CAP) return null;
    const note =
      `X serves only the ${TIMELINE_CAP} most recent posts of an account through its API; @${this.own.username} has ${count}, ` +
      `so about ${count - TIMELINE_CAP} posts from before ${oldestAt?.slice(0, 10) ?? 'the oldest one reached'} could not be captured this way: ` +
      `import the owner's X archive (socialarchive import) to archive them`;
    this.ctx.log.warn({ tweetCount: count, cap: TIMELINE_CAP, oldestReached: oldestAt }, 'timeline cut by the 3,200 cap');
    return note;
  }

  private async commitTimelinePage(page: XTweet[], includes: XIncludes | undefined, cursors: Record<string, string | null>): Promise<void> {
    this.learn(page, includes);
    const ids = page.map(itemIdOf);
    const known = await this.ctx.state.getItems(ids);
    const stored = await this.ctx.state.countThreadReplies(ids);
    const versions = await this.newVersions(page, includes, known);
    const items: ItemObservation[] = [];
    const threadsDue: string[] = [];
    for (const t of page) {
      const id = itemIdOf(t);
      const k = known.get(id);
      const reply = repliedTo(t) !== undefined;
      // Own replies wait for their thread (placeOwnReplies) unless they already have one.
      const placement: Placement = reply ? { kind: k?.kind ?? 'post', threadRootPlatformId: k?.threadRootPlatformId } : { kind: 'post', threadRootPlatformId: isRetweet(t) ? undefined : id };
      items.push(observeTweet(t, this.authorOf(t, includes), this.own.id, placement, versions.get(id) ?? [], this.item));
      const isRoot = !isRetweet(t) && (!reply || k?.threadRootPlatformId === id);
      const checkedThisCycle = k?.repliesCheckedAt !== undefined && k.repliesCheckedAt >= this.ctx.cycleStartedAt;
      if (isRoot && !checkedThisCycle && ((t.public_metrics?.reply_count ?? 0) > 0 || (stored.get(id) ?? 0) > 0)) threadsDue.push(id);
    }
    await this.commit({ items, cursors, threadsDue });
  }

  /**
   * Versions of each tweet's edit chain not stored yet. Earlier versions come with the answer
   * (`expansions=edit_history_tweet_ids`); those it lacks, or whose media it lacks, are asked for by id.
   */
  private async newVersions(tweets: XTweet[], includes: XIncludes | undefined, known: Map<string, KnownItem>): Promise<Map<string, VersionObservation[]>> {
    const available = new Map<string, XTweet>();
    for (const t of [...(includes?.tweets ?? []), ...tweets]) available.set(t.id, t);
    const wanted = new Map<string, { versionId: string; tweet?: XTweet; includes?: XIncludes }[]>();
    const ask: string[] = [];
    for (const t of tweets) {
      const id = itemIdOf(t);
      if (wanted.has(id)) continue;
      const have = new Set(known.get(id)?.versionKeys ?? []);
      const chain = (t.edit_history_tweet_ids ?? [t.id]).filter((v) => !have.has(v));
      wanted.set(
        id,
        chain.map((v) => {
          const tw = available.get(v);
          if (tw && mediaOf(tw, includes)) return { versionId: v, tweet: tw, includes };
          ask.push(v);
          return { versionId: v };
        }),
      );
    }
    for (let i = 0; i < ask.length; i += LOOKUP_IDS) {
      const chunk = ask.slice(i, i + LOOKUP_IDS);
      const q = new URLSearchParams({ ids: chunk.join(','), ...tweetParams() });
      const res = await this.api<XTweet[]>(`/2/tweets?${q}`, 'tweets');
      for (const list of wanted.values()) {
        for (const w of list) {
          if (w.tweet || !chunk.includes(w.versionId)) continue;
          const tw = res.data?.find((x) => x.id === w.versionId);
          if (tw) Object.assign(w, { tweet: tw, includes: res.includes });
          else this.ctx.log.warn({ versionId: w.versionId }, 'an earlier version of an edited post is no longer served');
        }
      }
    }
    const out = new Map<string, VersionObservation[]>();
    for (const [id, list] of wanted) {
      const versions: VersionObservation[] = [];
      for (const w of list) {
        if (!w.tweet) continue;
        const media = await Promise.all((mediaOf(w.tweet, w.includes) ?? []).map((m) => this.download(m)));
        versions.push(tweetVersion(w.tweet, w.includes, media));
      }
      out.set(id, versions);
    }
    return out;
  }

  /** Own posts stored as published after `edge` that the walk did not meet: gone, or only out of reach? */
  private async detectMissingOwn(edge: string | null, seen: Set<string>): Promise<void> {
    const expected = await this.ctx.state.listOwnItems(edge);
    const missing = expected.filter((k) => !seen.has(k.platformId)).map((k) => k.platformId);
    if (missing.length) await this.commit(await this.confirmMissing(missing, 'was in the account timeline before; now missing from it;'));
  }

  /**
   * Asks X for each item itself (`/2/tweets?ids=`, a hundred at a time): a resource-not-found
   * problem means deleted; an answer means it still exists (and is re-observed); any other problem
   * (a suspended author, a protected account) is logged and marks nothing.
   */
  private async confirmMissing(ids: string[], context: string): Promise<Required<Pick<CaptureBatch, 'deletions' | 'items'>>> {
    const batch: Required<Pick<CaptureBatch, 'deletions' | 'items'>> = { deletions: [], items: [] };
    const known = await this.ctx.state.getItems(ids);
    for (let i = 0; i < ids.length; i += LOOKUP_IDS) {
      this.ctx.signal.throwIfAborted();
      const chunk = ids.slice(i, i + LOOKUP_IDS);
      const path = `/2/tweets?ids=${chunk.join(',')}`;
      const res = await this.api<XTweet[]>(`${path}&${new URLSearchParams(tweetParams())}`, 'tweets');
      const found = (res.data ?? []).filter((t) => chunk.includes(itemIdOf(t)));
      this.learn(found, res.includes);
      const versions = await this.newVersions(found, res.includes, known);
      for (const t of found) {
        const id = itemIdOf(t);
        const k = known.get(id);
        const placement: Placement = { kind: k?.kind ?? 'reply', threadRootPlatformId: k?.threadRootPlatformId };
        batch.items.push(observeTweet(t, this.authorOf(t, res.includes), this.own.id, placement, versions.get(id) ?? [], this.item));
      }
      for (const p of res.errors ?? []) {
        const id = p.resource_id ?? p.value;
        if (!id || !chunk.includes(id)) continue;
        if (problemIs(p, 'resource-not-found')) batch.deletions.push({ platformId: id, evidence: `${context} GET ${path} answered "${describeProblem({ errors: [p] })}"` });
        else this.ctx.log.warn({ platformId: id, problem: describeProblem({ errors: [p] }) }, 'a post X did not serve, but not because it was deleted');
      }
    }
    return batch;
  }

  // ---- threads ----

  private async checkThreads(): Promise<void> {
    this.phase = 'replies';
    await this.rejoinThreads();
    for (;;) {
      const due = await this.ctx.state.listDueThreads();
      if (due.length === 0) {
        if (!(await this.placeOwnReplies())) break;
        continue;
      }
      const roots = await this.ctx.state.getItems(due);
      await forEachLimited(due, this.ctx.settings.threadConcurrency, (root) => this.checkThread(root, roots.get(root)), this.ctx.signal);
    }
  }

  private searchUrl(conversation: string, token: string | undefined): string {
    const q = new URLSearchParams({
      query: `conversation_id:${conversation}`,
      max_results: String(SEARCH_PAGE[this.mode]),
      ...tweetParams(),
      ...(token ? { next_token: token } : {}),
    });
    return `/2/tweets/search/${this.mode}?${q}`;
  }

  private async checkThread(rootId: string, self: KnownItem | undefined): Promise<void> {
    if (!self || (self.threadRootPlatformId && self.threadRootPlatformId !== rootId)) {
      // It turned out to be a reply inside another thread; that thread's check covers it.
      await this.commit({ threadsChecked: [{ rootPlatformId: rootId }] });
      return;
    }
    const batch: Required<Pick<CaptureBatch, 'deletions' | 'items'>> = { deletions: [], items: [] };
    // Our answer in someone else's conversation roots a thread of its own: which conversation?
    if (self.parentPlatformId && !this.conversationOf.has(rootId)) {
      const root = await this.confirmMissing([rootId], 'roots a thread of the account;');
      batch.deletions.push(...root.deletions);
      batch.items.push(...root.items);
      if (root.deletions.length) {
        await this.commit({ ...batch, threadsChecked: [{ rootPlatformId: rootId }] });
        return;
      }
    }
    const conversation = self.parentPlatformId ? (this.conversationOf.get(rootId) ?? rootId) : rootId;

    const tweets: XTweet[] = [];
    const includes: Required<Pick<XIncludes, 'users' | 'media' | 'tweets'>> = { users: [], media: [], tweets: [] };
    let token: string | undefined;
    const guard = new CursorGuard(`conversation ${conversation}`);
    do {
      const res = await this.api<XTweet[]>(this.searchUrl(conversation, token), `tweets/search/${this.mode}`);
      tweets.push(...(res.data ?? []));
      includes.users.push(...(res.includes?.users ?? []));
      includes.media.push(...(res.includes?.media ?? []));
      includes.tweets.push(...(res.includes?.tweets ?? []));
      token = guard.next(res.meta?.next_token);
    } while (token);
    this.learn(tweets, includes);
    let members = tweets.filter((t) => itemIdOf(t) !== rootId);
    if (conversation !== rootId) members = this.below(rootId, members);

    const known = await this.ctx.state.getItems(members.map(itemIdOf));
    const versions = await this.newVersions(members, includes, known);
    for (const t of members) {
      const id = itemIdOf(t);
      batch.items.push(observeTweet(t, this.authorOf(t, includes), this.own.id, { kind: 'reply', threadRootPlatformId: rootId }, versions.get(id) ?? [], this.item));
    }
    const returned = new Set(members.map(itemIdOf));
    const before = await this.ctx.state.listThreadReplies(rootId);
    const missing = before.filter((k) => !returned.has(k.platformId)).map((k) => k.platformId);
    // The thread counts as checked only together with the verdict on its missing replies.
    if (missing.length) {
      const gone = await this.confirmMissing(missing, `was a reply in thread ${rootId}; now missing from its conversation search;`);
      batch.deletions.push(...gone.deletions);
      batch.items.push(...gone.items);
    }
    const cut = await this.cutOf(self, rootId);
    await this.commit({ ...batch, threadsChecked: [{ rootPlatformId: rootId, cut: cut.reason }], cursors: cut.cursors });
  }

  /** The tweets of a conversation that are below `rootId` (our answer in someone else's conversation). */
  private below(rootId: string, tweets: XTweet[]): XTweet[] {
    const parent = new Map(tweets.map((t) => [itemIdOf(t), repliedTo(t) ? this.item(repliedTo(t)!) : undefined]));
    const under = (id: string): boolean => {
      let p = parent.get(id);
      for (let guard = 0; p !== undefined && guard < 10_000; guard++) {
        if (p === rootId) return true;
        p = parent.get(p);
      }
      return false;
    };
    return tweets.filter((t) => under(itemIdOf(t)));
  }

  /**
   * Recent search reaches back seven days: a thread first searched later than that after the post,
   * or not searched for longer than that, has replies X would not give. The reason is kept with the
   * thread's search time and repeated on every later check, until a full-archive check closes the gap.
   */
  private async cutOf(self: KnownItem, rootId: string): Promise<{ reason?: string; cursors: Record<string, string | null> }> {
    const key = threadKey(rootId);
    const now = this.ctx.now();
    const previous = parseThreadCursor(await this.ctx.state.getCursor(key));
    if (this.mode === 'all') return { cursors: { [key]: JSON.stringify({ searchedAt: now.toISOString() }) } };
    let gap = previous.gap;
    const from = previous.searchedAt ?? self.publishedAt;
    if (!gap && Date.parse(from) < now.getTime() - RECENT_SEARCH_DAYS * DAY) {
      const advice = 'set capture.x.replySearch to "all" to use full-archive search';
      gap = previous.searchedAt
        ? `X's recent search reaches back ${RECENT_SEARCH_DAYS} days and the replies of this thread were not searched between ${from.slice(0, 10)} and ${RECENT_SEARCH_DAYS} days before ${now.toISOString().slice(0, 10)}: replies from that time could not be fetched; ${advice}`
        : `X's recent search reaches back ${RECENT_SEARCH_DAYS} days: replies to this post of ${from.slice(0, 10)} that are older than the ${RECENT_SEARCH_DAYS} days before its first search could not be fetched; ${advice}`;
      this.ctx.log.warn({ root: rootId, from }, 'thread replies older than the recent-search window could not be fetched');
    }
    return { reason: gap, cursors: { [key]: JSON.stringify({ searchedAt: now.toISOString(), ...(gap ? { gap } : {}) }) } };
  }

  /**
   * Own answers that root a thread of their own but, as their `conversation_id` now shows, are in a
   * conversation one of our posts began: they join that thread. (An import of the owner's archive,
   * which has no conversations, places an answer to someone else's reply this way.)
   */
  private async rejoinThreads(): Promise<void> {
    const moves = this.ownAtStart
      .filter((k) => k.kind === 'post' && k.parentPlatformId && k.threadRootPlatformId === k.platformId)
      .map((k) => ({ id: k.platformId, conversation: this.conversationOf.get(k.platformId) }))
      .filter((m): m is { id: string; conversation: string } => !!m.conversation && m.conversation !== m.id);
    if (moves.length === 0) return;
    const roots = await this.ctx.state.getItems(moves.map((m) => m.conversation));
    const batch: Required<Pick<CaptureBatch, 'threadAssignments' | 'threadsDue'>> = { threadAssignments: [], threadsDue: [] };
    for (const m of moves) {
      const r = roots.get(m.conversation);
      if (!r || r.thirdParty || r.threadRootPlatformId !== m.conversation) continue;
      batch.threadAssignments.push({ platformId: m.id, kind: 'reply', threadRootPlatformId: m.conversation });
      if (!r.repliesCheckedAt || r.repliesCheckedAt < this.ctx.cycleStartedAt) batch.threadsDue.push(m.conversation);
    }
    if (batch.threadAssignments.length) await this.commit({ ...batch, threadsDue: [...new Set(batch.threadsDue)] });
  }

  /**
   * The account's own replies met in the timeline but in no thread yet. In a conversation that one
   * of our posts started they join that thread; below a reply we hold they join its thread;
   * otherwise they answer someone else's conversation and root a thread of their own. Returns
   * whether anything became due.
   */
  private async placeOwnReplies(): Promise<boolean> {
    const unplaced = await this.ctx.state.listUnplacedOwnReplies();
    if (unplaced.length === 0) return false;
    const batch: Required<Pick<CaptureBatch, 'threadAssignments' | 'threadsDue' | 'deletions' | 'items'>> = { threadAssignments: [], threadsDue: [], deletions: [], items: [] };
    // Met in an interrupted run, not in this one: ask X which conversation they are in.
    const unknown = unplaced.filter((u) => !this.conversationOf.has(u.platformId)).map((u) => u.platformId);
    if (unknown.length) {
      const b = await this.confirmMissing(unknown, 'was in the account timeline;');
      batch.deletions.push(...b.deletions);
      batch.items.push(...b.items);
    }
    const conversations = unplaced.map((u) => this.conversationOf.get(u.platformId)).filter((c): c is string => !!c);
    const related = await this.ctx.state.getItems([...unplaced.map((u) => u.parentPlatformId!), ...conversations]);
    const rootOf = new Map<string, string>();
    for (const [id, p] of related) if (p.threadRootPlatformId) rootOf.set(id, p.threadRootPlatformId);
    // Oldest first, so a chain of own replies follows the first one into its thread.
    for (const u of unplaced) {
      const c = this.conversationOf.get(u.platformId);
      const started = c ? related.get(c) : undefined;
      const root = started && !started.thirdParty && started.threadRootPlatformId === c ? c : rootOf.get(u.parentPlatformId!);
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
    await this.commit(batch);
    return batch.threadsDue.length > 0;
  }
}
