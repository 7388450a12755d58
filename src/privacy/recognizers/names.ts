import { nameLexicon, type NameLexicon } from '../lexicons/names.js';
import { GREETINGS, INTRODUCTIONS, NOT_PERSONS, RELATIONS, SIGN_OFFS, TITLES, TUSSENVOEGSELS } from '../lexicons/name-context.js';
import type { Token } from '../text.js';
import type { Candidate } from '../types.js';
import type { Recognizer } from './recognizer.js';

/*
 * Person names, in three layers:
 * 1. chunks: runs of capitalised words, initials and name particles (tussenvoegsels), on one line;
 * 2. the frame before a chunk: a title, relation, introduction, greeting or sign-off;
 * 3. the lexicons: Dutch first and family names, and the common-word filter (Bakker, Visser, Bos and
 *    Roos are words too, so capitals alone do not make them a name).
 * Each rule below names itself in the finding, so the privacy officer sees why a span was flagged.
 */

type Frame = 'title' | 'relation' | 'introduction' | 'greeting' | 'sign_off';

const TITLE_SET = new Set(TITLES);
const INTRODUCTION_SET = new Set(INTRODUCTIONS);
const GREETING_SET = new Set(GREETINGS);
const SIGN_OFF_SET = new Set(SIGN_OFFS);
const RELATION_SET = new Set(RELATIONS);
const POSSESSIVES = new Set(['mijn', "m'n", 'onze', 'ons', 'je', 'jouw', 'zijn', 'haar', 'hun', 'de', 'het', 'my', 'our', 'his', 'her', 'their', 'your']);
const SEPARATOR_CHARS = new Set([' ', '\t', ',', ':', ';', '!', '–', '—', '\r', '\n', '-']);
const FRAME_WORDS = new Set([...TITLES, ...GREETINGS, ...SIGN_OFFS, ...INTRODUCTIONS].filter((w) => !w.includes(' ')).map((w) => w.replace(/\.$/, '')));
const PARTICLES = new Set(TUSSENVOEGSELS.flatMap((t) => t.split(' ')));
const NOT_PERSON = new Set(NOT_PERSONS);
const STREET = /^\p{L}{2,}(?:straat|laan|weg|plein|gracht|kade|dijk|singel|steeg|dreef|plantsoen|markt|boulevard|allee)$/u;
/** Jan, Jan-Willem, O'Connor, d'Souza is not (lower case). */
const CAPITALISED = /^\p{Lu}(?:['’]\p{Lu})?[\p{Ll}\p{M}'’-]*(?:-\p{Lu}[\p{Ll}\p{M}'’-]*)*$/u;
const INITIAL_ABBREV = new Set(['th', 'chr', 'ph', 'joh', 'jac', 'wm', 'corn', 'gerh', 'fr']);
const MONTHS = new Set(['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december', 'january', 'february', 'march', 'may', 'june', 'july', 'august', 'october']);
const FIRST_PERSON_LOWER_STOP = new Set(['is', 'ook', 'en', 'of', 'de', 'het', 'een', 'er', 'niet', 'nog', 'al', 'zo', 'dan', 'wel', 'te', 'op', 'in', 'me', 'je', 'ze', 'we', 'u']);

interface Word extends Token {
  /** The word without a possessive 's, for lookups. */
  key: string;
  cap: boolean;
  initial: boolean;
  particle: boolean;
}

function words(text: string, tokens: Token[]): Word[] {
  const out: Word[] = [];
  for (const t of tokens) {
    const possessive = t.text.length > 3 && (t.text.endsWith("'s") || t.text.endsWith('’s'));
    const first = t.text[0]!;
    const upper = first !== first.toLowerCase();
    // Regexes only for the few words that start with a capital.
    const initial = upper && (t.text.length === 1 || (INITIAL_ABBREV.has(t.lower) && text[t.end] === '.')) && text[t.end] === '.';
    const cap = upper && t.text.length > 1 && CAPITALISED.test(possessive ? t.text.slice(0, -2) : t.text);
    out.push({
      text: t.text,
      lower: t.lower,
      start: t.start,
      end: possessive ? t.end - 2 : t.end,
      key: possessive ? t.lower.slice(0, -2) : t.lower,
      cap,
      initial,
      particle: PARTICLES.has(t.lower),
    });
  }
  return out;
}

/** The text between two words allows them in one name: spaces, or the dot (and space) after an initial. */
function joins(text: string, a: Word, b: Word): boolean {
  const gap = text.slice(a.end, b.start);
  if (a.initial) return /^\.[ \t]?$/.test(gap);
  return /^[ \t]{1,2}$/.test(gap);
}

function sentenceStartAt(text: string, pos: number): boolean {
  const pre = text.slice(Math.max(0, pos - 12), pos).replace(/[\s"'“”‘’(\[*_~>•-]+$/u, '');
  if (pos - 12 <= 0 && pre.length === 0) return true;
  return /[.!?:;\n]$/.test(pre) || /\p{Extended_Pictographic}$/u.test(pre) || pre.length === 0;
}

const WORD_CHAR = /[\p{L}\p{N}'’.]/u;

/** Up to four words that end at `end` in `pre`, separated by spaces or tabs only. */
function lastWords(pre: string, end: number): string[] {
  const words: string[] = [];
  let i = end;
  while (words.length < 4 && i > 0) {
    let j = i;
    while (j > 0 && WORD_CHAR.test(pre[j - 1]!)) j--;
    if (j === i) break;
    words.unshift(pre.slice(j, i));
    let k = j;
    while (k > 0 && (pre[k - 1] === ' ' || pre[k - 1] === '\t')) k--;
    if (k === j || k === 0) break;
    i = k;
  }
  return words;
}

function endsWithPhrase(words: string[], set: Set<string>): boolean {
  let phrase = '';
  for (let k = words.length - 1; k >= 0; k--) {
    phrase = phrase === '' ? words[k]! : `${words[k]!} ${phrase}`;
    if (set.has(phrase)) return true;
  }
  return false;
}

/** The frame that ends right before `pos`: a title, relation, introduction, greeting or sign-off. */
function frameBefore(text: string, pos: number): Frame | undefined {
  const pre = text.slice(Math.max(0, pos - 48), pos).toLowerCase();
  let sepStart = pre.length;
  while (sepStart > 0 && SEPARATOR_CHARS.has(pre[sepStart - 1]!)) sepStart--;
  const separator = pre.slice(sepStart);
  const words = lastWords(pre, sepStart);
  if (words.length === 0) return undefined;
  const blank = separator.length > 0 && /^[ \t]+$/.test(separator);
  const comma = separator.length > 0 && /^[ \t]*,?[ \t]*$/.test(separator);
  if (blank && endsWithPhrase(words, TITLE_SET)) return 'title';
  const last = words[words.length - 1]!;
  if (comma && RELATION_SET.has(last) && words.length > 1 && POSSESSIVES.has(words[words.length - 2]!)) return 'relation';
  if (blank && endsWithPhrase(words, INTRODUCTION_SET)) return 'introduction';
  if (comma && endsWithPhrase(words, GREETING_SET)) return 'greeting';
  // A sign-off ends its line or is followed by the name on the same line.
  if (separator.split('\n').length <= 2 && endsWithPhrase(words, SIGN_OFF_SET)) return 'sign_off';
  return undefined;
}

const nameLike = (lx: NameLexicon, w: Word): boolean => w.initial || lx.firstName(w.key) > 0 || lx.surname(w.key) > 0;

function chunks(text: string, ws: Word[]): Word[][] {
  const out: Word[][] = [];
  let i = 0;
  while (i < ws.length) {
    const w = ws[i]!;
    const starts = w.cap || w.initial || (w.particle && ws[i + 1]?.cap === true && joins(text, w, ws[i + 1]!));
    if (!starts) {
      i++;
      continue;
    }
    const chunk = [w];
    let j = i + 1;
    while (j < ws.length && joins(text, ws[j - 1]!, ws[j]!)) {
      const next = ws[j]!;
      if (next.cap || next.initial || (next.particle && ws[j + 1] !== undefined && (ws[j + 1]!.cap || ws[j + 1]!.particle) && joins(text, next, ws[j + 1]!))) {
        chunk.push(next);
        j++;
      } else break;
    }
    out.push(chunk);
    i = j;
  }
  return out;
}

interface Verdict {
  start: number;
  end: number;
  confidence: number;
  rule: string;
}

function judge(text: string, chunk: Word[], lx: NameLexicon): Verdict | undefined {
  let toks = chunk;
  // Cut at a street name: "Jan van Goyenstraat" is an address.
  const street = toks.findIndex((t) => STREET.test(t.key));
  if (street >= 0) toks = toks.slice(0, street);
  // Strip frame words and ordinary words from the front, unless a title or relation names them.
  let frame: Frame | undefined;
  while (toks.length > 0) {
    const head = toks[0]!;
    frame = frameBefore(text, head.start);
    if (frame === 'title' || frame === 'relation' || frame === 'introduction') break;
    const ordinary = lx.isWord(head.key) && lx.firstName(head.key) < 2;
    if (FRAME_WORDS.has(head.key) || (!head.particle && (ordinary || !nameLike(lx, head)))) toks = toks.slice(1);
    else break;
  }
  // Trailing particles and ordinary words are not part of the name.
  while (toks.length > 0) {
    const last = toks[toks.length - 1]!;
    if (last.particle || (toks.length > 1 && lx.isWord(last.key) && lx.surname(last.key) === 0 && lx.firstName(last.key) === 0)) toks = toks.slice(0, -1);
    else break;
  }
  if (toks.length === 0) return undefined;
  const first = toks[0]!;
  const last = toks[toks.length - 1]!;
  const phrase = toks.map((t) => t.key).join(' ');
  if (NOT_PERSON.has(phrase) || (toks.length > 1 && NOT_PERSON.has(toks.slice(0, 2).map((t) => t.key).join(' ')))) return undefined;
  const span = { start: first.start, end: last.end };
  const atStart = sentenceStartAt(text, first.start);
  // "21 June": a month after a day number is a date.
  if (toks.length === 1 && /\d[ \t]*$/.test(text.slice(Math.max(0, first.start - 4), first.start)) && MONTHS.has(first.key)) return undefined;
  const mentioned = /^[ \t]*\(@[A-Za-z0-9_.]+(?:@[\w.-]+)?\)/.test(text.slice(last.end, last.end + 40));

  const lastIsSurname = lx.surname(last.key) > 0 || lx.surname(toks.slice(-2).map((t) => t.key).join(' ')) > 0;
  const lastNameLike = lastIsSurname || (!lx.isWord(last.key) && last.cap);
  const firstIsFirstName = lx.firstName(first.key);

  if (frame === 'title') return { ...span, confidence: 0.93, rule: 'person_name.title' };
  if (frame === 'relation' && nameLike(lx, first)) return { ...span, confidence: 0.9, rule: 'person_name.relation' };
  if (frame === 'introduction' && nameLike(lx, first) && !lx.isWord(first.key)) return { ...span, confidence: 0.9, rule: 'person_name.introduction' };
  if ((frame === 'greeting' || frame === 'sign_off') && (firstIsFirstName > 0 || first.initial || (lx.surname(first.key) > 0 && !lx.isWord(first.key)))) {
    return { ...span, confidence: 0.9, rule: `person_name.${frame}` };
  }
  // "De Bakker gaat dicht": an article and a word at the start of a sentence.
  if (first.particle && /^\p{Lu}/u.test(first.text) && atStart && toks.length === 2 && lx.isWord(last.key)) return undefined;
  if (first.initial && toks.length > 1 && lastNameLike) return { ...span, confidence: 0.92, rule: 'person_name.initials' };
  if (toks.length > 1 && firstIsFirstName > 0 && lastNameLike && !first.particle) {
    const strong = firstIsFirstName === 2 || lx.surname(last.key) === 2;
    const ordinary = lx.isWord(first.key) && lx.isWord(last.key) && atStart;
    if (!ordinary) return { ...span, confidence: strong ? 0.92 : 0.8, rule: 'person_name.first_and_family_name' };
  }
  if (first.particle && toks.length > 1 && !atStart && lastIsSurname) {
    const composite = lx.surname(toks.map((t) => t.key).join(' ')) === 2;
    if (!lx.isWord(last.key) || composite) return { ...span, confidence: 0.82, rule: 'person_name.tussenvoegsel' };
  }
  if (mentioned && (firstIsFirstName > 0 || lastIsSurname)) return { ...span, confidence: 0.88, rule: 'person_name.mention' };
  if (toks.length === 1) {
    const ordinary = lx.isWord(first.key);
    if (firstIsFirstName === 2 && !ordinary) return { ...span, confidence: atStart ? 0.7 : 0.8, rule: 'person_name.first_name' };
    if (firstIsFirstName === 2 && !atStart) return { ...span, confidence: 0.55, rule: 'person_name.first_name_word' };
    if (firstIsFirstName === 1 && !ordinary && !atStart) return { ...span, confidence: 0.6, rule: 'person_name.first_name_international' };
    if (lx.surname(first.key) === 2 && !ordinary && !atStart) return { ...span, confidence: 0.6, rule: 'person_name.family_name' };
  }
  return undefined;
}

/** Lower-case first names right after a greeting, sign-off or introduction ("hoi sanne"). */
function lowerCaseAfterFrame(text: string, ws: Word[], lx: NameLexicon, taken: Set<number>): Verdict[] {
  const out: Verdict[] = [];
  for (const w of ws) {
    if (w.cap || taken.has(w.start) || FIRST_PERSON_LOWER_STOP.has(w.key) || w.text !== w.lower) continue;
    if (!lx.isDutchFirstName(w.key)) continue;
    const frame = frameBefore(text, w.start);
    if (frame === 'greeting' || frame === 'sign_off' || frame === 'introduction' || frame === 'relation') {
      if (frame === 'introduction' && lx.isWord(w.key)) continue;
      out.push({ start: w.start, end: w.end, confidence: 0.75, rule: `person_name.${frame}_lower_case` });
    }
  }
  return out;
}

export const names: Recognizer = (text, ctx) => {
  const lx = nameLexicon();
  const ws = words(text, ctx.words());
  const out: Candidate[] = [];
  const taken = new Set<number>();
  for (const chunk of chunks(text, ws)) {
    const v = judge(text, chunk, lx);
    if (!v) continue;
    for (const w of chunk) taken.add(w.start);
    out.push({ category: 'person_name', ...v });
  }
  for (const v of lowerCaseAfterFrame(text, ws, lx, taken)) out.push({ category: 'person_name', ...v });
  return out;
};
