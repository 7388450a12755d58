// The redacted public form of a normalised item: every span decided "redact" is removed from the
// text and replaced by a marker such as `[verwijderd: telefoonnummer]`, and so is every other
// occurrence of the same text in the item (a name in the author's display name, a handle among the
// mentions), so the public copy lacks exactly what was decided. Pure: item and decisions in, item
// and the position of every marker out. The platform's HTML cannot be redacted safely and is left
// out (a rendition uses the redacted plain text); the raw payload is not part of a public copy.
import type { NormalisedItem } from '../../../formats/normalise/item.js';
import type { Redaction } from '../../domain/types.js';
import { textFields, withFieldText } from '../pipeline/fields.js';
import { categoryLabel, redactionMarker } from './labels.js';

/** A text finding whose current decision is "redact". */
export interface TextRedaction {
  findingId: number;
  field: string;
  category: string;
  start: number;
  end: number;
  /** The flagged text as found. */
  text: string;
}

export interface RedactedItem {
  item: NormalisedItem;
  redactions: Redaction[];
  notes: string[];
}

interface Span {
  findingId: number;
  category: string;
  start: number;
  end: number;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Whole words only: a removed "Jan" must not cut "januari" in two.
const wordRe = (literal: string) => new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(literal)}(?![\\p{L}\\p{N}_])`, 'giu');

function occurrences(text: string, literal: string): [number, number][] {
  const out: [number, number][] = [];
  const re = wordRe(literal);
  for (let m = re.exec(text); m; m = re.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

type Literal = { literal: string; category: string; findingId: number };

/** What is removed wherever it appears: the flagged texts, longest first (so "Piet Jansen" goes before "Jansen" could cut it). */
function literals(rs: readonly TextRedaction[]): Literal[] {
  const out = new Map<string, Literal>();
  for (const r of rs) {
    const t = r.text.trim();
    if (t.length >= 2 && !out.has(t.toLowerCase())) out.set(t.toLowerCase(), { literal: t, category: r.category, findingId: r.findingId });
  }
  return [...out.values()].sort((a, b) => b.literal.length - a.literal.length);
}

/** Account names of removed handles (`@piet` and `@piet@host` → `piet`), to find them among the mentions. */
function handleNames(rs: readonly TextRedaction[]): Set<string> {
  return new Set(rs.filter((r) => r.category === 'handle').map((r) => r.text.trim().replace(/^@/, '').split('@')[0]!.toLowerCase()));
}

function replaceAll(text: string, lits: readonly Literal[]): string {
  let out = text;
  for (const l of lits) out = out.replace(wordRe(l.literal), redactionMarker(l.category));
  return out;
}

const containsAny = (text: string | null, lits: readonly Literal[]) => text !== null && lits.some((l) => occurrences(text, l.literal).length > 0);

/** Removes the spans of one field's text; merged where they overlap. Returns the new text and marker positions. */
function redactField(field: string, text: string, spans: Span[]): { text: string; redactions: Redaction[] } {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: (Span & { categories: string[]; findings: number[] })[] = [];
  for (const s of sorted) {
    const last = merged.at(-1);
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      if (!last.categories.includes(s.category)) last.categories.push(s.category);
      if (!last.findings.includes(s.findingId)) last.findings.push(s.findingId);
    } else merged.push({ ...s, categories: [s.category], findings: [s.findingId] });
  }
  let out = '';
  let at = 0;
  const redactions: Redaction[] = [];
  for (const m of merged) {
    out += text.slice(at, m.start);
    const marker = m.categories.length === 1 ? redactionMarker(m.category) : `[verwijderd: ${m.categories.map((c) => categoryLabel(c, 'nl')).join(', ')}]`;
    const publicStart = out.length;
    out += marker;
    for (const f of m.findings) {
      const own = spans.filter((s) => s.findingId === f && s.start >= m.start && s.end <= m.end);
      for (const s of own) redactions.push({ findingId: f, field, category: s.category, start: s.start, end: s.end, publicStart, publicEnd: out.length });
    }
    at = m.end;
  }
  out += text.slice(at);
  return { text: out, redactions };
}

export function redactItem(item: NormalisedItem, rs: readonly TextRedaction[]): RedactedItem {
  const notes: string[] = [];
  const lits = literals(rs);
  const handles = handleNames(rs);
  let out: NormalisedItem = item;
  const redactions: Redaction[] = [];
  for (const { field, text } of textFields(item)) {
    const spans: Span[] = [];
    for (const r of rs.filter((x) => x.field === field)) {
      if (text.slice(r.start, r.end) === r.text) spans.push({ findingId: r.findingId, category: r.category, start: r.start, end: r.end });
      else notes.push(`F${r.findingId}: the text at ${field} ${r.start}-${r.end} differs from what was flagged; every occurrence of the flagged text is removed instead`);
    }
    // Every other occurrence of a removed text goes too.
    for (const l of lits) {
      for (const [start, end] of occurrences(text, l.literal)) {
        if (!spans.some((s) => start < s.end && s.start < end)) spans.push({ findingId: l.findingId, category: l.category, start, end });
      }
    }
    if (spans.length === 0) continue;
    const r = redactField(field, text, spans);
    out = withFieldText(out, field, r.text);
    redactions.push(...r.redactions);
  }
  for (const r of rs) if (!textFields(item).some((f) => f.field === r.field)) notes.push(`F${r.findingId}: ${r.field} is not in this version; every occurrence of the flagged text is removed instead`);

  // Outside the scanned texts: names and handles of people in the author's name, mentions, links.
  out = {
    ...out,
    text: { ...out.text, html: null },
    author: { ...out.author, displayName: out.author.displayName === null ? null : replaceAll(out.author.displayName, lits) },
    mentions: out.mentions.map((m) =>
      handles.has(m.handle.toLowerCase().split('@')[0]!) || containsAny(m.handle, lits) ? { id: null, handle: redactionMarker('handle'), url: null } : m,
    ),
    links: out.links
      .filter((l) => !containsAny(l.url, lits))
      .map((l) => ({ ...l, title: l.title === null ? null : replaceAll(l.title, lits), description: l.description === null ? null : replaceAll(l.description, lits) })),
    raw: { ...out.raw, sha256: null },
  };
  return { item: out, redactions: redactions.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : a.start - b.start)), notes };
}
