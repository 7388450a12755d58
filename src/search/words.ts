// Words as the full-text index sees them: runs of letters, digits and marks (the SQLite FTS5
// `unicode61` tokenizer's idea of a token), compared case- and accent-folded, so "een" meets "één".
// Query text is only ever split into such words: quotes, NEAR, *, parentheses are never syntax.

const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
/** A search asks for a handful of words; more are ignored rather than sent to the index. */
export const MAX_QUERY_WORDS = 16;
/** Longer "words" are not words a person types; they are cut so they cannot blow up a query. */
const MAX_WORD_CHARS = 64;

/** Lower case, without diacritics (NFD, combining marks removed). */
export const foldWord = (w: string): string => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The distinct folded words of a query, in order, bounded. */
export function queryWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const w = foldWord(m[0]).slice(0, MAX_WORD_CHARS);
    if (w && !out.includes(w)) out.push(w);
    if (out.length === MAX_QUERY_WORDS) break;
  }
  return out;
}

/** Every word of a text with its place (UTF-16 offsets, end exclusive) and folded form. */
export function textWords(text: string): { start: number; end: number; folded: string }[] {
  return [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, folded: foldWord(m[0]) }));
}
