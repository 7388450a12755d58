// Text that goes into XML must consist of XML 1.0 characters. Platform text can hold anything
// (control characters, lone surrogates from cut-off emoji, U+FFFE), so every string is cleaned here.

/**
 * Characters XML 1.0 cannot carry: C0 controls other than tab, LF and CR; lone UTF-16 surrogates;
 * U+FFFE and U+FFFF. The `u` flag makes the regex see surrogate pairs as one code point, so only
 * unpaired halves match the surrogate range.
 */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu;

/** The replacement for a character XML cannot carry: U+FFFD, so a reader sees that something was there. */
export const REPLACEMENT = '\uFFFD';

/** `text` with every character XML 1.0 cannot carry replaced by U+FFFD. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML_CHAR, REPLACEMENT);
}

/**
 * XML-safe text that is not empty or whitespace only (MDTO's mandatory strings should carry a value;
 * the NA's draft 1.0.2 schema forbids empty ones), with `fallback` used otherwise.
 */
export function xmlSafeNonEmpty(text: string, fallback: string): string {
  const safe = xmlSafe(text);
  return safe.trim() === '' ? fallback : safe;
}

/**
 * A short one-line title from free text: whitespace collapsed, cut at `max` code points (never inside
 * a surrogate pair) with an ellipsis. Used for `naam` of posts, whose full text lives in the files.
 */
export function titleFrom(text: string, max = 80): string {
  const oneLine = xmlSafe(text).replace(/\s+/gu, ' ').trim();
  const points = Array.from(oneLine);
  return points.length <= max ? oneLine : `${points.slice(0, max - 1).join('').trimEnd()}…`;
}
