// `review show`: the item as it appeared, with the post it replies to, and its findings marked
// inline in the text ([#1 06-12345678]) with their suggestion, status and decision history below.
import type { NormalisedItem } from '../../../formats/normalise/item.js';
import type { Decision, PublicCopy } from '../../domain/types.js';
import type { Lang } from '../../i18n.js';
import type { FindingView, PrivacyVersion } from '../../store/privacy-store.js';
import { textFields } from '../pipeline/fields.js';
import { decisionText, imageDetail, localTime } from './format.js';
import { categoryLabel, suggestedLabel, words } from './labels.js';

export interface ShowInput {
  version: PrivacyVersion;
  /** The normalised item, or the reason it could not be made. */
  item: NormalisedItem | { error: string };
  findings: FindingView[];
  history: Decision[];
  parent: { version: PrivacyVersion; item: NormalisedItem | { error: string } } | null | 'missing';
  publicCopy: PublicCopy | null | 'due' | 'none';
  /** Mark findings with reverse video (a terminal) instead of brackets only. */
  color: boolean;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const quote = (text: string) =>
  text
    .split('\n')
    .map((l) => `  │ ${l}`)
    .join('\n');

/** The text with every finding's span wrapped as `[#n text]`; overlapping later spans are listed but not marked. */
export function markSpans(text: string, marks: { n: number; start: number; end: number }[], color: boolean): string {
  let out = '';
  let at = 0;
  for (const m of [...marks].sort((a, b) => a.start - b.start)) {
    if (m.start < at || m.end > text.length) continue;
    const inner = text.slice(m.start, m.end);
    out += text.slice(at, m.start) + (color ? `\x1b[7m[#${m.n} ${inner}]\x1b[27m` : `[#${m.n} ${inner}]`);
    at = m.end;
  }
  return out + text.slice(at);
}

function heading(v: PrivacyVersion, item: ShowInput['item'], lang: Lang): string[] {
  const w = words(lang);
  const kind = v.kind === 'post' ? w.post : v.kind === 'reply' ? w.reply : w.profile;
  const lines = [`${kind} ${v.accountId}/${v.platformId} · ${w.published} ${localTime(v.publishedAt)}${v.foundDeletedAt ? ` · ${w.deletedOnPlatform} ${localTime(v.foundDeletedAt)}` : ''}`];
  const name = 'error' in item ? null : item.author.displayName;
  lines.push(`${cap(w.author)}: ${name ? `${name} ` : ''}@${v.authorHandle} · ${v.thirdParty ? w.thirdParty : w.ownAccount}`);
  if (!('error' in item) && item.url) lines.push(item.url);
  lines.push(`${w.version} ${v.versionIndex + 1} ${w.of} ${v.versionCount} · ${v.versionKey}`);
  return lines;
}

export function formatShow(input: ShowInput, lang: Lang): string {
  const w = words(lang);
  const { version: v, item } = input;
  const out: string[] = heading(v, item, lang);

  if (input.parent === 'missing') out.push('', `${w.inReplyTo}: ${w.parentMissing}`);
  else if (input.parent) {
    const p = input.parent;
    const who = 'error' in p.item ? `@${p.version.authorHandle}` : `${p.item.author.displayName ?? ''} @${p.version.authorHandle}`.trim();
    out.push('', `${w.inReplyTo}: ${p.version.kind === 'post' ? w.post : w.reply} ${p.version.platformId} · ${who} · ${localTime(p.version.publishedAt)}`);
    out.push('error' in p.item ? `  (${p.item.error})` : quote(p.item.text.plain));
  }

  // Number the findings in reading order: texts first (field by field), then images.
  const numbered = [...input.findings].sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : (a.span?.start ?? 0) - (b.span?.start ?? 0)));
  const n = new Map(numbered.map((f, i) => [f.id, i + 1]));

  if ('error' in item) out.push('', `${cap(w.text)}: (${item.error})`);
  else {
    for (const { field, text } of textFields(item)) {
      const marks = input.findings.filter((f) => f.field === field && f.span).map((f) => ({ n: n.get(f.id)!, start: f.span!.start, end: f.span!.end }));
      const label = field === 'text.plain' ? cap(w.text) : field === 'text.summary' ? w.warning : field.startsWith('media.') ? `${w.altText} ${w.image.toLowerCase()} ${Number(field.split('.')[1]) + 1}` : `${w.poll} ${Number(field.split('.')[2]) + 1}`;
      out.push('', `${label}:`, quote(markSpans(text, marks, input.color)));
    }
  }
  for (const m of v.media) out.push(`${w.image} ${m.position + 1}: ${m.type}${m.sha256 ? ` · SHA-256 ${m.sha256.slice(0, 16)}…` : ` · (${w.notCaptured})`}`);

  out.push('', `${w.findings} (${numbered.length}):`);
  if (numbered.length === 0) out.push(`  ${w.none}`);
  for (const f of numbered) {
    const what = f.text !== undefined ? `"${f.text}"` : imageDetail(f, lang);
    out.push(
      `  #${n.get(f.id)} F${f.id}  ${categoryLabel(f.category, lang)} (${f.category}) · ${what} · ${w.suggested}: ${suggestedLabel(f.suggested, lang)} · ${w.confidence} ${f.confidence.toFixed(2)} · ${w.rule} ${f.rule}${f.reported ? '' : ` · ${w.notReported}`}`,
    );
    const mine = input.history.filter((d) => d.findingId === f.id);
    if (mine.length === 0) out.push(`      ${cap(w.status)}: ${w.open}`);
    mine
      .slice()
      .reverse()
      .forEach((d, i) => {
        out.push(`      ${cap(i === 0 ? w.decided : w.history)}: ${decisionText(d, lang)} · ${w.by} ${d.actor} ${w.on} ${localTime(d.at)} · ${w.reason}: "${d.reason}"`);
      });
  }
  const pc = input.publicCopy;
  if (pc === 'due') out.push('', `${w.publicCopy}: ${w.publicCopyDue}`);
  else if (pc && pc !== 'none') {
    out.push('', `${w.publicCopy} (${localTime(pc.madeAt)}): JSON ${pc.json.sha256.slice(0, 16)}…${pc.pdf ? ` · PDF/A ${pc.pdf.sha256.slice(0, 16)}…` : ''}${pc.png ? ` · PNG ${pc.png.sha256.slice(0, 16)}…` : ''} · ${pc.redactions.length} × ${w.removed}`);
    for (const note of pc.notes) out.push(`  ${note}`);
  }
  return out.join('\n') + '\n';
}
