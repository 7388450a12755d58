import { normalise } from './normalise.js';
import { compileContacts, type KnownContacts } from './organisation.js';
import { address } from './recognizers/address.js';
import { birth } from './recognizers/birth.js';
import { checksummed } from './recognizers/checksummed.js';
import { names } from './recognizers/names.js';
import { online } from './recognizers/online.js';
import { phone } from './recognizers/phone.js';
import type { Recognizer, ScanContext } from './recognizers/recognizer.js';
import { tokenize, type Token } from './text.js';
import { special } from './recognizers/special.js';
import { vehicle } from './recognizers/vehicle.js';
import { SPECIAL_CATEGORIES, type Candidate, type DetectOptions, type Finding, type OrganisationContacts, type PrivacyPolicy, type TextCategory } from './types.js';

const RECOGNIZERS: Recognizer[] = [checksummed, online, phone, address, vehicle, birth, names, special];

/**
 * When spans overlap, the finding of the more specific kind wins: a checksum beats a pattern, a
 * pattern beats a street, a street beats a name (Jan van Goyenstraat 12), a name beats a lexicon term.
 */
const RANK: Record<TextCategory, number> = {
  bsn: 0, iban: 0, payment_card: 0,
  email: 1, ip_address: 1, phone: 1, handle: 1,
  postal_address: 2, postcode: 2, licence_plate: 2, date_of_birth: 2,
  person_name: 3,
  ...(Object.fromEntries(SPECIAL_CATEGORIES.map((c) => [c, 4])) as Record<(typeof SPECIAL_CATEGORIES)[number], number>),
};

function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const ordered = [...candidates].sort(
    (a, b) => RANK[a.category] - RANK[b.category] || b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Candidate[] = [];
  for (const c of ordered) {
    if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

function suggest(policy: PrivacyPolicy, c: Candidate): Finding['action'] {
  const action = policy.actions[c.category];
  return action === 'redact' && c.confidence < policy.reviewBelow ? 'review' : action;
}

/** A detector bound to one configuration; the organisation's contacts are compiled once. */
export interface Detector {
  detect(text: string): Finding[];
}

export function createDetector(options: DetectOptions): Detector {
  const contacts = compileContacts(options.organisation);
  return { detect: (text) => run(text, contacts, options.policy) };
}

const compiled = new WeakMap<OrganisationContacts, KnownContacts>();

/**
 * Finds personal data in `text`. Pure: the same text and options give the same findings.
 * Offsets are UTF-16 indices into `text` as given (not the normalised form), `end` exclusive.
 */
export function detect(text: string, options: DetectOptions): Finding[] {
  let contacts = compiled.get(options.organisation);
  if (!contacts) {
    contacts = compileContacts(options.organisation);
    compiled.set(options.organisation, contacts);
  }
  return run(text, contacts, options.policy);
}

function run(text: string, contacts: KnownContacts, policy: PrivacyPolicy): Finding[] {
  const norm = normalise(text);
  let words: Token[] | undefined;
  const ctx: ScanContext = { contacts, words: () => (words ??= tokenize(norm.text)) };
  const candidates: Candidate[] = [];
  for (const recognize of RECOGNIZERS) {
    for (const c of recognize(norm.text, ctx)) if (c.confidence >= policy.minConfidence) candidates.push(c);
  }
  return resolveOverlaps(candidates).map((c) => {
    const [start, end] = norm.toOriginal(c.start, c.end);
    return { category: c.category, start, end, confidence: Math.round(c.confidence * 100) / 100, rule: c.rule, action: suggest(policy, c) };
  });
}
