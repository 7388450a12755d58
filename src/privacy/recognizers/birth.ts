import { after, before, wordsRegex } from '../text.js';
import type { Candidate } from '../types.js';
import type { Recognizer } from './recognizer.js';

// Dates of birth: a date is only reported when the text says it is a birth date (pii.md 3.7).

const MONTHS_NL = 'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec';
const MONTHS_EN = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
const DATE = new RegExp(
  [
    /(?<![\p{N}.\-/])(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?![\p{N}]|[-/.]\d)/u.source,
    /(?<![\p{N}-])(\d{4})-(\d{2})-(\d{2})(?![\p{N}])/u.source,
    `(?<![\\p{N}])(\\d{1,2})(?:e|ste|de|st|nd|rd|th)?\\s+(?:${MONTHS_NL}|${MONTHS_EN})\\.?(?:\\s+(?:'\\d{2}|\\d{4}))?(?![\\p{L}\\p{N}])`,
    `(?<![\\p{L}])(?:${MONTHS_EN})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+\\d{4}(?![\\p{N}])`,
  ].join('|'),
  'giu',
);
const BIRTH_BEFORE = wordsRegex([
  'geboren', 'geb.', 'geb', 'geboortedatum', 'geboortedag', 'geboorte', 'jarig', 'verjaardag', 'verjaart',
  'born', 'birthday', 'date of birth', 'dob', 'd.o.b.', 'birth date', 'birthdate', '°', '*',
]);
const BIRTH_AFTER = wordsRegex(['geboren', 'jarig', 'born']);
const STRONG = wordsRegex(['geboren', 'geb.', 'geb', 'geboortedatum', 'born', 'date of birth', 'dob', 'd.o.b.', 'birthdate', 'birth date']);

function plausible(m: RegExpMatchArray): boolean {
  if (m[1] !== undefined) return Number(m[1]) >= 1 && Number(m[1]) <= 31 && Number(m[2]) >= 1 && Number(m[2]) <= 12;
  if (m[4] !== undefined) return Number(m[5]) >= 1 && Number(m[5]) <= 12 && Number(m[6]) >= 1 && Number(m[6]) <= 31;
  const day = Number(m[7] ?? m[8]);
  return day >= 1 && day <= 31;
}

/** Every birth context has one of these; texts without any are skipped before the date patterns run. */
const ANY_CONTEXT = /geb|jarig|verjaar|born|birth|dob|d\.o\.b|°|\*|word/i;

export const birth: Recognizer = (text) => {
  if (!/\d/.test(text) || !ANY_CONTEXT.test(text)) return [];
  const out: Candidate[] = [];
  for (const m of text.matchAll(DATE)) {
    if (!plausible(m)) continue;
    const ctx = before(text, m.index, 32).replace(/[°*]/g, ' ° ');
    const end = m.index + m[0].length;
    const tail = after(text, end, 16, true);
    // "ik word op 2 april 70 jaar": a birthday with the age it brings.
    const turnsAge = /(?:^|[^\p{L}])(?:word|wordt|worden)\s+(?:\p{L}+\s+){0,2}$/iu.test(before(text, m.index, 24)) && /^\s*\d{1,3}\s*(?:jaar|jr)/iu.test(tail);
    if (!BIRTH_BEFORE.test(ctx) && !BIRTH_AFTER.test(tail) && !turnsAge) continue;
    const strong = STRONG.test(ctx) || /geboren|born/.test(tail);
    out.push({ category: 'date_of_birth', start: m.index, end, confidence: strong ? 0.97 : 0.9, rule: strong ? 'date_of_birth.date+birth_context' : 'date_of_birth.date+birthday_context' });
  }
  return out;
};
