import { CrawlStopped, type CrawlContext } from '../../src/capture/crawler.js';
import { forEachLimited } from '../../src/capture/pool.js';
import type { CaptureBatch, ItemObservation, KnownItem, MediaObservation, StoredFile, VersionObservation } from '../../src/domain/types.js';
import type { GraphResult, GraphSession } from './client.js';
import { describeError, graphTime, unixSeconds, type GraphErrorBody, type GraphList } from './graph.js';
import { CursorGuard } from '../../src/capture/cursor-guard.js';

// The capture cycle both Graph platforms share; what differs (paths, fields, payload shapes) comes
// from a GraphPlatform. Like Mastodon's (docs/architecture.md), with time-based paging:
// 1. the profile (a snapshot per run, a version when it changed);
// 2. the posts, newest first: the first capture walks to the bottom with `until` (resumable from
//    `posts.backfill`); later runs walk down to `since` = the older of the newest post of the last
//    complete walk and the re-check window (everything on a full sweep). Own posts in that range the
//    walk did not meet are asked for one by one: only "object does not exist" (100/33), with the
//    account itself still readable, marks them deleted;
// 3. the comments of every post flagged in this cycle (it has comments, or stored ones), all pages,
//    committed per thread; stored comments no longer listed are confirmed the same way.

export const CURSOR = {
  top: 'posts.top',
  backfill: 'posts.backfill',
  sweep: 'sweep.last',
  /** The account's Graph id, for importers of the owner's export. */
  ownId: 'graph.own-id',
} as const;

const DAY = 86_400_000;

/** Items an import made from an export that had no ids; the API knows nothing under these. */
export const EXPORT_ID_PREFIX = 'export-';
export const isExportId = (platformId: string): boolean => platformId.startsWith(EXPORT_ID_PREFIX);

export interface OwnAccount {
  id: string;
  /** How items name the account as author. */
  handle: string;
  displayName?: string | undefined;
}

export interface MediaRef {
  url: string;
  type: string;
  platformId?: string | undefined;
  description?: string | undefined;
}

/** One post or comment as a platform maps it: the item, its content key and the version it would add. */
export interface ItemView {
  item: Omit<ItemObservation, 'versions'>;
  key: string;
  /** When the platform says the content last changed (Facebook posts' `updated_time`), if it does. */
  changedAt?: string | undefined;
  source: string;
  payload: string;
  media: MediaRef[];
}

export interface RawComment {
  id: string;
  payload: unknown;
  /** The comment a reply answers, when the payload does not say (Instagram's nested replies). */
  parentId?: string | undefined;
}

export interface GraphPlatform<Post> {
  /** For messages: "Facebook", "Instagram". */
  readonly name: string;
  captureProfile(crawl: GraphAccountCrawl<Post>): Promise<OwnAccount>;
  /** A page of posts, newest first; with `comments`, each post brings its first comments along. */
  postsUrl(graph: GraphSession, own: OwnAccount, bounds: { since?: number | undefined; until?: number | undefined }, comments: boolean): string;
  /** GET of one post or comment with the same fields as the lists, to re-check it. */
  objectUrl(graph: GraphSession, kind: 'post' | 'comment', id: string): string;
  postId(p: Post): string;
  postTime(p: Post): string;
  commentCount(p: Post): number;
  viewPost(p: Post, own: OwnAccount): ItemView;
  /**
   * The comments a listed post brought along, with the rest of its thread fetched by following their
   * `next`; `complete` is false when the thread could not be read whole this way.
   */
  inlineComments(crawl: GraphAccountCrawl<Post>, p: Post): Promise<{ comments: RawComment[]; complete: boolean }>;
  /** Every comment and reply of a post, flattened; `missing` when the post is gone. */
  readThread(crawl: GraphAccountCrawl<Post>, rootId: string): Promise<{ comments: RawComment[] } | { missing: GraphErrorBody }>;
  viewComment(c: unknown, rootId: string, own: OwnAccount, parentId?: string): ItemView;
}

export class GraphAccountCrawl<Post> {
  own!: OwnAccount;
  private readonly downloaded = new Map<string, Promise<{ file?: StoredFile; error?: string }>>();

  constructor(
    readonly ctx: CrawlContext,
    readonly graph: GraphSession,
    private readonly platform: GraphPlatform<Post>,
  ) {}

  async run(): Promise<void> {
    this.own = await this.platform.captureProfile(this);
    await this.walkPosts();
    if (this.ctx.account.capture.replies) await this.checkThreads();
  }

  // ---- media ----

  /** Downloads each file once per run; media expire on Meta's CDN, so this happens now or never. */
  async download(refs: MediaRef[]): Promise<MediaObservation[]> {
    return Promise.all(
      refs.map(async (m) => {
        const base = { platformId: m.platformId, type: m.type, url: m.url, description: m.description };
        if (!this.ctx.account.capture.media) return { ...base, error: 'media capture is off for this account' };
        let pending = this.downloaded.get(m.url);
        if (!pending) this.downloaded.set(m.url, (pending = this.ctx.http.download(m.url)));
        const got = await pending;
        return { ...base, file: got.file, error: got.error };
      }),
    );
  }

  /** The observation with the version it brings when that content is not stored yet. */
  async observe(view: ItemView, known: KnownItem | undefined): Promise<ItemObservation> {
    const versions: VersionObservation[] = [];
    if (!known?.versionKeys.includes(view.key)) {
      const versionAt = known ? (view.changedAt ?? this.ctx.now().toISOString()) : view.item.publishedAt;
      versions.push({ versionKey: view.key, versionAt, source: view.source, payload: view.payload, media: await this.download(view.media) });
    }
    return { ...view.item, versions };
  }

  // ---- posts ----

  private async walkPosts(): Promise<void> {
    const { state, settings } = this.ctx;
    const now = this.ctx.now().getTime();
    const top = await state.getCursor(CURSOR.top);
    const backfill = await state.getCursor(CURSOR.backfill);
    const lastSweep = await state.getCursor(CURSOR.sweep);
    const seen = new Set<string>();

    if (top === null || backfill !== null) {
      if (top !== null) await this.walk({ since: unixSeconds(top) }, seen, 'posts (new since the first capture began)', top);
      await this.walk({ until: backfill !== null ? Number(backfill) : undefined }, seen, 'posts (first capture)', top, true);
      await this.ctx.commit({ cursors: { [CURSOR.sweep]: this.ctx.cycleStartedAt } });
      return;
    }
    const sweep = lastSweep === null || now - Date.parse(lastSweep) >= settings.fullSweepDays * DAY;
    const window = new Date(now - settings.recheckWindowDays * DAY).toISOString();
    const edge = sweep ? null : top < window ? top : window;
    await this.walk({ since: edge ? unixSeconds(edge) : undefined }, seen, sweep ? 'posts (full re-check)' : 'posts (new and recent)', top);
    await this.detectMissingPosts(edge, seen);
    if (sweep) await this.ctx.commit({ cursors: { [CURSOR.sweep]: this.ctx.cycleStartedAt } });
  }

  /**
   * Newest first within the bounds, committing each page with the cursors it covers. The first
   * capture records where to continue; any other walk moves `posts.top` only once it is complete.
   */
  private async walk(bounds: { since?: number | undefined; until?: number | undefined }, seen: Set<string>, phase: string, top: string | null, first = false): Promise<void> {
    let url: string | undefined = this.platform.postsUrl(this.graph, this.own, bounds, this.ctx.account.capture.replies);
    let newest = top;
    let firstPage = true;
    const guard = new CursorGuard(phase);
    while (url) {
      const res: GraphResult<GraphList<Post>> = await this.graph.get<GraphList<Post>>(url, phase);
      if (!res.ok) throw new CrawlStopped(`${this.platform.name} refused the list of posts: ${describeError(res.failure.error)}`, url);
      const page: Post[] = Array.isArray(res.data.data) ? res.data.data : [];
      const next: string | undefined = page.length > 0 ? guard.next(this.graph.next(res.data)) : undefined;
      const cursors: Record<string, string | null> = {};
      for (const p of page) {
        seen.add(this.platform.postId(p));
        const t = graphTime(this.platform.postTime(p));
        if (newest === null || t > newest) newest = t;
      }
      if (first) {
        if (firstPage && bounds.until === undefined && newest !== null) cursors[CURSOR.top] = newest;
        cursors[CURSOR.backfill] = next ? String(unixSeconds(graphTime(this.platform.postTime(page[page.length - 1]!)))) : null;
      }
      await this.commitPosts(page, cursors);
      firstPage = false;
      url = next;
    }
    if (!first && newest !== null && newest !== top) await this.ctx.commit({ cursors: { [CURSOR.top]: newest } });
  }

  /**
   * A page of posts with the comments they brought along, committed with the cursors it covers. A
   * thread read whole this way is checked here (stored comments it no longer has are confirmed);
   * one that was not is left to the thread phase.
   */
  private async commitPosts(page: Post[], cursors: Record<string, string | null>): Promise<void> {
    const ids = page.map((p) => this.platform.postId(p));
    const known = await this.ctx.state.getItems(ids);
    const stored = await this.ctx.state.countThreadReplies(ids);
    const threads = new Map<string, { comments: RawComment[]; complete: boolean }>();
    if (this.ctx.account.capture.replies) {
      await forEachLimited(page, this.ctx.settings.threadConcurrency, async (p) => void threads.set(this.platform.postId(p), await this.platform.inlineComments(this, p)), this.ctx.signal);
    }
    const knownComments = await this.ctx.state.getItems([...threads.values()].flatMap((t) => t.comments.map((c) => c.id)));
    const batch: Required<Pick<CaptureBatch, 'items' | 'deletions' | 'threadsDue' | 'threadsChecked'>> = { items: [], deletions: [], threadsDue: [], threadsChecked: [] };
    // Observed together, so the files of a page download side by side.
    const seen: Promise<ItemObservation>[] = [];
    for (const p of page) {
      const id = this.platform.postId(p);
      const k = known.get(id);
      seen.push(this.observe(this.platform.viewPost(p, this.own), k));
      const hasComments = this.platform.commentCount(p) > 0 || (stored.get(id) ?? 0) > 0;
      const thread = threads.get(id);
      if (thread?.complete) {
        for (const c of thread.comments) seen.push(this.observe(this.platform.viewComment(c.payload, id, this.own, c.parentId), knownComments.get(c.id)));
        // Stored comments the thread no longer lists, counted before they are looked for.
        const listed = thread.comments.filter((c) => { const kc = knownComments.get(c.id); return kc && !kc.deletedAt && kc.kind === 'reply' && kc.threadRootPlatformId === id; }).length;
        if ((stored.get(id) ?? 0) > listed) {
          const returned = new Set(thread.comments.map((c) => c.id));
          const missing = (await this.ctx.state.listThreadReplies(id)).filter((r) => !returned.has(r.platformId) && !isExportId(r.platformId)).map((r) => r.platformId);
          const gone = await this.confirmMissing(missing, 'comment', `was a comment on ${id}; now missing from its comments;`);
          batch.items.push(...gone.items);
          batch.deletions.push(...gone.deletions);
        }
        if (hasComments) batch.threadsChecked.push({ rootPlatformId: id });
      } else if (hasComments && !(k?.repliesCheckedAt !== undefined && k.repliesCheckedAt >= this.ctx.cycleStartedAt)) {
        batch.threadsDue.push(id);
      }
    }
    batch.items.unshift(...(await Promise.all(seen)));
    await this.ctx.commit({ ...batch, cursors });
  }

  /** Own posts published since `edge` (all when null) that the walk did not meet: gone, or only not listed? */
  private async detectMissingPosts(edge: string | null, seen: Set<string>): Promise<void> {
    const own = await this.ctx.state.listOwnItems(edge);
    const missing = own.filter((k) => k.kind === 'post' && k.threadRootPlatformId === k.platformId && !isExportId(k.platformId) && !seen.has(k.platformId));
    if (missing.length) await this.ctx.commit(await this.confirmMissing(missing.map((k) => k.platformId), 'post', 'was in the list of posts before; now missing from it;'));
  }

  /**
   * Asks for each item itself. "Does not exist" (100/33) is also Meta's answer when a token lost
   * access, so before marking anything the account itself must still answer; any other answer
   * re-observes the item.
   */
  private async confirmMissing(ids: string[], kind: 'post' | 'comment', context: string): Promise<Required<Pick<CaptureBatch, 'deletions' | 'items'>>> {
    const batch: Required<Pick<CaptureBatch, 'deletions' | 'items'>> = { deletions: [], items: [] };
    const known = await this.ctx.state.getItems(ids);
    const gone: { id: string; error: GraphErrorBody }[] = [];
    for (const id of ids) {
      const url = this.platform.objectUrl(this.graph, kind, id);
      const res = await this.graph.get<Post>(url, `re-checking ${kind}s`);
      if (res.ok) {
        const k = known.get(id);
        const view = kind === 'post' ? this.platform.viewPost(res.data, this.own) : this.platform.viewComment(res.data, k?.threadRootPlatformId ?? id, this.own);
        batch.items.push(await this.observe(view, k));
      } else if (res.failure.kind === 'missing') {
        gone.push({ id, error: res.failure.error });
      } else {
        throw new CrawlStopped(`could not re-check ${kind} ${id}: ${describeError(res.failure.error)}`, url);
      }
    }
    if (gone.length) {
      await this.confirmAccountReadable();
      for (const g of gone) {
        const evidence = `${context} GET /${g.id} answered ${describeError(g.error)}; the account itself still answers`;
        batch.deletions.push({ platformId: g.id, evidence });
        // Comments cannot outlive their post on Facebook or Instagram: they went with it.
        if (kind === 'post') {
          for (const c of await this.ctx.state.listThreadReplies(g.id)) batch.deletions.push({ platformId: c.platformId, evidence: `its post ${g.id} no longer exists (${evidence})` });
        }
      }
    }
    return batch;
  }

  private async confirmAccountReadable(): Promise<void> {
    const url = this.graph.url(`/${encodeURIComponent(this.own.id)}`, { fields: 'id' });
    const res = await this.graph.get<{ id: string }>(url, 'confirming deletions');
    if (!res.ok) throw new CrawlStopped(`items look deleted, but the account itself cannot be read either (${describeError(res.failure.error)}); nothing was marked deleted`, url);
  }

  // ---- threads ----

  private async checkThreads(): Promise<void> {
    for (;;) {
      const due = await this.ctx.state.listDueThreads();
      if (due.length === 0) break;
      await forEachLimited(due, this.ctx.settings.threadConcurrency, (root) => this.checkThread(root), this.ctx.signal);
    }
  }

  private async checkThread(rootId: string): Promise<void> {
    if (isExportId(rootId)) {
      await this.ctx.commit({ threadsChecked: [{ rootPlatformId: rootId }] });
      return;
    }
    const read = await this.platform.readThread(this, rootId);
    if ('missing' in read) {
      const deleted = await this.confirmMissing([rootId], 'post', 'its comments could not be read;');
      await this.ctx.commit({ ...deleted, threadsChecked: [{ rootPlatformId: rootId }] });
      return;
    }
    const known = await this.ctx.state.getItems(read.comments.map((c) => c.id));
    const items = await Promise.all(read.comments.map((c) => this.observe(this.platform.viewComment(c.payload, rootId, this.own, c.parentId), known.get(c.id))));
    const returned = new Set(read.comments.map((c) => c.id));
    const before = await this.ctx.state.listThreadReplies(rootId);
    const missing = before.filter((k) => !returned.has(k.platformId) && !isExportId(k.platformId)).map((k) => k.platformId);
    // The thread counts as checked only together with the verdict on its missing comments.
    const gone = missing.length ? await this.confirmMissing(missing, 'comment', `was a comment on ${rootId}; now missing from its comments;`) : { items: [], deletions: [] };
    await this.ctx.commit({ items: [...items, ...gone.items], deletions: gone.deletions, threadsChecked: [{ rootPlatformId: rootId }] });
  }
}
