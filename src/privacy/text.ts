/** Small text helpers shared by the recognizers: word tokens and context windows. */

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

/** Words: letters and digits with inner apostrophes and hyphens (O'Brien, Jan-Willem, 't, D66). */
const WORD = /['’]?[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    out.push({ text: m[0], lower: m[0].toLowerCase(), start, end: start + m[0].length });
  }
  return out;
}

/** Lower-cased text in the `chars` before `pos`, cut at the last line break when `sameLine`. */
export function before(text: string, pos: number, chars: number, sameLine = false): string {
  let s = text.slice(Math.max(0, pos - chars), pos);
  if (sameLine) s = s.slice(s.lastIndexOf('\n') + 1);
  return s.toLowerCase();
}

/** Lower-cased text in the `chars` after `pos`, cut at the next line break when `sameLine`. */
export function after(text: string, pos: number, chars: number, sameLine = false): string {
  let s = text.slice(pos, pos + chars);
  if (sameLine) {
    const nl = s.indexOf('\n');
    if (nl >= 0) s = s.slice(0, nl);
  }
  return s.toLowerCase();
}

/** Compiles a list of context words into one regex matching any of them as whole words. */
export function wordsRegex(words: readonly string[], flags = 'u'): RegExp {
  const alternatives = [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, flags);
}

/** Start of the sentence that contains `pos`. */
export function sentenceStart(text: string, pos: number): number {
  for (let i = pos - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === '\n' || ((c === '.' || c === '!' || c === '?') && /\s/.test(text[i + 1] ?? ' '))) return i + 1;
  }
  return 0;
}

/** End of the sentence that contains `pos`. */
export function sentenceEnd(text: string, pos: number): number {
  for (let i = pos; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n' || ((c === '.' || c === '!' || c === '?') && /\s/.test(text[i + 1] ?? ' '))) return i;
  }
  return text.length;
}

export const digitsOf = (s: string): string => s.replace(/\D/g, '');
