// Words the privacy officer reads: Dutch by default, English on request. Category codes are the
// SPEC section 5 names and stay as they are in files and options.
import type { DecisionAction, RestrictionType } from '../../domain/types.js';
import type { Lang } from '../../i18n.js';

const CATEGORY: Record<string, { nl: string; en: string }> = {
  person_name: { nl: 'naam', en: 'person name' },
  email: { nl: 'e-mailadres', en: 'e-mail address' },
  phone: { nl: 'telefoonnummer', en: 'phone number' },
  bsn: { nl: 'BSN', en: 'citizen service number (BSN)' },
  iban: { nl: 'IBAN', en: 'IBAN' },
  payment_card: { nl: 'betaalkaartnummer', en: 'payment card number' },
  postal_address: { nl: 'adres', en: 'postal address' },
  postcode: { nl: 'postcode', en: 'postcode' },
  licence_plate: { nl: 'kenteken', en: 'licence plate' },
  date_of_birth: { nl: 'geboortedatum', en: 'date of birth' },
  handle: { nl: 'gebruikersnaam', en: 'handle' },
  ip_address: { nl: 'IP-adres', en: 'IP address' },
  health: { nl: 'gezondheid', en: 'health' },
  religion_belief: { nl: 'religie of levensovertuiging', en: 'religion or belief' },
  political_opinion: { nl: 'politieke opvatting', en: 'political opinion' },
  ethnic_origin: { nl: 'etnische afkomst', en: 'ethnic origin' },
  sexual_orientation: { nl: 'seksuele gerichtheid', en: 'sexual orientation' },
  trade_union: { nl: 'vakbondslidmaatschap', en: 'trade union membership' },
  criminal: { nl: 'strafrechtelijke gegevens', en: 'criminal data' },
  face: { nl: 'gezicht', en: 'face' },
  gps: { nl: 'GPS-locatie', en: 'GPS location' },
  image_metadata: { nl: 'metagegevens afbeelding', en: 'image metadata' },
};

export const categoryLabel = (category: string, lang: Lang): string => CATEGORY[category]?.[lang] ?? category;

/** The marker that replaces a removed span in a public copy; always Dutch (the public copy is a Dutch record). */
export const redactionMarker = (category: string): string => `[verwijderd: ${categoryLabel(category, 'nl')}]`;

const ACTION: Record<DecisionAction, { nl: string; en: string }> = {
  keep: { nl: 'behouden', en: 'keep' },
  restrict: { nl: 'beperken', en: 'restrict' },
  redact: { nl: 'verwijderen in openbare versie', en: 'redact in public copy' },
};
export const actionLabel = (a: DecisionAction, lang: Lang): string => ACTION[a][lang];

const SUGGESTED: Record<string, { nl: string; en: string }> = {
  review: { nl: 'beoordelen', en: 'review' },
  redact: { nl: 'verwijderen', en: 'redact' },
  keep: { nl: 'behouden', en: 'keep' },
};
export const suggestedLabel = (s: string, lang: Lang): string => SUGGESTED[s]?.[lang] ?? s;

const TYPE: Record<RestrictionType, { nl: string; en: string }> = {
  privacy: { nl: 'eerbiediging persoonlijke levenssfeer', en: 'respect for private life' },
  special_category_data: { nl: 'bijzondere of strafrechtelijke persoonsgegevens', en: 'special-category or criminal personal data' },
  identification_number: { nl: 'wettelijk identificatienummer', en: 'statutory identification number' },
  portrait_right: { nl: 'portretrecht', en: 'portrait right' },
  other: { nl: 'overig (zie reden)', en: 'other (see reason)' },
};
export const restrictionTypeLabel = (t: RestrictionType, lang: Lang): string => TYPE[t][lang];

const WORDS = {
  nl: {
    finding: 'bevinding',
    account: 'account',
    item: 'item',
    published: 'gepubliceerd',
    author: 'auteur',
    category: 'categorie',
    suggested: 'voorstel',
    confidence: 'zekerheid',
    status: 'status',
    text: 'tekst',
    open: 'open',
    notReported: 'niet meer gemeld',
    ownAccount: 'eigen account',
    thirdParty: 'derde',
    post: 'Bericht',
    reply: 'Reactie',
    profile: 'Profiel',
    inReplyTo: 'In antwoord op',
    parentMissing: 'het bericht waarop dit reageert is niet in het archief',
    version: 'Versie',
    of: 'van',
    findings: 'Bevindingen',
    none: 'geen',
    rule: 'regel',
    decided: 'besluit',
    by: 'door',
    on: 'op',
    reason: 'reden',
    until: 'tot en met',
    from: 'vanaf',
    history: 'eerder',
    image: 'Afbeelding',
    region: 'gebied',
    publicCopy: 'Openbare versie',
    publicCopyDue: 'openbare versie moet nog worden gemaakt',
    shown: 'getoond',
    next: 'volgende pagina',
    noFindings: 'Geen bevindingen die aan de selectie voldoen.',
    deletedOnPlatform: 'verwijderd van het platform',
    warning: 'Inhoudswaarschuwing',
    poll: 'Peiling',
    altText: 'Alt-tekst',
    notCaptured: 'niet vastgelegd',
    removed: 'verwijderd',
  },
  en: {
    finding: 'finding',
    account: 'account',
    item: 'item',
    published: 'published',
    author: 'author',
    category: 'category',
    suggested: 'suggested',
    confidence: 'confidence',
    status: 'status',
    text: 'text',
    open: 'open',
    notReported: 'no longer reported',
    ownAccount: 'own account',
    thirdParty: 'third party',
    post: 'Post',
    reply: 'Reply',
    profile: 'Profile',
    inReplyTo: 'In reply to',
    parentMissing: 'the post this replies to is not in the archive',
    version: 'Version',
    of: 'of',
    findings: 'Findings',
    none: 'none',
    rule: 'rule',
    decided: 'decision',
    by: 'by',
    on: 'on',
    reason: 'reason',
    until: 'until',
    from: 'from',
    history: 'earlier',
    image: 'Image',
    region: 'region',
    publicCopy: 'Public copy',
    publicCopyDue: 'public copy still to be made',
    shown: 'shown',
    next: 'next page',
    noFindings: 'No findings match the selection.',
    deletedOnPlatform: 'deleted from the platform',
    warning: 'Content warning',
    poll: 'Poll',
    altText: 'Alt text',
    notCaptured: 'not captured',
    removed: 'removed',
  },
} as const;

export type ReviewWords = { [K in keyof (typeof WORDS)['nl']]: string };
export const words = (lang: Lang): ReviewWords => WORDS[lang];
