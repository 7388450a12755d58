import { licencePlateSidecode, splitLicencePlate } from '../validators.js';
import { after, before, wordsRegex } from '../text.js';
import type { Candidate } from '../types.js';
import type { Recognizer } from './recognizer.js';

// Dutch licence plates by sidecode (pii.md 3.5).

const HYPHENATED = /(?<![\p{L}\p{N}-])([A-Za-z]{1,3}|\d{1,3})-([A-Za-z]{1,3}|\d{1,3})-([A-Za-z]{1,3}|\d{1,3})(?![\p{L}\p{N}]|-[\p{L}\p{N}])/gu;
const COMPACT = /(?<![\p{L}\p{N}-])[A-Za-z0-9]{6}(?![\p{L}\p{N}-])/gu;
const PLATE_CONTEXT = wordsRegex([
  'kenteken', 'kentekens', 'kentekenplaat', 'nummerbord', 'nummerplaat', 'auto', 'wagen', 'busje', 'bus',
  'bestelbus', 'scooter', 'motor', 'vrachtwagen', 'geparkeerd', 'parkeert', 'parkeren', 'foutparkeerder',
  'rijdt', 'reed', 'plate', 'licence plate', 'license plate', 'car', 'camper', 'caravan', 'aanhanger',
]);

function plate(text: string, start: number, end: number, groups: string[], hyphenated: boolean): Candidate | undefined {
  const upper = groups.map((g) => g.toUpperCase());
  if (licencePlateSidecode(upper) === undefined) return undefined;
  const named = PLATE_CONTEXT.test(before(text, start, 40)) || PLATE_CONTEXT.test(after(text, end, 25));
  const written = groups.join('');
  // Without context only the usual written form counts: hyphens and capitals.
  if (!named && (!hyphenated || written !== written.toUpperCase())) return undefined;
  return { category: 'licence_plate', start, end, confidence: named ? 0.97 : 0.85, rule: named ? 'licence_plate.sidecode+context' : 'licence_plate.sidecode' };
}

export const vehicle: Recognizer = (text) => {
  if (!/\d/.test(text)) return [];
  const out: Candidate[] = [];
  if (text.includes('-')) {
    for (const m of text.matchAll(HYPHENATED)) {
      const c = plate(text, m.index, m.index + m[0].length, [m[1]!, m[2]!, m[3]!], true);
      if (c) out.push(c);
    }
  }
  // Plates without hyphens need context; skip the pattern when the text has none.
  if (!PLATE_CONTEXT.test(text.toLowerCase())) return out;
  for (const m of text.matchAll(COMPACT)) {
    if (!/\d/.test(m[0]) || !/[A-Za-z]/.test(m[0])) continue;
    const groups = splitLicencePlate(m[0].toUpperCase());
    if (!groups) continue;
    const c = plate(text, m.index, m.index + m[0].length, groups, false);
    if (c) out.push(c);
  }
  return out;
};
