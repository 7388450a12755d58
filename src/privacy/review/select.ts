// Which findings a decision is about: findings by id (F12), every finding of an item, or the
// findings of categories for an account and period (bulk). Item references: `<account>/<id>`,
// a bare platform id when only one account has it, or the item's canonical URI.
import { UserError } from '../../domain/errors.js';
import type { FindingView, ItemRef, PrivacyStore } from '../../store/privacy-store.js';
import { IMAGE_CATEGORIES } from '../images/types.js';
import { TEXT_CATEGORIES } from '../types.js';

export const ALL_CATEGORIES: readonly string[] = [...TEXT_CATEGORIES, ...IMAGE_CATEGORIES];

export interface Selector {
  findingIds?: number[] | undefined;
  item?: string | undefined;
  accountIds?: string[] | undefined;
  /** Publication dates, inclusive (UTC days). */
  from?: string | undefined;
  to?: string | undefined;
  categories?: string[] | undefined;
  /** Only findings flagging exactly this text. */
  text?: string | undefined;
  /** Bulk selections take open findings only, unless this is set. */
  includeDecided?: boolean | undefined;
}

/** `F12` or `f12` → 12; anything else → undefined. */
export function findingId(ref: string): number | undefined {
  const m = /^[Ff](\d{1,12})$/.exec(ref.trim());
  return m ? Number(m[1]) : undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkDate(value: string, what: string): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (!DATE.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new UserError('review.bad-date', `${what} "${value}" is not a date; write YYYY-MM-DD`);
  }
  return value;
}

/** The day after `to`, so a period's last day is included (publication times are UTC ISO strings). */
export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function checkCategories(categories: string[] | undefined): string[] | undefined {
  if (!categories) return undefined;
  for (const c of categories) {
    if (!ALL_CATEGORIES.includes(c)) throw new UserError('review.bad-category', `"${c}" is not a category; use one of ${ALL_CATEGORIES.join(', ')}`);
  }
  return categories;
}

export async function resolveItemRef(store: PrivacyStore, ref: string): Promise<ItemRef> {
  const r = ref.trim();
  let found: ItemRef[];
  if (/^https?:\/\//i.test(r)) found = await store.resolveItems({ uri: r });
  else {
    const slash = r.lastIndexOf('/');
    found = slash > 0 ? await store.resolveItems({ accountId: r.slice(0, slash), platformId: r.slice(slash + 1) }) : await store.resolveItems({ platformId: r });
  }
  if (found.length === 0) throw new UserError('review.unknown-item', `no item "${ref}" in the archive; use <account>/<id> as review list shows it, or a finding such as F12`);
  if (found.length > 1) {
    throw new UserError('review.ambiguous-item', `"${ref}" is in more than one account: ${found.map((f) => `${f.accountId}/${f.platformId}`).join(', ')}; name one`);
  }
  return found[0]!;
}

/** Every finding a selector names. Unknown ids and items are errors; an empty bulk selection is not. */
export async function selectFindings(store: PrivacyStore, sel: Selector): Promise<FindingView[]> {
  if (sel.findingIds) {
    const rows = await store.findings(sel.findingIds);
    const missing = sel.findingIds.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length) throw new UserError('review.unknown-finding', `no finding ${missing.map((m) => `F${m}`).join(', ')} in the archive; review list shows the ids`);
    return rows;
  }
  if (sel.item === undefined && !sel.categories?.length) {
    throw new UserError('review.no-selection', 'name findings (F12), an item, or --category for a bulk decision');
  }
  const item = sel.item !== undefined ? await resolveItemRef(store, sel.item) : undefined;
  if (sel.from) checkDate(sel.from, 'from');
  if (sel.to) checkDate(sel.to, 'to');
  const filter = {
    itemIds: item ? [item.itemId] : undefined,
    accountIds: sel.accountIds,
    from: sel.from,
    before: sel.to ? dayAfter(sel.to) : undefined,
    categories: checkCategories(sel.categories),
    text: sel.text,
    // The findings of one item are all decided at once; a bulk decision leaves earlier decisions alone unless asked.
    status: item || sel.includeDecided ? ('all' as const) : ('open' as const),
  };
  const out: FindingView[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await store.listFindings(filter, { limit: 1000, offset });
    out.push(...page.rows);
    if (page.rows.length < 1000) break;
  }
  return out;
}
