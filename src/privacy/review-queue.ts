// The review queue of the web console (issue 7): items with open findings, filtered and paged by
// item, each with its context and audit trail; decisions per finding, per item or in bulk by
// category. A thin layer over store.privacy and src/privacy/review: the same selections, plans and
// records as `socialarchive review`, so a decision made in the console is recorded exactly as one
// made on the command line.
import type { Decision, ItemKind } from '../domain/types.js';
import type { Lang } from '../i18n.js';
import type { AuditEntry } from '../store/store.js';
import type { FindingFilter, FindingView, PrivacyVersion, QueueItemRef } from '../store/privacy-store.js';
import type { Workspace } from '../workspace.js';
import { applyPlanned, planAll, type ApplyResult } from './review/apply.js';
import { normalisedOrError, replyContext } from './review/context.js';
import type { DecisionRequest } from './review/decide.js';
import { checkCategories, checkDate, dayAfter, type Selector } from './review/select.js';
import type { ShowInput } from './review/show.js';

export const QUEUE_PAGE_MAX = 200;

export interface QueueFilter {
  accountIds?: string[] | undefined;
  categories?: string[] | undefined;
  /** Publication dates, inclusive (`YYYY-MM-DD`, UTC days). */
  from?: string | undefined;
  to?: string | undefined;
  kinds?: ItemKind[] | undefined;
}

export interface QueueEntry extends QueueItemRef {
  /** The open findings of the item that match the filter, in reading order. */
  open: FindingView[];
}

export interface QueuePage {
  /** Items with open findings matching the filter, over all pages. */
  total: number;
  entries: QueueEntry[];
}

/** The filter as store.privacy takes it, checked like the CLI's options (a bad date or category is a UserError). */
function findingFilter(f: QueueFilter): FindingFilter {
  return {
    accountIds: f.accountIds,
    categories: checkCategories(f.categories),
    from: f.from !== undefined ? checkDate(f.from, 'from') : undefined,
    before: f.to !== undefined ? dayAfter(checkDate(f.to, 'to')) : undefined,
    kinds: f.kinds,
    status: 'open',
  };
}

/** One page of the queue: oldest item first (then by item id), so paging is stable while decisions are made. */
export async function reviewQueue(ws: Workspace, filter: QueueFilter, page: { limit: number; offset: number }): Promise<QueuePage> {
  const ff = findingFilter(filter);
  const limit = Math.max(1, Math.min(QUEUE_PAGE_MAX, Math.floor(page.limit)));
  const { total, items } = await ws.store.privacy.listFindingItems(ff, { limit, offset: Math.max(0, Math.floor(page.offset)) });
  if (items.length === 0) return { total, entries: [] };
  const open = await ws.store.privacy.listFindings({ ...ff, itemIds: items.map((i) => i.itemId) }, { limit: 100_000, offset: 0 });
  return { total, entries: items.map((i) => ({ ...i, open: open.rows.filter((f) => f.itemId === i.itemId) })) };
}

export interface QueueItemDetail {
  /** Every version of the item, oldest first. */
  versions: PrivacyVersion[];
  /** The version shown: the newest one with an open finding, else the newest. */
  version: PrivacyVersion;
  item: ShowInput['item'];
  /** Every finding of the shown version (open, decided, no longer reported but decided). */
  findings: FindingView[];
  /** Every decision on those findings, oldest first. */
  decisions: Decision[];
  /** The post it replies to. */
  parent: ShowInput['parent'];
  /** The audit-trail entries about the item and its findings (all versions), oldest first. */
  audit: AuditEntry[];
}

/** One item of the queue as the reviewer sees it; null when the item is unknown. */
export async function queueItem(ws: Workspace, itemId: number, lang: Lang): Promise<QueueItemDetail | null> {
  const store = ws.store.privacy;
  const versions = await store.itemVersions(itemId);
  const newest = versions.at(-1);
  if (!newest) return null;
  const all = (await store.listFindings({ itemIds: [itemId], status: 'all' }, { limit: 100_000, offset: 0 })).rows;
  const openVersion = all.filter((f) => f.reported && !f.decision).at(-1)?.versionId;
  const version = versions.find((v) => v.versionId === openVersion) ?? newest;
  const findings = all.filter((f) => f.versionId === version.versionId);
  const decisions = await store.decisionHistory(findings.map((f) => f.id));
  const subjects = [`item:${version.accountId}/${version.platformId}`, ...all.map((f) => `finding:F${f.id}`)];
  return {
    versions,
    version,
    item: normalisedOrError(version, lang),
    findings,
    decisions,
    parent: await replyContext(store, version, lang),
    audit: await ws.store.auditTrail({ subjects }),
  };
}

export interface ConsoleDecision extends Omit<DecisionRequest, 'via'> {
  actor: string;
  now?: (() => Date) | undefined;
  /** Public copies without PDF/A and PNG (tests; the console renders). */
  render?: boolean | undefined;
}

const decide = async (ws: Workspace, selector: Selector, via: string, d: ConsoleDecision): Promise<ApplyResult> => {
  const planned = await planAll(ws, [{ label: via, selector, request: { action: d.action, reason: d.reason, type: d.type, term: d.term, via } }]);
  return applyPlanned(ws, planned, { actor: d.actor, now: d.now, render: d.render });
};

/** Decides these findings (the console's one-key decision), as `review decide <action> F12`. */
export const decideFindings = (ws: Workspace, findingIds: number[], d: ConsoleDecision): Promise<ApplyResult> => decide(ws, { findingIds }, 'finding', d);

/** Decides every finding of an item, as `review decide <action> <account>/<id>`. */
export const decideItem = (ws: Workspace, itemRef: string, d: ConsoleDecision, categories?: string[]): Promise<ApplyResult> =>
  decide(ws, { item: itemRef, categories }, 'item', d);

export interface BulkSelection {
  accountId: string;
  categories: string[];
  from?: string | undefined;
  to?: string | undefined;
}

const bulkSelector = (b: BulkSelection): Selector => ({ accountIds: [b.accountId], categories: b.categories, from: b.from, to: b.to });

/** How many open findings a bulk decision would decide (the console asks before it decides). */
export async function previewBulk(ws: Workspace, b: BulkSelection): Promise<number> {
  return (await planAll(ws, [{ label: 'bulk', selector: bulkSelector(b), request: { action: 'keep', reason: 'preview', via: 'bulk' } }])).plans.length;
}

/**
 * Decides the open findings of these categories for one account and period, in one transaction,
 * each with its own audit-trail entry, as `review decide <action> --category … --account …`.
 */
export const decideBulk = (ws: Workspace, b: BulkSelection, d: ConsoleDecision): Promise<ApplyResult> => decide(ws, bulkSelector(b), 'bulk', d);
