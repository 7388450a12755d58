import { isPlausibleCardNumber, isValidBsn, isValidIban } from '../validators.js';
import { before, digitsOf, wordsRegex } from '../text.js';
import type { Candidate } from '../types.js';
import type { Recognizer } from './recognizer.js';

// Identifiers with a checksum: reported only when the checksum holds (SPEC section 5).

const BSN_CONTEXT = wordsRegex(['bsn', 'burgerservicenummer', 'burger service nummer', 'sofinummer', 'sofi-nummer', 'sofi nummer', 'persoonsnummer', 'citizen service number']);
/** Numbers that the writer calls something else are not read as a BSN. */
const OTHER_NUMBER_CONTEXT = wordsRegex([
  'ordernummer', 'bestelnummer', 'order', 'bestelling', 'factuur', 'factuurnummer', 'klantnummer',
  'zaaknummer', 'zaak', 'dossiernummer', 'referentie', 'referentienummer', 'kenmerk', 'ticket',
  'ticketnummer', 'meldingnummer', 'meldingsnummer', 'melding', 'track', 'trackingnummer', 'track & trace',
  'pakketnummer', 'zending', 'zendingnummer', 'aanvraagnummer', 'polisnummer', 'kvk', 'kvk-nummer',
  'invoice', 'order number', 'reference', 'rekeningnummer', 'artikelnummer', 'serienummer', 'nr',
]);

const BSN = /(?<![\p{L}\p{N}.,\-/+])(\d{9}|\d{3}[ .-]\d{3}[ .-]\d{3}|\d{4}[ .-]\d{2}[ .-]\d{3}|\d{8})(?![\p{L}\p{N}]|[.,\-/]\d)/gu;

function bsn(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(BSN)) {
    const digits = digitsOf(m[0]);
    const ctx = before(text, m.index, 40);
    const named = BSN_CONTEXT.test(ctx);
    if (digits.length === 8 && !named) continue;
    if (!isValidBsn(digits)) continue;
    if (!named && OTHER_NUMBER_CONTEXT.test(before(text, m.index, 24))) continue;
    out.push({ category: 'bsn', start: m.index, end: m.index + m[0].length, confidence: named ? 0.99 : 0.85, rule: named ? 'bsn.elfproef+context' : 'bsn.elfproef' });
  }
  return out;
}

const IBAN = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]{4}){2,7}(?:[ -]?[A-Za-z0-9]{1,3})?(?![\p{L}\p{N}])/gu;

function iban(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(IBAN)) {
    // The pattern may take a following word group; try shorter endings at group boundaries.
    let s = m[0];
    while (s.length >= 15) {
      if (isValidIban(s.replace(/[ -]/g, ''))) {
        out.push({ category: 'iban', start: m.index, end: m.index + s.length, confidence: 0.99, rule: 'iban.mod97' });
        break;
      }
      const cut = Math.max(s.lastIndexOf(' '), s.lastIndexOf('-'));
      if (cut < 0) break;
      s = s.slice(0, cut);
    }
  }
  return out;
}

const CARD = /(?<![\p{L}\p{N}.,\-])\d(?:[ -]?\d){12,18}(?![\p{L}\p{N}]|[.,\-]\d)/gu;
const CARD_CONTEXT = wordsRegex(['creditcard', 'credit card', 'creditcardnummer', 'kaartnummer', 'pasnummer', 'visa', 'mastercard', 'maestro', 'amex', 'american express', 'card', 'card number', 'betaalpas', 'pinpas', 'kaart', 'pas']);

function paymentCard(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(CARD)) {
    const groups = m[0].split(/[ -]/);
    // Written cards are one block or groups of 4 (Amex 4-6-5); other groupings are something else.
    if (groups.length > 1 && !groups.slice(0, -1).every((g) => g.length === 4) && !/^\d{4}[ -]\d{6}[ -]\d{5}$/.test(m[0])) continue;
    const digits = digitsOf(m[0]);
    if (!isPlausibleCardNumber(digits)) continue;
    if (OTHER_NUMBER_CONTEXT.test(before(text, m.index, 24)) && !CARD_CONTEXT.test(before(text, m.index, 40))) continue;
    const named = CARD_CONTEXT.test(before(text, m.index, 40));
    out.push({ category: 'payment_card', start: m.index, end: m.index + m[0].length, confidence: named ? 0.99 : 0.9, rule: named ? 'payment_card.luhn+context' : 'payment_card.luhn' });
  }
  return out;
}

export const checksummed: Recognizer = (text) => {
  if (!/\d{2}/.test(text)) return [];
  return [...bsn(text), ...iban(text), ...paymentCard(text)];
};
