import { RELATIONS } from '../lexicons/name-context.js';
import { nameLexicon } from '../lexicons/names.js';
import { SPECIAL_TERMS, TOPIC_SUFFIXES } from '../lexicons/special-categories.js';
import { sentenceEnd, sentenceStart, type Token } from '../text.js';
import { SPECIAL_CATEGORIES, type Candidate, type SpecialCategory } from '../types.js';
import type { Recognizer } from './recognizer.js';

/*
 * Special categories (GDPR art. 9) and criminal data (art. 10): a lexicon term is a finding only when
 * it is said about a person, not as a news topic (pii.md section 4):
 * - strong: a person subject with a verb just before the term ("ik heb diabetes", "mijn buurman zit
 *   vast", "hij is moslim"), a possessive ("haar depressie"), or "als" ("als diabeet");
 * - weak: a person reference (pronoun or relation) close before the term, without a topic word.
 * Topic frames (about, campaign, week of ...) and topic compounds (PVV-motie) never count.
 */

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One lexicon entry, expanded: words to match in sequence, with compound freedom at either end. */
interface Term {
  category: SpecialCategory;
  words: string[];
  /** `*kanker`: the first word may have a compound before it. */
  open: boolean;
  /** `diabet*`: the last word may go on. */
  more: boolean;
  caseSensitive: boolean;
}

const TERMS: Term[] = SPECIAL_CATEGORIES.flatMap((category) =>
  SPECIAL_TERMS[category].flatMap((entry) =>
    entry.split('|').map((alt) => {
      const caseSensitive = /\p{Lu}/u.test(entry);
      const core = alt.replace(/^\*|\*$/g, '');
      return { category, words: (caseSensitive ? core : core.toLowerCase()).split(' '), open: alt.startsWith('*'), more: alt.endsWith('*'), caseSensitive };
    }),
  ),
);

/** Terms indexed by the first three letters of their first word (by its last three when it is open). */
const byStart = new Map<string, Term[]>();
const byEnd = new Map<string, Term[]>();
const inside: Term[] = [];
for (const t of TERMS) {
  const first = t.words[0]!.toLowerCase();
  if (t.open && t.more && t.words.length === 1) inside.push(t);
  else if (t.open) byEnd.set(first.slice(-3), [...(byEnd.get(first.slice(-3)) ?? []), t]);
  else byStart.set(first.slice(0, 3), [...(byStart.get(first.slice(0, 3)) ?? []), t]);
}

function wordMatches(term: Term, index: number, tok: Token): boolean {
  const w = term.words[index]!;
  const v = term.caseSensitive ? tok.text : tok.lower;
  const last = index === term.words.length - 1;
  const first = index === 0;
  if (first && term.open) return last && term.more ? v.includes(w) : v.endsWith(w);
  if (last && term.more) return v.startsWith(w);
  return v === w;
}

/** Lexicon hits as [start, end, category], on word boundaries. */
function lexiconHits(text: string, toks: Token[]): [number, number, SpecialCategory][] {
  const hits: [number, number, SpecialCategory][] = [];
  const tryTerms = (terms: Term[] | undefined, i: number): void => {
    if (!terms) return;
    for (const term of terms) {
      let ok = true;
      for (let k = 0; k < term.words.length && ok; k++) {
        const t = toks[i + k];
        ok = t !== undefined && (k === 0 || /^\s+$/.test(text.slice(toks[i + k - 1]!.end, t.start))) && wordMatches(term, k, t);
      }
      if (ok) hits.push([toks[i]!.start, toks[i + term.words.length - 1]!.end, term.category]);
    }
  };
  for (let i = 0; i < toks.length; i++) {
    const lower = toks[i]!.lower;
    if (lower.length < 2) continue;
    tryTerms(byStart.get(lower.slice(0, 3)), i);
    tryTerms(byEnd.get(lower.slice(-3)), i);
    tryTerms(inside, i);
  }
  return hits;
}

const TOPIC_COMPOUND = new RegExp(`(?:${TOPIC_SUFFIXES.map(escape).join('|')})$`, 'iu');
const TOPIC_BEFORE = /(?:^|[^\p{L}])(?:over|about|tegen|against|rond|rondom|omtrent|aandacht voor|awareness|campagne|voorlichting|informatie over|info over|onderzoek naar|preventie van|bestrijding van|week van de|week van|dag van de|dag van|maand van de|vaccinatie tegen|vaccin tegen|risico op|kans op|cijfers over|statistiek|landelijke|nationale)[ \t]+(?:de |het |een |the |a )?$/iu;

/** Person subjects, matched on lower-cased text. */
const SUBJECT = `(?:ik|ikke|hij|zij|ze|jij|je|u|i|he|she|you|they|(?:mijn|m'n|zijn|z'n|haar|onze|ons|hun|my|his|her|our)\\s+\\p{L}+|die\\s+(?:man|vrouw|gast|jongen|meid|buurman|buurvrouw)|de\\s+(?:buurman|buurvrouw|bewoner|dader|eigenaar))`;
const VERB = '(?:ben|bent|is|was|waren|zijn|word|wordt|werd|werden|heb|hebt|heeft|had|hadden|lijd|lijdt|leed|kreeg|kregen|krijg|krijgt|stem|stemt|stemde|stemden|zit|zat|zitten|zaten|ga|gaat|ging|gingen|kom|komt|kwam|draag|draagt|droeg|heette|am|are|were|have|has|got|gets|suffer|suffers|suffered|vote|votes|voted|go|goes|went|became|become)';
const FILLER = '(?:\\s+(?:al|ook|nog|niet|sinds|toen|net|helaas|zelf|gewoon|echt|ooit|also|been|already))*';
/** Then at most four words up to the term, without a clause break ("dat", "that") in between. */
const GAP = "(?:\\s+(?!dat\\b|die\\b|that\\b|over\\b|about\\b)[\\p{L}\\p{N}'’-]+){0,4}\\s+$";
const STRONG_FRAME = new RegExp(`(?:^|[^\\p{L}'’])${SUBJECT}${FILLER}\\s+${VERB}${GAP}`, 'u');
/** A name as subject ("Piet zit vast"), matched case-sensitively. */
const NAME_FRAME = new RegExp(`(?:^|[^\\p{L}'’])(\\p{Lu}\\p{Ll}+)${FILLER}\\s+${VERB}${GAP}`, 'u');
const SUBJECT_DIRECTLY = new RegExp(`(?:^|[^\\p{L}'’])${SUBJECT}\\s+$`, 'u');
const POSSESSIVE = /(?:^|[^\p{L}'’])(?:mijn|m'n|zijn|z'n|haar|jouw|je|uw|hun|my|his|her|your|their)\s+(?:[\p{L}-]+\s+)?$/iu;
const AS = /(?:^|[^\p{L}])(?:als|as a|as an|as)\s+(?:\p{L}+\s+)?$/iu;
const PRONOUN = /(?:^|[^\p{L}])(?:ik|i|hij|zij|he|she|wij|we)(?![\p{L}])/iu;
/** A topic word right after the term: Wereld Diabetes Dag, kanker onderzoek. */
const TOPIC_AFTER = /^[ \t-]*(?:dag|week|maand|fonds|campagne|onderzoek|preventie|voorlichting|beleid|motie|congres|lezing|avond|collecte|awareness|day|month|research|campaign)(?![\p{L}])/iu;
/** Verbs that only back up a nearby party name ("VVD gestemd"): reported alone only. */
const CUE_TERMS = /^(?:gestemd|stem op|stemde op|stemmen op|voted for|vote for)$/iu;
const PERSON_REF = new RegExp(`(?:^|[^\\p{L}'’])(?:ik|mij|me|mijn|m'n|hij|zij|jij|hem|haar|zijn|i|my|me|he|she|him|her|${RELATIONS.join('|')})(?:[^\\p{L}]|$)`, 'u');

/** A capitalised subject counts when it is a name, not a sentence's first word ("Vandaag is ..."). */
function nameSubject(pre: string): boolean {
  const m = NAME_FRAME.exec(pre);
  if (!m) return false;
  const lx = nameLexicon();
  const word = m[1]!.toLowerCase();
  return !lx.isWord(word) && (lx.firstName(word) > 0 || lx.surname(word) > 0);
}

function judge(text: string, start: number, end: number): { confidence: number; rule: string } | undefined {
  const from = Math.max(sentenceStart(text, start), start - 80);
  const pre = text.slice(from, start);
  if (TOPIC_BEFORE.test(pre) || TOPIC_AFTER.test(text.slice(end, end + 16))) return undefined;
  const lower = pre.toLowerCase();
  if (STRONG_FRAME.test(lower) || nameSubject(pre)) return { confidence: 0.85, rule: 'subject_verb' };
  if (POSSESSIVE.test(pre)) return { confidence: 0.85, rule: 'possessive' };
  if (AS.test(pre) && (PRONOUN.test(pre) || PRONOUN.test(text.slice(end, end + 24)))) return { confidence: 0.8, rule: 'as_person' };
  // "mijn buurman zit vast": a phrase that starts with its own verb, right after the subject.
  if (/\s/.test(text.slice(start, end)) && SUBJECT_DIRECTLY.test(lower)) return { confidence: 0.8, rule: 'subject' };
  const near = text.slice(Math.max(from, start - 40), start);
  const tail = text.slice(end, Math.min(sentenceEnd(text, end), end + 30));
  if (PERSON_REF.test(near.toLowerCase()) || /^\s+(?:heeft|had|has)\s+(?:hij|zij|ze|hij|he|she)\b/iu.test(tail)) return { confidence: 0.55, rule: 'person_nearby' };
  return undefined;
}

export const special: Recognizer = (text, ctx) => {
  const out = findings(text, ctx.words());
  return out.filter((c) => !CUE_TERMS.test(text.slice(c.start, c.end)) || !out.some((o) => o !== c && o.category === c.category && Math.abs(o.start - c.start) < 40));
};

function findings(text: string, words: Token[]): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const [start, end, category] of lexiconHits(text, words)) {
    const key = `${category}:${start}:${end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const term = text.slice(start, end);
    if (TOPIC_COMPOUND.test(term) && term.length > 6) continue;
    const verdict = judge(text, start, end);
    if (!verdict) continue;
    out.push({ category, start, end, confidence: verdict.confidence, rule: `${category}.lexicon+${verdict.rule}` });
  }
  return out;
}
