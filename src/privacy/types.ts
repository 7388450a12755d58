// Types of the personal-data detector. Category names are fixed by SPEC section 5.

export const IDENTIFIER_CATEGORIES = [
  'email',
  'phone',
  'bsn',
  'iban',
  'payment_card',
  'postcode',
  'licence_plate',
  'ip_address',
  'date_of_birth',
] as const;

export const CONTEXTUAL_CATEGORIES = ['person_name', 'postal_address', 'handle'] as const;

/** GDPR art. 9 special categories and art. 10 criminal data. */
export const SPECIAL_CATEGORIES = [
  'health',
  'religion_belief',
  'political_opinion',
  'ethnic_origin',
  'sexual_orientation',
  'trade_union',
  'criminal',
] as const;

export const TEXT_CATEGORIES = [...IDENTIFIER_CATEGORIES, ...CONTEXTUAL_CATEGORIES, ...SPECIAL_CATEGORIES] as const;
export type TextCategory = (typeof TEXT_CATEGORIES)[number];
export type SpecialCategory = (typeof SPECIAL_CATEGORIES)[number];

export const isTextCategory = (v: string): v is TextCategory => (TEXT_CATEGORIES as readonly string[]).includes(v);
export const isSpecialCategory = (v: string): v is SpecialCategory =>
  (SPECIAL_CATEGORIES as readonly string[]).includes(v);

/** What the detector suggests to the privacy officer; the officer decides. */
export const SUGGESTED_ACTIONS = ['review', 'redact', 'keep'] as const;
export type SuggestedAction = (typeof SUGGESTED_ACTIONS)[number];

/**
 * One finding in a text. `start`/`end` are UTF-16 indices into the exact text that was scanned,
 * `end` exclusive, so `text.slice(start, end)` is the flagged substring.
 */
export interface Finding {
  category: TextCategory;
  start: number;
  end: number;
  /** 0..1: how sure the rule is that this span is personal data of this category. */
  confidence: number;
  /** The rule that fired, `<category>.<rule>[+<boost>]`, e.g. `bsn.elfproef+context`. */
  rule: string;
  action: SuggestedAction;
}

/** A finding before the policy has assigned an action, in normalised-text offsets. */
export interface Candidate {
  category: TextCategory;
  start: number;
  end: number;
  confidence: number;
  rule: string;
}

/** Details of the organisation that are not personal data (SPEC section 5). */
export interface OrganisationContacts {
  /** Handles of the organisation and other public bodies: `name`, `name@host` or `*@host`. */
  handles: string[];
  /** General phone numbers (digits compared, separators ignored). */
  phones: string[];
  /** General mailboxes, compared case-insensitively. */
  emails: string[];
  /** Local parts that mark a generic mailbox at any domain (info@, klantcontact@). */
  genericMailboxes: string[];
  /** Street addresses of the organisation, as written (`Markt 1`); compared without case and spacing. */
  addresses: string[];
}

export interface PrivacyPolicy {
  /** Suggested action per category. */
  actions: Record<TextCategory, SuggestedAction>;
  /** A suggested `redact` below this confidence becomes `review`. */
  reviewBelow: number;
  /** Findings below this confidence are not reported at all. */
  minConfidence: number;
}

export interface DetectOptions {
  organisation: OrganisationContacts;
  policy: PrivacyPolicy;
}
