import type { NormalisedItem } from '../../../formats/normalise/item.js';
import type { Lang } from '../../i18n.js';
import { textFields } from '../../privacy/pipeline/fields.js';
import { categoryLabel } from '../../privacy/review/labels.js';
import type { FindingView, PrivacyVersion } from '../../store/privacy-store.js';
import { html, safeHref, type Html } from '../html.js';
import { localTime } from '../layout.js';

// An item as the thread rendition shows it (author, time, text, media descriptions), with the
// findings' spans marked. Every piece of the platform's text is escaped by the template; links are
// shown as text, never followed, so nothing a third party wrote can run or navigate.

type Mark = { id: number; start: number; end: number; category: string; open: boolean };

/** The text split into plain and marked pieces; overlapping later marks are skipped (listed below anyway). */
export function markedText(text: string, marks: Mark[], lang: Lang): Html {
  const parts: Html[] = [];
  let at = 0;
  for (const m of [...marks].sort((a, b) => a.start - b.start)) {
    if (m.start < at || m.end > text.length) continue;
    parts.push(html`${text.slice(at, m.start)}`);
    parts.push(html`<mark id="mark-F${m.id}" class="${m.open ? 'open' : 'decided'}" title="${categoryLabel(m.category, lang)}">${text.slice(m.start, m.end)}</mark>`);
    at = m.end;
  }
  parts.push(html`${text.slice(at)}`);
  return html`${parts}`;
}

export function itemCard(v: PrivacyVersion, item: NormalisedItem | { error: string }, findings: FindingView[], lang: Lang, label: string): Html {
  if ('error' in item) return html`<article class="item" aria-label="${label}"><p>${v.accountId}/${v.platformId}</p><p class="bad">${item.error}</p></article>`;
  const fieldsHtml = textFields(item).map((f) => {
    const marks = findings.filter((x) => x.field === f.field && x.span).map((x) => ({ id: x.id, start: x.span!.start, end: x.span!.end, category: x.category, open: !x.decision }));
    const text = markedText(f.text, marks, lang);
    return f.field === 'text.plain' ? html`<div class="text">${text}</div>` : html`<div class="text extra"><span class="field">${f.field}</span>: ${text}</div>`;
  });
  return html`<article class="item" aria-label="${label}">
<header><strong>${item.author.displayName ?? ''}</strong> <span class="handle">@${v.authorHandle}</span> · <time datetime="${v.publishedAt}">${localTime(v.publishedAt)}</time>
${v.foundDeletedAt ? html` · <span class="deleted">${lang === 'en' ? 'deleted' : 'verwijderd'} ${localTime(v.foundDeletedAt)}</span>` : ''}</header>
${fieldsHtml}
${item.links.length ? html`<ul class="links">${item.links.map((l) => html`<li><span class="url">${l.url}</span></li>`)}</ul>` : ''}
${item.url ? html`<p class="source"><a href="${safeHref(item.url)}" rel="noopener noreferrer">${item.url}</a></p>` : ''}
</article>`;
}
