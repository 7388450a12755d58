import { Cron } from 'croner';
import { z } from 'zod';
import { PLATFORMS } from '../domain/types.js';
import { BROWSER_CAPTURE_PLATFORMS, canonicalPageUrl, domainProblem, isBrowserCapturePlatform, MAX_PAGE_URLS, pageUrlProblem, registeredDomain } from './browser-capture.js';

// The account registry (SPEC section 2) as a zod schema. Messages are plain English sentences for a
// records manager; the loader adds file, line and field path. No message repeats a credentials value.

/** Schedules run in this zone (SPEC section 2). */
export const SCHEDULE_TIME_ZONE = 'Europe/Amsterdam';

const ACCOUNT_ID = /^[a-z0-9-]{2,64}$/;
const TOOI_URI = /^https:\/\/identifier\.overheid\.nl\/tooi\/id\/[a-z_]+\/[a-z0-9_]+$/;
const ENV_REFERENCE = /^env:[A-Za-z_][A-Za-z0-9_]*$/;
// xsd:duration restricted to years, months and days: what MDTO termijnLooptijd needs for a retention period.
const RETENTION_DURATION = /^P(?=\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/;
const WAARDERINGEN = ['B', 'V', 'N'] as const;
const STATUSES = ['active', 'dormant', 'closed'] as const;

type Path = (string | number)[];
type Ctx = z.core.$RefinementCtx<unknown>;

/** A value shown in a message, cut short: the input may be anything. */
export const quote = (v: unknown): string => {
  const s = typeof v === 'string' && v.length > 80 ? `${v.slice(0, 79)}…` : v;
  return JSON.stringify(s) ?? String(s);
};

function describe(input: unknown): string {
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return 'text';
  if (typeof input === 'number') return 'a number';
  if (typeof input === 'boolean') return 'true/false';
  return typeof input;
}

function typeMessage(expected: string, input: unknown): string {
  if (input === undefined) return 'required field is missing';
  if (input === null) return 'is empty; a value is required';
  switch (expected) {
    case 'string':
      return typeof input === 'number' || typeof input === 'boolean'
        ? `expected text, but YAML reads this value as ${describe(input)}; put it in quotes`
        : `expected text, got ${describe(input)}`;
    case 'boolean':
      // YAML 1.2 reads yes/no/on/off as text, so say which value was meant.
      return typeof input === 'string' && input.length <= 20
        ? `expected true or false, got ${quote(input)}`
        : `expected true or false, got ${describe(input)}`;
    case 'array':
      return `expected a list (lines starting with "- "), got ${describe(input)}`;
    case 'object':
      return `expected a mapping (lines of "field: value"), got ${describe(input)}`;
    default:
      return `expected ${expected}, got ${describe(input)}`;
  }
}

/** Fallback messages for issues that the field schemas do not phrase themselves. */
export const issueMessage: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      return typeMessage(iss.expected, iss.input);
    case 'unrecognized_keys':
      return `unknown field${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map(quote).join(', ')}`;
    default:
      return undefined;
  }
};

/** YAML writes an empty value as null; for an optional field that means "not given". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === null ? undefined : v), schema.optional());

const text = () => z.string().refine((s) => s.trim() !== '', 'must not be empty');

function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const calendarDate = () =>
  z.string().refine(isCalendarDate, {
    error: (iss) => `not a real calendar date: ${quote(iss.input)} (expected YYYY-MM-DD, e.g. 2023-05-01)`,
  });

const isLoopbackHost = (host: string): boolean =>
  host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

/** Why an instance URL is refused, or undefined when it is fine. */
export function instanceProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not an absolute URL (expected e.g. https://social.overheid.nl)';
  }
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.search || url.hash) return 'must not contain a query (?...) or fragment (#...)';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') {
    return isLoopbackHost(url.hostname)
      ? undefined
      : `http:// is only allowed for a loopback host (localhost, 127.0.0.0/8, ::1), not ${url.hostname}; use https://`;
  }
  return `unsupported scheme ${url.protocol}// (expected https://)`;
}

/** Why a cron expression is refused, or undefined when it is a valid 5-field expression that runs. */
export function scheduleProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5) {
    return `expected a cron expression with 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`;
  }
  try {
    const cron = new Cron(expression, { paused: true, mode: '5-part', timezone: SCHEDULE_TIME_ZONE });
    if (!cron.nextRun()) return 'this cron expression never runs';
  } catch (e) {
    return `not a valid cron expression: ${(e instanceof Error ? e.message : String(e)).replace(/^CronPattern:\s*/, '')}`;
  }
  return undefined;
}

const CREDENTIALS_MESSAGE =
  'must be a reference like env:NAME (the secret goes in that environment variable, never in this file); the value is not shown here';

const organisationSchema = z.strictObject({
  name: text(),
  id: z.string().regex(TOOI_URI, {
    error: (iss) =>
      `not a TOOI URI: ${quote(iss.input)} (expected e.g. https://identifier.overheid.nl/tooi/id/gemeente/gm0363)`,
  }),
});

const managerSchema = z.strictObject({
  name: text(),
  email: optional(z.email({ error: (iss) => `not a valid e-mail address: ${quote(iss.input)}` })),
});

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// Cross-field rules run even when other fields of the same object are wrong, so that one load reports
// every problem; they therefore read the (possibly ill-typed) value defensively.
const always = { when: (payload: { value: unknown }) => isRecord(payload.value) };

function selectionRules(value: unknown, ctx: Ctx): void {
  if (!isRecord(value)) return;
  const { waardering, bewaartermijn } = value;
  if (waardering === 'V' && bewaartermijn === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['bewaartermijn'],
      message: 'required when waardering is V (how long to keep before destruction, e.g. P10Y)',
    });
  }
  if ((waardering === 'B' || waardering === 'N') && bewaartermijn !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['bewaartermijn'],
      message:
        waardering === 'B'
          ? 'not allowed with waardering B: a B record is kept permanently'
          : 'not allowed with waardering N (nader te bepalen): set it once the waardering is V',
    });
  }
}

const selectionSchema = z
  .strictObject({
    list: text(),
    category: text(),
    label: text(),
    waardering: z.enum(WAARDERINGEN, {
      error: (iss) =>
        `${iss.input === undefined ? 'required field is missing' : `unknown waardering ${quote(iss.input)}`} (expected B = bewaren, V = vernietigen or N = nader te bepalen)`,
    }),
    bewaartermijn: optional(
      z.string().refine((s) => RETENTION_DURATION.test(s) && /[1-9]/.test(s), {
        error: (iss) =>
          `not an ISO 8601 duration: ${quote(iss.input)} (expected e.g. P10Y for ten years or P18M for eighteen months)`,
      }),
    ),
  })
  .superRefine(selectionRules, always);

const captureSchema = z
  .strictObject({
    replies: z.boolean().default(true),
    media: z.boolean().default(true),
    render: z.boolean().default(true),
  })
  .prefault({});

function accountRules(value: unknown, ctx: Ctx): void {
  if (!isRecord(value)) return;
  const { platform, instance, status, opened, closed, managers } = value;
  if (platform === 'mastodon' && instance === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['instance'],
      message: 'required for mastodon: the server the account lives on, e.g. https://social.overheid.nl',
    });
  }
  if (status === 'closed' && (closed === undefined || closed === null)) {
    ctx.addIssue({ code: 'custom', path: ['closed'], message: 'required when status is closed (the date it was closed)' });
  }
  if (typeof status === 'string' && status !== 'closed' && typeof closed === 'string') {
    ctx.addIssue({ code: 'custom', path: ['closed'], message: `a closing date is only allowed when status is closed (status is ${status})` });
  }
  if (typeof opened === 'string' && typeof closed === 'string' && isCalendarDate(opened) && isCalendarDate(closed) && closed < opened) {
    ctx.addIssue({ code: 'custom', path: ['closed'], message: `${closed} is before the opening date ${opened}` });
  }
  if (Array.isArray(managers) && managers.length === 0 && status !== 'closed') {
    ctx.addIssue({ code: 'custom', path: ['managers'], message: 'name at least one manager (only a closed account may have none)' });
  }
  browserCaptureRules(value, ctx);
}

/** Page URLs (platform web, linkedin, tiktok): a registered domain, and every URL under it. */
function browserCaptureRules(value: Record<string, unknown>, ctx: Ctx): void {
  const { platform, domain, instance, urls, status } = value;
  if (!isBrowserCapturePlatform(platform)) {
    const only = `only for browser capture (platform ${BROWSER_CAPTURE_PLATFORMS.join(', ')})`;
    if (domain !== undefined && domain !== null) ctx.addIssue({ code: 'custom', path: ['domain'], message: only });
    if (urls !== undefined && urls !== null) ctx.addIssue({ code: 'custom', path: ['urls'], message: only });
    return;
  }
  // A domain or instance that is wrong itself is reported at its own line; its pages are then checked for form only.
  const usable = (typeof domain !== 'string' || !domainProblem(domain)) && (typeof instance !== 'string' || !instanceProblem(instance));
  const registered = usable ? registeredDomain({ platform, domain: typeof domain === 'string' ? domain : undefined, instance: typeof instance === 'string' ? instance : undefined }) : undefined;
  if (usable && registered === undefined) {
    ctx.addIssue({ code: 'custom', path: ['domain'], message: `required for ${platform}: the domain whose pages are captured, e.g. voorbeeldstad.nl` });
  }
  if ((urls === undefined || urls === null || (Array.isArray(urls) && urls.length === 0)) && status !== 'closed') {
    ctx.addIssue({ code: 'custom', path: ['urls'], message: `list at least one page URL to capture (required for ${platform} unless the account is closed)` });
  }
  if (!Array.isArray(urls)) return;
  urls.forEach((u: unknown, i) => {
    if (typeof u !== 'string') return;
    const problem = pageUrlProblem(u, registered);
    if (problem) ctx.addIssue({ code: 'custom', path: ['urls', i], message: problem });
  });
}

/** The same page listed twice in one account would be one item anyway: say so at the second. */
function duplicatePageUrls(account: Record<string, unknown>, index: number, ctx: Ctx): void {
  if (!isBrowserCapturePlatform(account.platform) || !Array.isArray(account.urls)) return;
  const seen = new Map<string, number>();
  account.urls.forEach((u: unknown, i) => {
    if (typeof u !== 'string' || pageUrlProblem(u, undefined)) return;
    const key = canonicalPageUrl(u);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else {
      const params: RelatedParams = { related: ['accounts', index, 'urls', first] };
      ctx.addIssue({ code: 'custom', path: ['accounts', index, 'urls', i], params, message: `the same page as urls[${first}]; list each page once` });
    }
  });
}

const accountSchema = z
  .strictObject({
    id: z.string().regex(ACCOUNT_ID, {
      error: (iss) => `invalid id ${quote(iss.input)}: use 2 to 64 characters from a-z, 0-9 and -`,
    }),
    platform: z.enum(PLATFORMS, {
      error: (iss) =>
        `${iss.input === undefined ? 'required field is missing' : `unknown platform ${quote(iss.input)}`} (expected one of: ${PLATFORMS.join(', ')})`,
    }),
    handle: text().refine((s) => !/\s/.test(s), 'must not contain spaces'),
    instance: optional(z.string().superRefine((s, ctx) => {
      const problem = instanceProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })),
    status: z.enum(STATUSES, {
      error: (iss) =>
        `${iss.input === undefined ? 'required field is missing' : `unknown status ${quote(iss.input)}`} (expected one of: ${STATUSES.join(', ')})`,
    }),
    opened: optional(calendarDate()),
    closed: calendarDate().nullable().optional(),
    managers: z.array(managerSchema),
    purpose: optional(text()),
    justification: optional(text()),
    selection: selectionSchema,
    schedule: optional(z.string().superRefine((s, ctx) => {
      const problem = scheduleProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })),
    capture: z.preprocess((v) => (v === null ? undefined : v), captureSchema),
    credentials: optional(
      z.string({ error: CREDENTIALS_MESSAGE }).regex(ENV_REFERENCE, { error: CREDENTIALS_MESSAGE }),
    ),
    domain: optional(z.string().superRefine((s, ctx) => {
      const problem = domainProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })),
    urls: optional(
      z.array(z.string()).max(MAX_PAGE_URLS, { error: `at most ${MAX_PAGE_URLS} page URLs per account; register a larger site as several accounts` }),
    ),
  })
  .superRefine(accountRules, always);

/** A problem that points at a second place too, e.g. the first use of a duplicate id. */
export interface RelatedParams {
  related: Path;
}

/** The same account twice under different ids would be captured twice. */
function accountIdentity(a: Record<string, unknown>): string | undefined {
  if (typeof a.platform !== 'string' || typeof a.handle !== 'string') return undefined;
  let host = '';
  if (typeof a.instance === 'string') {
    try {
      host = new URL(a.instance).host;
    } catch {
      return undefined;
    }
  }
  // Browser capture: the same handle on two registered domains is two accounts.
  const domain = typeof a.domain === 'string' ? a.domain : '';
  return [a.platform, a.handle.toLowerCase().replace(/^@/, ''), host, domain].join('\n');
}

function registryRules(value: unknown, ctx: Ctx): void {
  if (!isRecord(value) || !Array.isArray(value.accounts)) return;
  const ids = new Map<string, number>();
  const identities = new Map<string, number>();
  value.accounts.forEach((account: unknown, i) => {
    if (!isRecord(account)) return;
    duplicatePageUrls(account, i, ctx);
    if (typeof account.id === 'string') {
      const first = ids.get(account.id);
      if (first === undefined) ids.set(account.id, i);
      else {
        const params: RelatedParams = { related: ['accounts', first, 'id'] };
        ctx.addIssue({ code: 'custom', path: ['accounts', i, 'id'], params, message: `duplicate id ${quote(account.id)}, already used by accounts[${first}]` });
      }
    }
    const identity = accountIdentity(account);
    if (identity !== undefined) {
      const first = identities.get(identity);
      if (first === undefined) identities.set(identity, i);
      else {
        const params: RelatedParams = { related: ['accounts', first, 'handle'] };
        ctx.addIssue({
          code: 'custom',
          path: ['accounts', i, 'handle'],
          params,
          message: `the same account as accounts[${first}] (same platform, handle and instance); register each account once`,
        });
      }
    }
  });
}

export const registrySchema = z
  .strictObject({
    organisation: organisationSchema,
    accounts: z.array(accountSchema),
  })
  .superRefine(registryRules, always);

/** The field names an object at `path` may have, for "did you mean" hints on unknown fields. */
export function knownFields(path: readonly PropertyKey[]): readonly string[] {
  const [top, , field, index] = path;
  if (path.length === 0) return Object.keys(registrySchema.shape);
  if (top === 'organisation' && path.length === 1) return Object.keys(organisationSchema.shape);
  if (top !== 'accounts') return [];
  if (path.length === 2) return Object.keys(accountSchema.shape);
  if (field === 'selection' && path.length === 3) return Object.keys(selectionSchema.shape);
  if (field === 'capture' && path.length === 3) return Object.keys(captureSchema.unwrap().shape);
  if (field === 'managers' && typeof index === 'number' && path.length === 4) return Object.keys(managerSchema.shape);
  return [];
}

/** Validates plain data (as read from YAML or sent by the console) against the registry schema. */
export const validateRegistryData = (data: unknown) => registrySchema.safeParse(data, { error: issueMessage });
