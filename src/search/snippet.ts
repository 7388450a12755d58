import { textWords } from './words.js';

/** A piece of an item's text with the places of the searched words; plain text, never HTML. */
export interface Snippet {
  text: string;
  /** [start, end) UTF-16 offsets into `text` of each matched word. */
  marks: [number, number][];
}

const ELLIPSIS = '…';

/**
 * The part of `text` around the first matched word (about `width` characters, cut at spaces), with
 * every matched word in it marked. Without query words, the start of the text.
 */
export function makeSnippet(text: string, words: string[], width = 200): Snippet {
  const flat = text.replace(/\s+/g, ' ').trim();
  const wanted = new Set(words);
  const hits = words.length ? textWords(flat).filter((w) => wanted.has(w.folded)) : [];
  const first = hits[0]?.start ?? 0;
  let start = Math.max(0, first - Math.floor(width / 3));
  let end = Math.min(flat.length, start + width);
  start = Math.max(0, Math.min(start, end - width));
  // Cut at spaces so no word is shown in half.
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    if (space !== -1 && space < first) start = space + 1;
  }
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > start && space > (hits[0]?.end ?? 0)) end = space;
  }
  const prefix = start > 0 ? ELLIPSIS : '';
  const suffix = end < flat.length ? ELLIPSIS : '';
  const marks = hits
    .filter((h) => h.start >= start && h.end <= end)
    .map((h): [number, number] => [h.start - start + prefix.length, h.end - start + prefix.length]);
  return { text: prefix + flat.slice(start, end) + suffix, marks };
}
