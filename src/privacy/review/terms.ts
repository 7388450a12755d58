// Restrictions: a type from our documented list and a term (an ISO 8601 duration or an end date),
// counted from the item's publication date. They become MDTO beperkingGebruik in a package.
import { RESTRICTION_TYPES, type Restriction, type RestrictionType } from '../../domain/types.js';
import { UserError } from '../../domain/errors.js';
import { isSpecialCategory } from '../types.js';

/** The term when the officer gives none: a common term for restrictions on personal data (docs/privacy-review.md). */
export const DEFAULT_TERM = 'P75Y';

const DURATION = /^P(?=\d)(?:(\d{1,3})Y)?(?:(\d{1,4})M)?(?:(\d{1,5})W)?(?:(\d{1,6})D)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isRestrictionType(v: string): v is RestrictionType {
  return (RESTRICTION_TYPES as readonly string[]).includes(v);
}

/** The ground that fits a category best when the officer names none. */
export function defaultRestrictionType(category: string): RestrictionType {
  if (isSpecialCategory(category)) return 'special_category_data';
  if (category === 'bsn') return 'identification_number';
  if (category === 'face') return 'portrait_right';
  return 'privacy';
}

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** `P75Y` (duration) or `2101-12-31` (last day); anything else is a UserError naming what is accepted. */
export function parseTerm(value: string): { duration: string } | { until: string } {
  const v = value.trim();
  if (DURATION.test(v)) return { duration: v };
  if (validDate(v)) return { until: v };
  throw new UserError('review.bad-term', `"${value}" is not a term: give an ISO 8601 duration such as P75Y or P10Y6M, or an end date such as 2101-12-31`);
}

/** The restriction of one decision on one item: the given or default type and term, from the publication date. */
export function restrictionFor(category: string, publishedAt: string, type: string | undefined, term: string | undefined): Restriction {
  if (type !== undefined && !isRestrictionType(type)) {
    throw new UserError('review.bad-type', `"${type}" is not a restriction type; use one of ${RESTRICTION_TYPES.join(', ')}`);
  }
  const from = publishedAt.slice(0, 10);
  const t = parseTerm(term ?? DEFAULT_TERM);
  if ('until' in t && t.until <= from) {
    throw new UserError('review.bad-term', `the end date ${t.until} is not after the publication date ${from}`);
  }
  return { type: type ?? defaultRestrictionType(category), term: { ...t, from } };
}
