/**
 * Checksum and format validators for identifiers. Pure functions on compact strings
 * (separators already removed). Rules and sources: shared/reference/pii.md section 3.
 */

/** BSN elfproef: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11); 8-digit numbers gain a leading 0. */
export function isValidBsn(digits: string): boolean {
  const d = digits.length === 8 ? `0${digits}` : digits;
  if (!/^\d{9}$/.test(d) || /^0+$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (d.charCodeAt(i) - 48);
  sum -= d.charCodeAt(8) - 48;
  return sum % 11 === 0;
}

/** IBAN lengths per country (SWIFT IBAN registry). */
const IBAN_LENGTH: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21,
  CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27,
  GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26,
  IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24,
  ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29,
  RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24,
  TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/** ISO 13616: known country, right length, and ISO 7064 mod 97-10 remainder 1. */
export function isValidIban(compact: string): boolean {
  const iban = compact.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  if (IBAN_LENGTH[iban.slice(0, 2)] !== iban.length) return false;
  if (iban.startsWith('NL') && !/^NL\d{2}[A-Z]{4}\d{10}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

/** Luhn check over digits. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let n = digits.charCodeAt(i) - 48;
    if (double) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Issuer prefixes and lengths of the card schemes seen in the Netherlands. */
export function isPlausibleCardNumber(digits: string): boolean {
  const n = digits.length;
  if (n < 13 || n > 19 || !passesLuhn(digits)) return false;
  const p2 = Number(digits.slice(0, 2));
  const p4 = Number(digits.slice(0, 4));
  if (digits[0] === '4') return n === 13 || n === 16 || n === 19; // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return n === 15; // American Express
  if (p4 === 6011 || p2 === 65) return n >= 16; // Discover
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return n >= 13; // Maestro
  if (p2 === 35) return n >= 16; // JCB
  if (p2 === 36 || p2 === 38 || p2 === 30) return n === 14; // Diners
  return false;
}

/** Dutch postcode letters SA, SD and SS are never issued. */
export function isValidPostcode(compact: string): boolean {
  const m = /^([1-9]\d{3})([A-Z]{2})$/.exec(compact);
  return m !== null && !['SA', 'SD', 'SS'].includes(m[2]!);
}

/**
 * Dutch licence-plate sidecodes (RDW). X = letter, 9 = digit. From sidecode 4 no vowels;
 * from sidecode 7 only the letters BDFGHJKLMNPRSTVXZ (W included for older lists).
 */
const SIDECODES: { code: number; groups: string[] }[] = [
  { code: 1, groups: ['XX', '99', '99'] },
  { code: 2, groups: ['99', '99', 'XX'] },
  { code: 3, groups: ['99', 'XX', '99'] },
  { code: 4, groups: ['XX', '99', 'XX'] },
  { code: 5, groups: ['XX', 'XX', '99'] },
  { code: 6, groups: ['99', 'XX', 'XX'] },
  { code: 7, groups: ['99', 'XXX', '9'] },
  { code: 8, groups: ['9', 'XXX', '99'] },
  { code: 9, groups: ['XX', '999', 'X'] },
  { code: 10, groups: ['X', '999', 'XX'] },
  { code: 11, groups: ['XXX', '99', 'X'] },
  { code: 12, groups: ['X', '99', 'XXX'] },
  { code: 13, groups: ['9', 'XX', '999'] },
  { code: 14, groups: ['999', 'XX', '9'] },
];
const FORBIDDEN_ALWAYS = ['SD', 'SS', 'SA', 'WA', 'GVD', 'KKK', 'LPF', 'NSB', 'PKK', 'PSV', 'PVV', 'SGP', 'TBS'];
const RECENT_LETTERS = /^[BDFGHJKLMNPRSTVWXZ]+$/;

/** The sidecode of a plate written as three hyphen-separated groups, or undefined when none fits. */
export function licencePlateSidecode(groups: readonly string[]): number | undefined {
  if (groups.length !== 3) return undefined;
  const shape = groups.map((g) => g.replace(/[A-Z]/g, 'X').replace(/\d/g, '9'));
  const found = SIDECODES.find((s) => s.groups.every((g, i) => g === shape[i]));
  if (!found) return undefined;
  const letters = groups.filter((g) => /^[A-Z]+$/.test(g));
  const joined = letters.join('');
  if (/[CQ]/.test(joined)) return undefined;
  if (found.code >= 4 && /[AEIOUY]/.test(joined)) return undefined;
  if (found.code >= 7 && !RECENT_LETTERS.test(joined)) return undefined;
  const forbidden = [...FORBIDDEN_ALWAYS, ...(found.code >= 8 ? ['KVT', 'VVD'] : []), ...(found.code >= 13 ? ['SP'] : [])];
  if (letters.some((g) => forbidden.some((f) => g.includes(f)))) return undefined;
  return found.code;
}

/** Splits an unhyphenated plate into the groups of the first sidecode that fits. */
export function splitLicencePlate(compact: string): string[] | undefined {
  for (const s of SIDECODES) {
    const lengths = s.groups.map((g) => g.length);
    if (lengths.reduce((a, b) => a + b, 0) !== compact.length) continue;
    const groups = [compact.slice(0, lengths[0]), compact.slice(lengths[0], lengths[0]! + lengths[1]!), compact.slice(lengths[0]! + lengths[1]!)] as string[];
    if (licencePlateSidecode(groups) === s.code) return groups;
  }
  return undefined;
}
