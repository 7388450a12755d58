// Before a package is built: is everything in the selection reviewed? Reads the selection page by
// page (threads, profile snapshots, the runs' WARCs) and sums up the privacy state, so that the plan
// knows each aggregate's restriction and the command can list what stops it. Nothing is written.
import { summarise, type PrivacySummary } from '../../formats/mdto/social.js';
import type { ItemKind } from '../domain/types.js';
import type { ItemPrivacy } from '../store/privacy-store.js';
import type { Store } from '../store/store.js';
import type { ProfileSnapshotRecord, RunInPeriod } from '../store/transfers-store.js';
import { isUnreviewed, privacyState } from './privacy-state.js';
import type { PackageSelection } from './selection.js';

const PAGE = 200;

/** Something in the selection that may not go out unreviewed. */
export type UnreviewedRef =
  | {
      what: 'item';
      accountId: string;
      /** The store's id of the item. */
      itemId: number;
      platformId: string;
      kind: ItemKind;
      publishedAt: string;
      openFindings: number;
      unscannedVersions: number;
    }
  /** A run's WARC holds every exchange of the run, so also the items with open findings it fetched. */
  | { what: 'warc'; runId: string; items: number };

/** As the refusal lists it: an item with the categories of its open findings. */
export type Unreviewed = (UnreviewedRef & { what: 'warc' }) | (UnreviewedRef & { what: 'item'; categories: string[] });

export interface ThreadReview {
  summary: PrivacySummary;
  posts: number;
  replies: number;
  publicCopies: number;
  /** First and last publication in the thread. */
  firstAt: string;
  lastAt: string;
  /** Items of the thread with open findings or unscanned versions. */
  unreviewed: (UnreviewedRef & { what: 'item' })[];
}

/** The privacy state of a page of threads, by root: their items in one read, their privacy in a few. */
export async function reviewThreads(store: Store, accountId: string, roots: string[]): Promise<Map<string, ThreadReview>> {
  const members = await store.transfers.threadMembers(accountId, roots);
  const out = new Map<string, ThreadReview>();
  for (let i = 0; i < members.length; i += PAGE) {
    const page = members.slice(i, i + PAGE);
    const privacy = await store.privacy.itemPrivacy(page.map((m) => ({ accountId, platformId: m.platformId })));
    for (const m of page) {
      let t = out.get(m.root);
      if (!t) out.set(m.root, (t = { summary: 'clear', posts: 0, replies: 0, publicCopies: 0, firstAt: m.publishedAt, lastAt: m.publishedAt, unreviewed: [] }));
      if (m.publishedAt < t.firstAt) t.firstAt = m.publishedAt;
      if (m.publishedAt > t.lastAt) t.lastAt = m.publishedAt;
      if (m.kind === 'post') t.posts++;
      else t.replies++;
      const p = privacy.get(`${accountId}/${m.platformId}`);
      t.summary = summarise([t.summary, privacyState(p)]);
      if (!p) continue;
      if (isUnreviewed(p)) {
        t.unreviewed.push({ what: 'item', accountId, itemId: m.itemId, platformId: m.platformId, kind: m.kind, publishedAt: m.publishedAt, openFindings: p.openFindings, unscannedVersions: p.unscannedVersions });
      }
      if (p.publicCopies.some((c) => c.copy)) t.publicCopies++;
    }
  }
  return out;
}

/**
 * The state of each run's WARC: a WARC holds the account's items as they were fetched in that run,
 * so it is as restricted as the most restricted item of its accounts stored by the end of the run,
 * and unreviewed while any of them is. Reads the items once, in the order they were stored.
 */
export async function reviewRuns(store: Store, runs: RunInPeriod[]): Promise<Map<string, { summary: PrivacySummary; unreviewedItems: number }>> {
  const out = new Map<string, { summary: PrivacySummary; unreviewedItems: number }>();
  if (runs.length === 0) return out;
  const end = (r: RunInPeriod) => r.finishedAt ?? '9999-12-31T23:59:59.999Z';
  const byEnd = [...runs].sort((a, b) => (end(a) < end(b) ? -1 : end(a) > end(b) ? 1 : 0));
  const accountIds = [...new Set(runs.flatMap((r) => r.accounts))];
  const state = new Map<string, { summary: PrivacySummary; unreviewed: number }>(accountIds.map((a) => [a, { summary: 'clear', unreviewed: 0 }]));
  const emit = (r: RunInPeriod) => {
    const parts = r.accounts.map((a) => state.get(a)!);
    out.set(r.runId, { summary: summarise(parts.map((p) => p.summary)), unreviewedItems: parts.reduce((n, p) => n + p.unreviewed, 0) });
  };
  let next = 0;
  let after: { capturedAt: string; id: number } | null = null;
  const last = end(byEnd.at(-1)!);
  for (;;) {
    const page = await store.transfers.itemsByCapture({ accountIds, upTo: last, after, limit: PAGE });
    if (page.length > 0) after = { capturedAt: page.at(-1)!.firstCapturedAt, id: page.at(-1)!.id };
    const privacy = await store.privacy.itemPrivacy(page);
    for (const i of page) {
      while (next < byEnd.length && end(byEnd[next]!) < i.firstCapturedAt) emit(byEnd[next++]!);
      const p = privacy.get(`${i.accountId}/${i.platformId}`);
      const s = state.get(i.accountId)!;
      s.summary = summarise([s.summary, privacyState(p)]);
      if (isUnreviewed(p)) s.unreviewed++;
    }
    if (page.length < PAGE) break;
  }
  while (next < byEnd.length) emit(byEnd[next++]!);
  return out;
}

export interface AccountReadiness {
  summary: PrivacySummary;
  threads: number;
  posts: number;
  replies: number;
  publicCopies: number;
  /** First and last publication in the selection. */
  firstAt?: string | undefined;
  lastAt?: string | undefined;
  profiles: { snapshot: ProfileSnapshotRecord; privacy: ItemPrivacy | undefined }[];
  /** The runs whose capture goes under this account (the first selected account each run captured). */
  runs: RunInPeriod[];
}

export interface Readiness {
  accounts: Map<string, AccountReadiness>;
  /** Threads (`<account>/<root>`) whose summary is not "clear"; every other thread is clear. */
  threads: Map<string, PrivacySummary>;
  runs: Map<string, { summary: PrivacySummary; unreviewedItems: number }>;
  unreviewed: UnreviewedRef[];
}

/** Reads the whole selection once and says what it holds and what stops it. */
export async function checkReadiness(store: Store, sel: PackageSelection): Promise<Readiness> {
  const accounts = new Map<string, AccountReadiness>();
  const threads = new Map<string, PrivacySummary>();
  const unreviewed: UnreviewedRef[] = [];
  const accountIds = sel.accounts.map((a) => a.id);
  const runsInPeriod = await store.transfers.runsInPeriod({ accountIds, from: sel.from, before: sel.before });
  const runs = await reviewRuns(store, runsInPeriod);
  for (const r of runsInPeriod) {
    const state = runs.get(r.runId)!;
    if (state.unreviewedItems > 0) unreviewed.push({ what: 'warc', runId: r.runId, items: state.unreviewedItems });
  }

  for (const account of sel.accounts) {
    const a: AccountReadiness = {
      summary: 'clear',
      threads: 0,
      posts: 0,
      replies: 0,
      publicCopies: 0,
      profiles: [],
      runs: runsInPeriod.filter((r) => r.accounts.find((id) => accountIds.includes(id)) === account.id),
    };
    accounts.set(account.id, a);
    let after: string | null = null;
    for (;;) {
      const roots = await store.transfers.threadRoots({ accountId: account.id, from: sel.from, before: sel.before, after, limit: PAGE });
      const reviews = await reviewThreads(store, account.id, roots);
      for (const root of roots) {
        const t = reviews.get(root);
        if (!t) continue;
        a.threads++;
        a.posts += t.posts;
        a.replies += t.replies;
        a.publicCopies += t.publicCopies;
        a.summary = summarise([a.summary, t.summary]);
        if (t.summary !== 'clear') threads.set(`${account.id}/${root}`, t.summary);
        if (a.firstAt === undefined || t.firstAt < a.firstAt) a.firstAt = t.firstAt;
        if (a.lastAt === undefined || t.lastAt > a.lastAt) a.lastAt = t.lastAt;
        unreviewed.push(...t.unreviewed);
      }
      if (roots.length < PAGE) break;
      after = roots.at(-1)!;
    }
    const snapshots = await store.transfers.profileSnapshots({ accountId: account.id, from: sel.from, before: sel.before });
    const profilePrivacy = await store.privacy.itemPrivacy(snapshots.map((s) => ({ accountId: account.id, platformId: s.platformId })));
    for (const snapshot of snapshots) {
      const privacy = profilePrivacy.get(`${account.id}/${snapshot.platformId}`);
      a.profiles.push({ snapshot, privacy });
      a.summary = summarise([a.summary, privacyState(privacy)]);
    }
    // A profile is one item with many versions: list it once.
    for (const platformId of new Set(snapshots.map((s) => s.platformId))) {
      const p = profilePrivacy.get(`${account.id}/${platformId}`);
      const [ref] = isUnreviewed(p) ? await store.privacy.resolveItems({ accountId: account.id, platformId }) : [];
      if (p && ref) {
        unreviewed.push({ what: 'item', accountId: account.id, itemId: ref.itemId, platformId, kind: 'profile', publishedAt: ref.publishedAt, openFindings: p.openFindings, unscannedVersions: p.unscannedVersions });
      }
    }
    for (const r of a.runs) a.summary = summarise([a.summary, runs.get(r.runId)!.summary]);
  }
  return { accounts, threads, runs, unreviewed };
}

/** The refusal's listing: each unreviewed item with the categories of its open findings. */
export async function describeUnreviewed(store: Store, refs: UnreviewedRef[]): Promise<Unreviewed[]> {
  const categories = new Map<number, Set<string>>();
  const items = refs.flatMap((r) => (r.what === 'item' ? [r.itemId] : []));
  for (let i = 0; i < items.length; i += PAGE) {
    const { rows } = await store.privacy.listFindings({ itemIds: items.slice(i, i + PAGE), status: 'open' }, { limit: 100_000, offset: 0 });
    for (const f of rows) categories.set(f.itemId, (categories.get(f.itemId) ?? new Set()).add(f.category));
  }
  return refs.map((r) => (r.what === 'item' ? { ...r, categories: [...(categories.get(r.itemId) ?? [])].sort() } : r));
}
