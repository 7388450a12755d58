import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { UserError } from '../domain/errors.js';
import { offsetOf } from '../config/yaml-path.js';
import { SUGGESTED_ACTIONS, TEXT_CATEGORIES, type DetectOptions, type SuggestedAction, type TextCategory } from './types.js';

/** `config/privacy.yaml`: what is not personal data, and what to suggest per category. */
export const PRIVACY_CONFIG_FILE = 'privacy.yaml';
const MAX_CONFIG_BYTES = 1024 * 1024;

/** Generic mailboxes of organisations (SPEC section 5: info@, klantcontact@). */
export const DEFAULT_GENERIC_MAILBOXES = [
  'info', 'informatie', 'contact', 'klantcontact', 'klantenservice', 'klantenservices', 'service', 'servicedesk',
  'helpdesk', 'support', 'secretariaat', 'communicatie', 'pers', 'press', 'persvoorlichting', 'privacy', 'fg',
  'functionarisgegevensbescherming', 'webcare', 'redactie', 'post', 'postbus', 'gemeente', 'receptie', 'administratie',
  'facturen', 'factuur', 'debiteuren', 'crediteuren', 'sales', 'office', 'mail', 'admin', 'noreply', 'no-reply',
  'donotreply', 'bestuurssecretariaat', 'griffie', 'raadsgriffie', 'klachten', 'bezwaar', 'meldingen', 'vergunningen',
  'burgerzaken', 'publiekszaken', 'belastingen', 'wmo', 'jeugd', 'werk', 'inkomen', 'handhaving', 'woo', 'wob', 'hello',
];

/** Defaults: identifiers are redacted in the public copy; names, handles and special categories go to review. */
export const DEFAULT_ACTIONS: Record<TextCategory, SuggestedAction> = {
  email: 'redact', phone: 'redact', bsn: 'redact', iban: 'redact', payment_card: 'redact', postcode: 'redact',
  licence_plate: 'redact', ip_address: 'redact', date_of_birth: 'redact', postal_address: 'redact',
  person_name: 'review', handle: 'review',
  health: 'review', religion_belief: 'review', political_opinion: 'review', ethnic_origin: 'review',
  sexual_orientation: 'review', trade_union: 'review', criminal: 'review',
};

export const defaultDetectOptions = (): DetectOptions => ({
  organisation: { handles: [], phones: [], emails: [], genericMailboxes: [...DEFAULT_GENERIC_MAILBOXES], addresses: [] },
  policy: { actions: { ...DEFAULT_ACTIONS }, reviewBelow: 0.8, minConfidence: 0.5 },
});

const list = (what: string) => z.array(z.string({ error: `each entry must be text (${what})` }).min(1).max(320)).max(10_000);

const schema = z
  .object({
    organisation: z
      .object({
        handles: list('a handle: name, name@host or *@host').optional(),
        phones: list('a phone number').optional(),
        emails: list('an e-mail address').optional(),
        generic_mailboxes: list('the part before @').optional(),
        addresses: list('a street and number, e.g. Markt 1').optional(),
      })
      .strict()
      .optional(),
    policy: z
      .object({
        review_below: z.number().min(0).max(1).optional(),
        min_confidence: z.number().min(0).max(1).optional(),
        actions: z
          .partialRecord(z.enum(TEXT_CATEGORIES, { error: `a category must be one of ${TEXT_CATEGORIES.join(', ')}` }), z.enum(SUGGESTED_ACTIONS, { error: `an action must be one of ${SUGGESTED_ACTIONS.join(', ')}` }))
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export interface LoadedPrivacyConfig {
  options: DetectOptions;
  /** The file read, or undefined when there was none and the defaults apply. */
  file: string | undefined;
}

/** Reads `<configDir>/privacy.yaml`; without one, the defaults apply (nothing is allow-listed). */
export async function loadPrivacyConfig(configDir: string): Promise<LoadedPrivacyConfig> {
  const file = join(configDir, PRIVACY_CONFIG_FILE);
  const info = await stat(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw new UserError('privacy_config_unreadable', `cannot read ${file}: ${e.message}`);
  });
  if (!info) return { options: defaultDetectOptions(), file: undefined };
  if (!info.isFile()) throw new UserError('privacy_config_unreadable', `${file} is not a file`);
  if (info.size > MAX_CONFIG_BYTES) throw new UserError('privacy_config_too_large', `${file} is ${info.size} bytes; a privacy configuration is at most ${MAX_CONFIG_BYTES}`);
  return { options: parsePrivacyConfig(await readFile(file, 'utf8'), file), file };
}

/** Parses privacy.yaml text; throws a UserError naming the line and field of every problem. */
export function parsePrivacyConfig(text: string, file: string): DetectOptions {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new UserError(
      'privacy_config_invalid',
      `${file} is not valid YAML`,
      doc.errors.map((e) => `line ${lines.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`),
    );
  }
  const result = schema.safeParse(doc.toJS({ maxAliasCount: 50 }) ?? {});
  if (!result.success) {
    throw new UserError(
      'privacy_config_invalid',
      `${file} has ${result.error.issues.length === 1 ? 'a problem' : `${result.error.issues.length} problems`}`,
      result.error.issues.map((issue) => {
        const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
        const where = path.map(String).join('.') || '(top level)';
        return `line ${lines.linePos(offsetOf(doc, path)).line}, ${where}: ${issue.message}`;
      }),
    );
  }
  const cfg = result.data;
  const defaults = defaultDetectOptions();
  const org = cfg.organisation ?? {};
  return {
    organisation: {
      handles: org.handles ?? [],
      phones: org.phones ?? [],
      emails: org.emails ?? [],
      genericMailboxes: org.generic_mailboxes ?? defaults.organisation.genericMailboxes,
      addresses: org.addresses ?? [],
    },
    policy: {
      actions: { ...defaults.policy.actions, ...cfg.policy?.actions },
      reviewBelow: cfg.policy?.review_below ?? defaults.policy.reviewBelow,
      minConfidence: cfg.policy?.min_confidence ?? defaults.policy.minConfidence,
    },
  };
}

