/**
 * Text normalisation for detection, with a map back to the original offsets.
 *
 * Detection runs on NFKC text without invisible characters (fullwidth digits, ligatures, zero-width
 * joiners and soft hyphens would otherwise hide a phone number or a name). Findings must point into
 * the text as received, so every normalised UTF-16 unit remembers the original range it came from.
 */

/** Invisible characters that people (and spammers) put inside words and numbers. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');
const ASCII_ONLY = /^[\x00-\x7F]*$/;
const MARK = /\p{M}/u;

export interface NormalisedText {
  /** The text detection runs on. */
  text: string;
  /** Maps a half-open normalised span to the original; identity when nothing changed. */
  toOriginal(start: number, end: number): [number, number];
}

const identity = (text: string): NormalisedText => ({ text, toOriginal: (start, end) => [start, end] });

export function normalise(original: string): NormalisedText {
  if (ASCII_ONLY.test(original)) return identity(original);
  if (!INVISIBLE.test(original) && original.normalize('NFKC') === original) return identity(original);

  // Normalise cluster by cluster (a code point and its combining marks), so each output unit
  // belongs to exactly one original range.
  const out: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  while (i < original.length) {
    const clusterStart = i;
    i += codePointLength(original, i);
    while (i < original.length && MARK.test(String.fromCodePoint(original.codePointAt(i)!))) {
      i += codePointLength(original, i);
    }
    const cluster = original.slice(clusterStart, i).normalize('NFKC').replace(INVISIBLE_ALL, '');
    for (let k = 0; k < cluster.length; k++) {
      from.push(clusterStart);
      to.push(i);
    }
    out.push(cluster);
  }
  const text = out.join('');
  return {
    text,
    toOriginal(start, end) {
      if (end <= start) {
        const at = start < from.length ? from[start]! : original.length;
        return [at, at];
      }
      return [from[start]!, to[end - 1]!];
    },
  };
}

function codePointLength(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
}
