// The HTML of a thread rendition: a pure function of the normalised items and the prepared media.
// Post HTML only enters through the allow-list sanitiser; everything else is escaped text. The
// page references nothing outside itself (images are data: URIs, fonts are installed system fonts).
import { escapeHtml, safeHref, sanitisePostHtml } from '../normalise/html.js';
import type { NormalisedItem, NormalisedMedia } from '../normalise/item.js';
import { formatTime, LABELS, type Labels, type RenderLang } from './labels.js';

export interface RenderThread {
  /** The registered account's post at the top of the thread. */
  root: NormalisedItem;
  /** Every reply below it, in any order. */
  replies: NormalisedItem[];
}

/** What the renderer made of one media attachment. */
export type PreparedMedia =
  | { kind: 'image'; dataUri: string; width: number; height: number }
  | { kind: 'placeholder'; /** A UserError code or NOT_CAPTURED / NOT_AN_IMAGE / TOOL_MISSING. */ code: string; detail?: string };

export const mediaKey = (item: NormalisedItem, index: number): string => `${item.platformId}#${index}`;

export interface PlacedItem {
  item: NormalisedItem;
  depth: number;
  /** The parent is not among the captured items. */
  orphan: boolean;
}

/** Root first, then replies depth-first under their parent, siblings by time (then id). */
export function orderThread(t: RenderThread): PlacedItem[] {
  const byParent = new Map<string, NormalisedItem[]>();
  const ids = new Set([t.root.platformId, ...t.replies.map((r) => r.platformId)]);
  const orphans: NormalisedItem[] = [];
  for (const r of t.replies) {
    const parent = r.replyTo?.platformId;
    if (parent && ids.has(parent) && parent !== r.platformId) byParent.set(parent, [...(byParent.get(parent) ?? []), r]);
    else orphans.push(r);
  }
  const byTime = (a: NormalisedItem, b: NormalisedItem) =>
    a.times.published < b.times.published ? -1 : a.times.published > b.times.published ? 1 : a.platformId < b.platformId ? -1 : 1;
  const out: PlacedItem[] = [];
  const seen = new Set<string>();
  const visit = (item: NormalisedItem, depth: number, orphan: boolean) => {
    if (seen.has(item.platformId)) return;
    seen.add(item.platformId);
    out.push({ item, depth, orphan });
    for (const child of (byParent.get(item.platformId) ?? []).sort(byTime)) visit(child, depth + 1, false);
  };
  visit(t.root, 0, false);
  for (const o of orphans.sort(byTime)) visit(o, 1, true);
  // Replies in a cycle of parents never reached from the root: show them rather than lose them.
  for (const r of t.replies.filter((x) => !seen.has(x.platformId)).sort(byTime)) visit(r, 1, true);
  return out;
}

const MAX_INDENT = 6;

function textHtml(item: NormalisedItem): string {
  if (item.text.html !== null) return sanitisePostHtml(item.text.html);
  return item.text.plain
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function mediaHtml(m: NormalisedMedia, prepared: PreparedMedia | undefined, l: Labels): string {
  const kind = m.type === 'image' ? l.image : m.type === 'video' || m.type === 'gifv' ? l.video : m.type === 'audio' ? l.audio : l.attachment;
  const alt = m.description ? escapeHtml(m.description) : '';
  const sum = m.sha256 ? `<div class="hash">SHA-256 ${m.sha256}</div>` : '';
  if (prepared?.kind === 'image') {
    return `<figure class="media"><img src="${prepared.dataUri}" width="${prepared.width}" height="${prepared.height}" alt="${alt}">${alt ? `<figcaption>${alt}</figcaption>` : ''}${sum}</figure>`;
  }
  const why =
    prepared?.kind === 'placeholder'
      ? ` (${escapeHtml([l.refusals[prepared.code] ?? prepared.code, prepared.detail].filter(Boolean).join(': '))})`
      : '';
  return `<figure class="media placeholder"><div>${kind}: ${l.notShown}${why}</div>${alt ? `<figcaption>${alt}</figcaption>` : ''}${sum}</figure>`;
}

function itemHtml(p: PlacedItem, media: ReadonlyMap<string, PreparedMedia>, l: Labels): string {
  const { item } = p;
  const a = item.author;
  const who = `<span class="name">${escapeHtml(a.displayName ?? a.handle)}</span> <span class="handle">@${escapeHtml(a.handle)}</span>`;
  const role = a.thirdParty ? `<span class="badge third">${l.thirdParty}</span>` : `<span class="badge own">${l.ownAccount}</span>`;
  const kind = p.depth === 0 ? l.post : item.kind === 'share' ? l.share : l.reply;
  const marks: string[] = [`<span>${l.published}: ${escapeHtml(formatTime(item.times.published, l))}</span>`];
  if (item.times.edited) marks.push(`<span class="mark edited">${l.edited}: ${escapeHtml(formatTime(item.times.edited, l))}</span>`);
  if (item.times.foundDeleted) marks.push(`<span class="mark deleted">${l.deleted} ${escapeHtml(formatTime(item.times.foundDeleted, l))}</span>`);
  if (p.orphan) marks.push(`<span class="mark">${l.inReplyTo}</span>`);
  const warning = item.text.summary ? `<div class="cw">${l.contentWarning}: ${escapeHtml(item.text.summary)}</div>` : '';
  const poll = item.poll
    ? `<ul class="poll"><li class="poll-title">${l.poll}</li>${item.poll.options
        .map((o) => `<li>${escapeHtml(o.title)}${o.votes !== null ? ` — ${o.votes} ${l.votes}` : ''}</li>`)
        .join('')}</ul>`
    : '';
  const card = item.links
    .filter((x) => x.source === 'card')
    .map((x) => {
      const href = safeHref(x.url);
      const title = escapeHtml(x.title ?? x.url);
      return `<div class="card">${l.link}: ${href ? `<a href="${escapeHtml(href)}">${title}</a>` : title}${x.description ? `<div>${escapeHtml(x.description)}</div>` : ''}</div>`;
    })
    .join('');
  const source = item.url ?? item.uri;
  const sourceHref = safeHref(source);
  const meta =
    `<div class="meta">${l.captured}: ${escapeHtml(formatTime(item.times.captured, l))} · ${l.source}: ` +
    `${sourceHref ? `<a href="${escapeHtml(sourceHref)}">${escapeHtml(source)}</a>` : escapeHtml(source)}</div>`;
  const indent = Math.min(p.depth, MAX_INDENT);
  const deletedClass = item.times.foundDeleted ? ' is-deleted' : '';
  return (
    `<article class="item depth-${indent}${deletedClass}" style="margin-left:${indent * 18}px">` +
    `<header><span class="kind">${kind}</span> ${who} ${role}</header>` +
    `<div class="times">${marks.join(' · ')}</div>${warning}` +
    `<div class="text" lang="${escapeHtml(item.language ?? '')}">${textHtml(item)}</div>` +
    item.media.map((m, i) => mediaHtml(m, media.get(mediaKey(item, i)), l)).join('') +
    poll +
    card +
    meta +
    `</article>`
  );
}

const CSS = `
@page { size: A4; margin: 16mm 14mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: 'DejaVu Sans', 'Symbola', 'Unifont', 'Unifont Upper', sans-serif; font-variant-ligatures: none; font-kerning: normal; font-size: 10.5pt; line-height: 1.45; color: #111; background: #fff; margin: 0; padding: 16px; width: 768px; }
@media print { body { width: auto; padding: 0; } }
h1 { font-size: 15pt; margin: 0 0 4px; }
.account { color: #333; margin-bottom: 12px; border-bottom: 2px solid #234; padding-bottom: 8px; }
.item { border-left: 3px solid #9ab; padding: 6px 0 6px 10px; margin: 0 0 10px; break-inside: avoid; }
.depth-0 { border-left-color: #234; }
.item header { font-weight: bold; }
.kind { color: #555; font-weight: normal; text-transform: uppercase; font-size: 8pt; letter-spacing: .05em; }
.handle { color: #555; font-weight: normal; }
.badge { font-size: 8pt; font-weight: normal; border: 1px solid #888; border-radius: 3px; padding: 0 4px; }
.badge.third { background: #fff4d6; }
.times, .meta, .hash { font-size: 8.5pt; color: #555; }
.mark.edited { color: #7a4b00; }
.mark.deleted { color: #a00000; font-weight: bold; }
.is-deleted .text { text-decoration: line-through; text-decoration-color: #a00000; }
.cw { font-weight: bold; margin: 4px 0; }
.text p { margin: 4px 0; }
.text a, .meta a, .card a { color: #0645ad; overflow-wrap: anywhere; }
figure.media { margin: 6px 0; }
figure.media img { max-width: 100%; height: auto; border: 1px solid #ccc; }
figure.placeholder div { border: 1px dashed #888; padding: 8px; color: #444; }
figcaption { font-size: 8.5pt; color: #333; }
.poll { list-style: square; font-size: 9.5pt; }
.poll-title { list-style: none; font-weight: bold; }
.card { font-size: 9pt; border: 1px solid #ccd; padding: 4px 6px; margin: 4px 0; }
footer.note { font-size: 8pt; color: #555; border-top: 1px solid #aaa; margin-top: 14px; padding-top: 6px; }
`;

export interface TemplateOptions {
  lang: RenderLang;
  media: ReadonlyMap<string, PreparedMedia>;
}

/**
 * The document title: Chromium writes it into the PDF, and Ghostscript 10.0 keeps document info of
 * a PDF/A only when it needs no UTF-16, so it is folded to ASCII (handles and dates are ASCII anyway).
 */
export function documentTitle(root: NormalisedItem, lang: RenderLang): string {
  const l = LABELS[lang];
  const title = `${l.thread} @${root.author.handle} ${formatTime(root.times.published, l)}`;
  return title.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * Characters no font can draw (unassigned, private use, lone surrogates, C0 controls) become
 * U+FFFD: a missing glyph would be CID 0 in the PDF, which PDF/A forbids.
 */
const drawable = (html: string): string => html.replace(/[\p{Cn}\p{Co}\p{Cs}\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/gu, '\uFFFD');

/** The whole page. Same thread and media → same string. */
export function threadHtml(t: RenderThread, opts: TemplateOptions): string {
  const l = LABELS[opts.lang];
  const placed = orderThread(t);
  const a = t.root.author;
  const captured = placed.map((p) => p.item.times.captured).sort().at(-1) ?? t.root.times.captured;
  const title = documentTitle(t.root, opts.lang);
  return drawable(
    `<!DOCTYPE html><html lang="${opts.lang}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">` +
    `<title>${escapeHtml(title)}</title><style>${CSS}</style></head><body>` +
    `<h1>${l.thread}</h1>` +
    `<div class="account">${l.account}: <b>${escapeHtml(a.displayName ?? a.handle)}</b> @${escapeHtml(a.handle)} · ${t.root.platform} · ` +
    `${l.replies(placed.length - 1)} · ${l.captured}: ${escapeHtml(formatTime(captured, l))}</div>` +
    placed.map((p) => itemHtml(p, opts.media, l)).join('') +
    `<footer class="note">${l.footer}</footer></body></html>`
  );
}
