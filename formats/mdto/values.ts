// Checks for the typed (non-string) values of MDTO, so that a bad value is caught with the field it
// belongs to instead of as a schema error after the package is written. The patterns are the XSD
// lexical spaces, limited to what a real value needs (four-digit years, no leap seconds).
import { UserError } from '../../src/domain/errors.js';

const YEAR = '[0-9]{4}';
const MONTH = '(0[1-9]|1[0-2])';
const DAY = '(0[1-9]|[12][0-9]|3[01])';
const TZ = '(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?';
const TIME = '([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?';

const DATE_RE = new RegExp(`^${YEAR}-${MONTH}-${DAY}${TZ}$`);
const GYEAR_RE = new RegExp(`^${YEAR}${TZ}$`);
const GYEARMONTH_RE = new RegExp(`^${YEAR}-${MONTH}${TZ}$`);
const DATETIME_RE = new RegExp(`^${YEAR}-${MONTH}-${DAY}T${TIME}${TZ}$`);
const DURATION_RE = /^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const LANGUAGE_RE = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

/** A typed value that does not fit its XSD type; `field` says where it was. */
export class MdtoValueError extends UserError {
  constructor(field: string, value: string, expected: string) {
    super('MDTO_VALUE', `MDTO field ${field}: ${JSON.stringify(value.slice(0, 80))} is not ${expected}`);
  }
}

/** A calendar date that exists (2023-02-29 does not). */
function realDate(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

export const isXsdDate = (v: string): boolean => DATE_RE.test(v) && realDate(v);
export const isXsdDateTime = (v: string): boolean => DATETIME_RE.test(v) && realDate(v);
export const isXsdDuration = (v: string): boolean => DURATION_RE.test(v);
export const isXsdLanguage = (v: string): boolean => LANGUAGE_RE.test(v);
/** The union `xsd:gYear xsd:gYearMonth xsd:date` that MDTO uses for periods and end dates. */
export const isMdtoDatum = (v: string): boolean => GYEAR_RE.test(v) || GYEARMONTH_RE.test(v) || isXsdDate(v);
/** The union of `eventTijd`: the above or an xsd:dateTime. */
export const isMdtoTijd = (v: string): boolean => isMdtoDatum(v) || isXsdDateTime(v);

/** An absolute http(s) URL in the form xsd:anyURI accepts, or undefined when `v` is none. */
export function absoluteUrl(v: string): string | undefined {
  try {
    const url = new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function check(field: string, value: string, ok: (v: string) => boolean, expected: string): string {
  if (!ok(value)) throw new MdtoValueError(field, value, expected);
  return value;
}

/** An xsd:dateTime in UTC without milliseconds, e.g. `2024-05-01T10:00:00Z`, from any ISO time. */
export function utcDateTime(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) throw new MdtoValueError('dateTime', String(iso), 'a date-time');
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The UTC calendar date (xsd:date) of an ISO time. */
export const utcDate = (iso: string | Date): string => utcDateTime(iso).slice(0, 10);

/** A language tag usable as xsd:language, or undefined (platforms send `null`, `und`, or junk). */
export function languageTag(raw: string | null | undefined): string | undefined {
  if (!raw || raw === 'und') return undefined;
  return isXsdLanguage(raw) ? raw : undefined;
}

/** `start` + an ISO 8601 duration of whole years, months and days, as xsd:date; undefined otherwise. */
export function addDuration(start: string, duration: string): string | undefined {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(duration);
  if (!m || duration === 'P' || !isXsdDate(start.slice(0, 10))) return undefined;
  const [y, mo, d] = start.slice(0, 10).split('-').map(Number) as [number, number, number];
  const years = Number(m[1] ?? 0);
  const months = Number(m[2] ?? 0);
  const days = Number(m[3] ?? 0);
  // Add years and months first, clamping the day to the target month (2024-02-29 + P1Y = 2025-02-28).
  const totalMonths = (y + years) * 12 + (mo - 1) + months;
  const ty = Math.floor(totalMonths / 12);
  const tm = totalMonths % 12;
  const lastDay = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  const dt = new Date(Date.UTC(ty, tm, Math.min(d, lastDay)));
  dt.setUTCDate(dt.getUTCDate() + days);
  if (dt.getUTCFullYear() > 9999) return undefined;
  return dt.toISOString().slice(0, 10);
}
