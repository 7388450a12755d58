import { UserError } from './domain/errors.js';

// Every secret value the process has resolved. Logs, WARC records and error messages are scrubbed
// of these, so a token that slips into a URL or a message still never reaches disk.
const known = new Set<string>();

export const REDACTED = '[REDACTED]';

/** Resolves a registry reference such as `env:NAME` to the secret in the environment. */
export function resolveSecret(reference: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!reference) return undefined;
  const m = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(reference);
  // Never echo the value: it may be a secret pasted where a reference belongs.
  if (!m) throw new UserError('credentials.reference', 'credentials must be a reference like env:NAME (the value given is not shown)');
  const value = env[m[1]!];
  if (!value) throw new UserError('credentials.missing', `the environment variable ${m[1]} (named in credentials) is not set`);
  registerSecret(value);
  return value;
}

export function registerSecret(value: string): void {
  if (value.length >= 4) known.add(value);
}

export function scrub(text: string): string {
  let out = text;
  for (const s of known) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

/** Deep copy of a JSON-like value with every known secret replaced. */
export function scrubValue<T>(value: T): T {
  if (known.size === 0) return value;
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v);
    return out as T;
  }
  return value;
}
