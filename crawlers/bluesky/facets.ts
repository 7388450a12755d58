// Rich-text facets address the post text in UTF-8 bytes (`byteStart` inclusive, `byteEnd`
// exclusive); JavaScript strings count UTF-16 code units. These are the conversions, pure and safe
// against hostile offsets (out of range, reversed, inside a character, overlapping).

export type FacetFeature =
  | { kind: 'mention'; did: string }
  | { kind: 'link'; uri: string }
  | { kind: 'tag'; tag: string };

/** A facet placed on the JavaScript string: `text.slice(start, end)` is what it marks. */
export interface TextSpan {
  start: number;
  end: number;
  features: FacetFeature[];
}

/** UTF-16 index for every UTF-8 byte offset that starts a character (and the end); -1 inside one. */
function byteToIndex(text: string): Int32Array {
  const map = new Int32Array(Buffer.byteLength(text, 'utf8') + 1).fill(-1);
  let byte = 0;
  let index = 0;
  for (const ch of text) {
    map[byte] = index;
    byte += Buffer.byteLength(ch, 'utf8');
    index += ch.length;
  }
  map[byte] = index;
  return map;
}

function feature(f: unknown): FacetFeature | null {
  if (typeof f !== 'object' || f === null) return null;
  const o = f as Record<string, unknown>;
  if (o.$type === 'app.bsky.richtext.facet#mention' && typeof o.did === 'string') return { kind: 'mention', did: o.did };
  if (o.$type === 'app.bsky.richtext.facet#link' && typeof o.uri === 'string') return { kind: 'link', uri: o.uri };
  if (o.$type === 'app.bsky.richtext.facet#tag' && typeof o.tag === 'string') return { kind: 'tag', tag: o.tag };
  return null;
}

/**
 * The facets of `text` as spans on the JavaScript string, in text order. Facets whose offsets do
 * not fall on character boundaries inside the text, are empty, overlap an earlier one or carry no
 * known feature are left out (the raw payload keeps them).
 */
export function facetSpans(text: string, facets: unknown): TextSpan[] {
  if (!Array.isArray(facets)) return [];
  const map = byteToIndex(text);
  const spans: TextSpan[] = [];
  for (const f of facets) {
    const idx = (f as { index?: { byteStart?: unknown; byteEnd?: unknown } } | null)?.index;
    const bs = idx?.byteStart;
    const be = idx?.byteEnd;
    if (!Number.isInteger(bs) || !Number.isInteger(be)) continue;
    const [b0, b1] = [bs as number, be as number];
    if (b0 < 0 || b1 <= b0 || b1 >= map.length) continue;
    const start = map[b0]!;
    const end = map[b1]!;
    if (start < 0 || end < 0) continue;
    const list = (f as { features?: unknown }).features;
    const features = (Array.isArray(list) ? list : []).map(feature).filter((x): x is FacetFeature => x !== null);
    if (features.length === 0) continue;
    spans.push({ start, end, features });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: TextSpan[] = [];
  let reach = 0;
  for (const s of spans) {
    if (s.start < reach) continue;
    kept.push(s);
    reach = s.end;
  }
  return kept;
}

/**
 * The text with every link span replaced by its full URI, as a reader needs it: clients shorten long
 * links in the visible text (`voorbeeldstad.nl/werkzaamhe...`) and keep the whole address in the facet.
 * A span that already shows the URI (with or without scheme) is left as it is.
 */
export function expandLinks(text: string, spans: readonly TextSpan[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    const link = s.features.find((f): f is { kind: 'link'; uri: string } => f.kind === 'link');
    if (!link) continue;
    const shown = text.slice(s.start, s.end);
    if (shown === link.uri || `https://${shown}` === link.uri || `http://${shown}` === link.uri) continue;
    out += text.slice(at, s.start) + link.uri;
    at = s.end;
  }
  return out + text.slice(at);
}
