import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { nationalDigits } from '../organisation.js';
import { before, wordsRegex } from '../text.js';
import type { Candidate } from '../types.js';
import type { Recognizer, ScanContext } from './recognizer.js';

// Two passes, unioned: a Dutch pattern pass that copes with lists and odd spacing (where
// libphonenumber's finder merges neighbours, pii.md 3.3), validated by libphonenumber; and
// libphonenumber's finder for international numbers.

const PHONE_CONTEXT = wordsRegex(['bel', 'bellen', 'tel', 'tel.', 'telefoon', 'telefoonnummer', 'telnr', 'mobiel', 'mobiele', 'nummer', '06', 'whatsapp', 'app', 'appen', 'sms', 'gsm', 'phone', 'call', 'mobile', 'number', 'bereikbaar', 'terugbellen']);

/** Start of a Dutch number: +31/0031 (with an optional "(0)"), or a trunk 0, optionally in brackets. */
const NL_START = /(?<![\p{L}\p{N}+])(?:(\+\s?31|0031)(?:[\s.-]*\(0\))?|\(?0(?=\d))/gu;
const SEPARATOR = /[ \t.\-/()]/;
/** Service numbers that are never a person's: free and premium. */
const SERVICE = /^(?:0800|0900|0906|0909)/;
const MUNICIPAL = /(?<![\p{L}\p{N}])14[ -]?0\d{2,3}(?![\p{N}])/gu;

function dutchPass(text: string, ctx: ScanContext, taken: [number, number][]): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(NL_START)) {
    const start = m.index;
    if (taken.some(([s, e]) => start >= s && start < e)) continue;
    // National form: 10 digits with the trunk 0; after +31/0031: the 9 digits without it.
    const international = m[1] !== undefined;
    const wanted = international ? 9 : 10;
    let digits = international ? '' : '0';
    let i = start + m[0].length;
    let sepRun = 0;
    while (i < text.length && digits.length < wanted) {
      const c = text[i]!;
      if (c >= '0' && c <= '9') {
        digits += c;
        sepRun = 0;
      } else if (SEPARATOR.test(c) && ++sepRun <= 3) {
        // at most three separator characters in a row ("06 - 1234")
      } else break;
      i++;
    }
    if (digits.length !== wanted || /\d/.test(text[i] ?? '')) continue;
    const end = i;
    const national = international ? `0${digits}` : digits;
    if (SERVICE.test(national)) continue;
    const phone = parsePhoneNumberFromString(national, 'NL');
    // 06 + 8 digits is a mobile number to a reader even where libphonenumber's metadata has no
    // allocation (yet); everything else must be a valid number.
    const mobileShape = /^06[1-9]\d{7}$/.test(national);
    if (!phone?.isValid() && !mobileShape) continue;
    taken.push([start, end]);
    if (ctx.contacts.isOrganisationPhone(national)) continue;
    const named = PHONE_CONTEXT.test(before(text, start, 30));
    // 085/088 numbers belong to companies far more often than to persons.
    const valid = phone?.isValid() === true;
    const confidence = !valid ? (named ? 0.9 : 0.8) : phone.getType() === 'UAN' ? 0.7 : named ? 0.97 : 0.9;
    const rule = `phone.${valid ? 'nl_pattern' : 'nl_mobile_shape'}${named ? '+context' : ''}`;
    out.push({ category: 'phone', start, end, confidence, rule });
  }
  return out;
}

function internationalPass(text: string, ctx: ScanContext, taken: [number, number][]): Candidate[] {
  if (!/(?:\+|\b00)\d/.test(text)) return [];
  const out: Candidate[] = [];
  // POSSIBLE: a number written with its country code is a phone number to a reader even in a range
  // the numbering plan keeps unallocated (such as the UK's +44 7700 900xxx, used in examples and drama).
  for (const m of findPhoneNumbersInText(text, { defaultCountry: 'NL', extended: true })) {
    if (m.number.country === 'NL') continue;
    if (taken.some(([s, e]) => m.startsAt < e && s < m.endsAt)) continue;
    const written = text.slice(m.startsAt, m.endsAt);
    if (/[,;]/.test(written)) continue;
    const valid = m.number.isValid();
    if (!valid && !/^(?:\+|00)/.test(written)) continue;
    if (ctx.contacts.isOrganisationPhone(nationalDigits(written))) continue;
    out.push({ category: 'phone', start: m.startsAt, end: m.endsAt, confidence: valid ? 0.9 : 0.8, rule: valid ? 'phone.libphonenumber' : 'phone.libphonenumber_possible' });
  }
  return out;
}

export const phone: Recognizer = (text, ctx) => {
  if (!/\d{2}/.test(text)) return [];
  const taken: [number, number][] = [];
  for (const m of text.matchAll(MUNICIPAL)) taken.push([m.index, m.index + m[0].length]);
  const dutch = dutchPass(text, ctx, taken);
  return [...dutch, ...internationalPass(text, ctx, taken)];
};
