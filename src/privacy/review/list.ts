// `review list`: one line per finding, filtered and paged.
import type { Lang } from '../../i18n.js';
import type { FindingView } from '../../store/privacy-store.js';
import { excerpt, imageDetail, statusText } from './format.js';
import { categoryLabel, suggestedLabel, words } from './labels.js';

export function formatFindingList(rows: readonly FindingView[], page: { total: number; offset: number; limit: number; page: number }, lang: Lang): string {
  const w = words(lang);
  if (rows.length === 0) return `${w.noFindings}\n`;
  const header = [w.finding, w.account, w.item, w.published, w.author, w.category, w.suggested, w.confidence, w.status, w.text];
  const table = rows.map((f) => [
    `F${f.id}`,
    f.accountId,
    f.itemPlatformId,
    f.publishedAt.slice(0, 10),
    `@${f.authorHandle}${f.thirdParty ? '' : ' *'}`,
    categoryLabel(f.category, lang),
    suggestedLabel(f.suggested, lang),
    f.confidence.toFixed(2),
    statusText(f, lang),
    f.text !== undefined ? excerpt(f.text, 48) : imageDetail(f, lang),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const lines = [fmt(header), ...table.map(fmt)];
  const last = page.offset + rows.length;
  const more = last < page.total ? `; ${w.next}: --page ${page.page + 1}` : '';
  lines.push(`${page.offset + 1}–${last} ${w.of} ${page.total} ${w.shown}${more}   (* = ${w.ownAccount})`);
  return lines.join('\n') + '\n';
}
