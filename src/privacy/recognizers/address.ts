import { isValidPostcode } from '../validators.js';
import { after, before, wordsRegex } from '../text.js';
import type { Candidate } from '../types.js';
import type { Recognizer, ScanContext } from './recognizer.js';

// Postcodes and street addresses (street name + house number).

const POSTCODE = /(?<![\p{L}\p{N}-])(?:NL-?)?([1-9]\d{3})( ?)([A-Za-z]{2})(?![\p{L}\p{N}])/gu;
/** Two capitals after a number are often a unit, not a postcode. */
const UNITS = new Set(['MB', 'GB', 'KB', 'TB', 'KG', 'KM', 'CM', 'MM', 'ML', 'CL', 'DL', 'PK', 'KW', 'MW', 'GW', 'HZ', 'BC', 'AD', 'CE', 'PM', 'AM', 'XL', 'DB', 'MG', 'GR', 'IE', 'EN', 'OF', 'TO', 'IN', 'ON', 'AT', 'IS', 'IT', 'OR', 'BY', 'NO']);
const POSTCODE_CONTEXT = wordsRegex(['postcode', 'pc', 'zip', 'postal code', 'adres', 'address', 'woon', 'woonachtig', 'wonend']);

const STREET_SUFFIXES = [
  'straat', 'laan', 'weg', 'plein', 'gracht', 'kade', 'dijk', 'singel', 'steeg', 'hof', 'pad', 'dreef',
  'park', 'plantsoen', 'markt', 'erf', 'veld', 'baan', 'ring', 'wal', 'haven', 'boulevard', 'allee', 'dam',
  'oord', 'poort', 'hoven', 'kamp', 'akker', 'zoom', 'donk', 'horst', 'weide', 'vaart', 'tuin', 'tuinen',
  'hage', 'lei', 'dal', 'stede', 'veste', 'hoek', 'hout', 'sloot', 'wetering', 'brink', 'esch', 'es', 'berg',
  'heuvel', 'gang', 'binnenweg', 'buitenweg', 'promenade', 'rijn', 'kwartier', 'molen', 'polder', 'laantje', 'straatje', 'pleintje', 'hofje', 'wijk',
];
/** A street: words ending in a street suffix, optionally behind name words (Burgemeester van Walsumweg). */
const STREET_WORD = new RegExp(`^[\\p{L}'’-]*(?:${STREET_SUFFIXES.join('|')})$`, 'iu');
/** A house number with its addition: 12a, 12-A, 12 A, 12-3, 12 bis, 12-hs. */
const HOUSE_NUMBER = /^[ \t]+(\d{1,5})(?:[A-Za-z]{1,2}(?![\p{L}])|[ \t]?-[ \t]?(?:[A-Za-z]{1,3}|\d{1,4})(?![\p{L}\p{N}])|[ \t][A-Z](?![\p{L}])|[ \t]+(?:bis|hs|huis|bg|boven)(?![\p{L}]))?(?![\p{L}\p{N}]|[.,]\d)/u;
const NOT_A_HOUSE_NUMBER = /^\s*(?:jaar|keer|meter|m\b|km|minuten|min\b|uur|euro|%|procent|mensen|personen|woningen|huizen|bomen|auto|x\b|stuks)/i;
const PREFIX_WORDS = new Set(['van', 'de', 'der', 'den', 'het', "'t", 'ter', 'ten', 'te', 'op', 'aan', "'s", 'la', 'le', 'st', 'st.', 'sint']);
/** Capitalised words that start a sentence, not a street name. */
const NOT_STREET_START = new Set(['ik', 'wij', 'we', 'mijn', 'onze', 'adres', 'woon', 'wonend', 'in', 'op', 'aan', 'naar', 'bij', 'via', 'hoek', 'straat', 'vanaf', 'tot', 'langs', 'over', 'uit', 'voor', 'achter', 'naast', 'tegenover', 'richting', 'at', 'on', 'the', 'my', 'live', 'is', 'nu', 'bewoner', 'bewoners']);
const RESIDENCE = /(?:ik woon|wij wonen|we wonen|woon|wonen|woonachtig|wonend|mijn adres is|adres:|address:|i live)\s+(?:op|aan|in|at|on)?\s*(?:de|het|the)?\s*$/iu;
const NAME_WORD = /^\p{Lu}[\p{L}'’.-]*$/u;

function postcodes(text: string, streetEnds: number[]): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(POSTCODE)) {
    const letters = m[3]!;
    const upper = letters === letters.toUpperCase();
    if (!isValidPostcode(m[1]! + letters.toUpperCase())) continue;
    const nearAddress = streetEnds.some((e) => m.index >= e && m.index - e <= 3);
    // The postcode of a PO box belongs to an organisation.
    if (/postbus\s+\d+\s*,?\s*$/.test(before(text, m.index, 24))) continue;
    const named = POSTCODE_CONTEXT.test(before(text, m.index, 30)) || nearAddress;
    // Lower-case letters ("1000mg") and known units ("500 GB") only count with context.
    if ((!upper || UNITS.has(letters.toUpperCase())) && !named) continue;
    if (!upper && m[2] === ' ') continue;
    out.push({ category: 'postcode', start: m.index, end: m.index + m[0].length, confidence: named ? 0.97 : 0.9, rule: named ? 'postcode.pattern+context' : 'postcode.pattern' });
  }
  return out;
}

const NUMBER_AFTER_WORD = /(?<=[\p{L}.])[ \t]+\d/gu;
const LAST_WORD = /[\p{L}'’][\p{L}'’.-]*$/u;

function streetAddresses(text: string, ctx: ScanContext): Candidate[] {
  const out: Candidate[] = [];
  for (const n of text.matchAll(NUMBER_AFTER_WORD)) {
    const num = HOUSE_NUMBER.exec(text.slice(n.index, n.index + 24));
    if (!num) continue;
    const end = n.index + num[0].length;
    if (NOT_A_HOUSE_NUMBER.test(text.slice(end, end + 12))) continue;
    const head = LAST_WORD.exec(text.slice(Math.max(0, n.index - 40), n.index));
    if (!head) continue;
    const street = head[0].replace(/\.$/, '');
    const wordStart = n.index - head[0].length;
    const isStreet = STREET_WORD.test(street);
    // Grow leftwards over capitalised name words and particles on the same line.
    let start = wordStart;
    for (let k = 0; k < 4; k++) {
      const prev = /([\p{L}'’][\p{L}'’.-]*)[ \t]+$/u.exec(text.slice(Math.max(0, start - 40), start));
      if (!prev) break;
      const lower = prev[1]!.toLowerCase();
      if (NOT_STREET_START.has(lower) || !(NAME_WORD.test(prev[1]!) || PREFIX_WORDS.has(lower))) break;
      start -= prev[0].length;
    }
    // Lower-case particles alone do not start a street name ("de Kerkstraat" → "Kerkstraat").
    for (let p = /^([\p{L}'’.-]+)[ \t]+/u.exec(text.slice(start, wordStart)); p && start < wordStart; p = /^([\p{L}'’.-]+)[ \t]+/u.exec(text.slice(start, wordStart))) {
      if (!PREFIX_WORDS.has(p[1]!.toLowerCase()) || /^\p{Lu}/u.test(p[1]!)) break;
      start += p[0].length;
    }
    const residence = RESIDENCE.test(text.slice(Math.max(0, start - 40), start));
    if (!isStreet && !(residence && NAME_WORD.test(text.slice(start, wordStart + 1)))) continue;
    if (ctx.contacts.isOrganisationAddress(text.slice(start, end))) continue;
    out.push({ category: 'postal_address', start, end, confidence: isStreet ? 0.92 : 0.85, rule: isStreet ? 'postal_address.street_number' : 'postal_address.residence_context' });
  }
  return out;
}

export const address: Recognizer = (text, ctx) => {
  if (!/\d/.test(text)) return [];
  const streets = streetAddresses(text, ctx);
  const streetEnds = streets.map((s) => {
    const tail = after(text, s.end, 3);
    return s.end + (tail.startsWith(', ') ? 2 : tail.startsWith(',') || tail.startsWith(' ') ? 1 : 0);
  });
  return [...streets, ...postcodes(text, streetEnds)];
};
