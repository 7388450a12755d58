// The items of a Woo request: accounts, period and search words, as the archive search finds them,
// each at its newest version and as far as the privacy review allows it to be shown.
import type { NormalisedItem } from '../../formats/normalise/item.js';
import { UserError } from '../domain/errors.js';
import { normalisedItem } from '../privacy/pipeline/normalised.js';
import { redactItem, type TextRedaction } from '../privacy/review/redact.js';
import type { FindingView } from '../store/privacy-store.js';
import type { SearchHit } from '../store/search-store.js';
import type { Workspace } from '../workspace.js';

/** A Woo export is a document for people; past this it must be split (narrower period or accounts). */
export const MAX_WOO_ITEMS = 5000;
const PAGE = 500;

export interface WooSelection {
  accountIds?: string[] | undefined;
  /** Published on or after (YYYY-MM-DD). */
  from?: string | undefined;
  /** Published on or before (YYYY-MM-DD, the whole day). */
  to?: string | undefined;
  text?: string | undefined;
}

export interface WooItem {
  hit: SearchHit;
  /** The newest version as it may be shown: redacted, or only a marker when it was not (fully) scanned. */
  item: NormalisedItem;
  /** Text spans removed. */
  redacted: number;
  /** Images left out because of a finding that is restricted, redacted or still open. */
  imagesWithheld: number;
  /** Why the whole text is withheld (not scanned for personal data yet), else null. */
  withheld: string | null;
}

/** What may not be shown: a finding decided restrict or redact, or one still open (not decided yet). */
export const isWithheld = (f: FindingView): boolean => (f.decision ? f.decision.action !== 'keep' : f.reported);

export async function selectWooItems(ws: Workspace, sel: WooSelection): Promise<WooItem[]> {
  const hits: SearchHit[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await ws.store.search.search({ text: sel.text, accountIds: sel.accountIds, from: sel.from, to: sel.to, limit: PAGE, offset });
    if (page.total > MAX_WOO_ITEMS) {
      throw new UserError('woo.too-many', `the selection holds ${page.total} items; a Woo export takes at most ${MAX_WOO_ITEMS}: choose a shorter period, fewer accounts or more words`);
    }
    hits.push(...page.hits.filter((h) => h.kind !== 'profile'));
    if (offset + PAGE >= page.total) break;
  }
  hits.reverse(); // oldest first, as a reader goes through a period
  const out: WooItem[] = [];
  for (const hit of hits) out.push(await wooItem(ws, hit));
  return out;
}

async function wooItem(ws: Workspace, hit: SearchHit): Promise<WooItem> {
  const privacy = ws.store.privacy;
  const [ref] = await privacy.resolveItems({ accountId: hit.accountId, platformId: hit.platformId });
  const versions = ref ? await privacy.itemVersions(ref.itemId) : [];
  const v = versions.at(-1);
  if (!ref || !v) throw new Error(`woo: ${hit.accountId}/${hit.platformId} vanished from the archive`);
  const state = (await privacy.itemPrivacy([{ accountId: hit.accountId, platformId: hit.platformId }])).get(`${hit.accountId}/${hit.platformId}`);
  let item: NormalisedItem;
  try {
    item = normalisedItem(v);
  } catch (e) {
    throw new UserError('woo.unreadable', `${hit.accountId}/${hit.platformId} cannot be exported: ${(e as Error).message}`);
  }
  // Unscanned text may hold anything: nothing of it is shown until the scan and review have been.
  if (!state || state.unscannedVersions > 0) return { hit, item: withheldItem(item), redacted: 0, imagesWithheld: item.media.length, withheld: 'not scanned for personal data yet' };
  const findings = (await privacy.listFindings({ itemIds: [ref.itemId], status: 'all' }, { limit: 100_000, offset: 0 })).rows.filter((f) => f.versionId === v.versionId && isWithheld(f));
  const spans: TextRedaction[] = findings.flatMap((f) => (f.span && f.text !== undefined ? [{ findingId: f.id, field: f.field, category: f.category, start: f.span.start, end: f.span.end, text: f.text }] : []));
  const redacted = redactItem(item, spans);
  const hidden = new Set(findings.flatMap((f) => (f.media ? [f.media.position] : [])));
  const media = redacted.item.media.filter((_, i) => !hidden.has(i));
  return { hit, item: { ...redacted.item, media }, redacted: redacted.redactions.length, imagesWithheld: redacted.item.media.length - media.length, withheld: null };
}

const WITHHELD = '[niet getoond: nog niet beoordeeld op persoonsgegevens]';

function withheldItem(item: NormalisedItem): NormalisedItem {
  return {
    ...item,
    author: { ...item.author, displayName: item.author.thirdParty ? null : item.author.displayName },
    text: { ...item.text, plain: WITHHELD, html: null, summary: null },
    mentions: [],
    links: [],
    media: [],
    poll: null,
    raw: { ...item.raw, sha256: null },
  };
}
