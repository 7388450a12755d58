// What goes into a transfer: which accounts, which period, and the package's id and title that
// follow from them. Pure: the registry and the command's options in, a checked selection out.
import { createHash } from 'node:crypto';
import type { Account, Registry } from '../domain/types.js';
import { UserError } from '../domain/errors.js';

export interface PackageSelection {
  accounts: Account[];
  /** First and last day (YYYY-MM-DD, UTC, both included). */
  from: string;
  to: string;
  /** The day after `to`: publication times are compared as `from <= t < before`. */
  before: string;
  allowUnreviewed: boolean;
  /** Package id: the same selection gives the same id, so a rebuild gives the same bytes. */
  id: string;
  title: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(value: string, what: string): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (!DATE.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new UserError('package.bad-date', `${what} "${value}" is not a date; write YYYY-MM-DD`);
  }
  return value;
}

export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** A name part of the package id: lower-case ASCII letters, digits and dashes. */
const slug = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'pakket';

export function resolveSelection(
  registry: Registry,
  opts: { from: string; to: string; accounts?: string[] | undefined; allowUnreviewed?: boolean | undefined },
): PackageSelection {
  const from = checkDate(opts.from, '--from');
  const to = checkDate(opts.to, '--to');
  if (to < from) throw new UserError('package.bad-period', `--to ${to} is before --from ${from}`);
  const known = registry.accounts.map((a) => a.id);
  const asked = opts.accounts?.length ? [...new Set(opts.accounts)] : undefined;
  const unknown = (asked ?? []).filter((id) => !known.includes(id));
  if (unknown.length) throw new UserError('package.unknown-account', `unknown account ${unknown.join(', ')}; registered: ${known.join(', ') || 'none'}`);
  // Registry order, whatever order the options came in: the same selection gives the same package.
  const accounts = registry.accounts.filter((a) => !asked || asked.includes(a.id));
  if (accounts.length === 0) throw new UserError('package.no-accounts', 'the registry has no accounts to package');

  const subset = asked !== undefined && accounts.length < registry.accounts.length;
  let base = slug(registry.organisation.name);
  if (subset) base = accounts.length === 1 ? accounts[0]!.id : `${base}-${createHash('sha256').update(accounts.map((a) => a.id).join('\n')).digest('hex').slice(0, 8)}`;
  const period = `${from}-${to}`;
  const id = `${base.slice(0, 81 - period.length - 1).replace(/-+$/, '')}-${period}`;
  const who = subset ? ` (${accounts.map((a) => `@${a.handle}`).join(', ')})` : '';
  const title = `Sociale media ${registry.organisation.name}${who}, ${from} t/m ${to}`;
  return { accounts, from, to, before: dayAfter(to), allowUnreviewed: opts.allowUnreviewed === true, id, title };
}
