import { createHash } from 'node:crypto';
import type { Account, Manager, Registry } from '../domain/types.js';

// Registry history: a snapshot is the canonical text of a validated registry and its SHA-256, so two
// loads of an unchanged registry give the same hash whatever the comments, key order or account
// order in the file. The store keeps the snapshots; this module only computes them.

export interface RegistrySnapshot {
  canonical: string;
  sha256: string;
}

export type RegistryChange =
  | { kind: 'organisation-changed'; field: string; before?: string; after?: string; text: string }
  | { kind: 'account-added'; account: string; text: string }
  | { kind: 'account-removed'; account: string; text: string }
  | { kind: 'account-changed'; account: string; field: string; before?: string; after?: string; text: string };

/** JSON with sorted keys and without null or absent values, so equal registries give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Canonical text of a registry: account order in the file does not matter, ids are unique. */
export function canonicalRegistry(registry: Registry): string {
  const accounts = [...registry.accounts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return canonicalJson({ organisation: registry.organisation, accounts });
}

export function snapshotRegistry(registry: Registry): RegistrySnapshot {
  const canonical = canonicalRegistry(registry);
  return { canonical, sha256: createHash('sha256').update(canonical, 'utf8').digest('hex') };
}

const MAX_SHOWN = 120;

function show(value: string | undefined): string {
  if (value === undefined) return '(none)';
  const flat = value.replace(/\s+/g, ' ').trim();
  if (flat === '') return '""';
  return flat.length > MAX_SHOWN ? `${flat.slice(0, MAX_SHOWN - 1)}…` : flat;
}

const showManagers = (managers: Manager[]): string =>
  managers.map((m) => (m.email ? `${m.name} <${m.email}>` : m.name)).join('; ');

// Credentials in a validated registry are references; anything else is never printed, in case it is a secret.
const showCredentials = (ref: string): string =>
  /^env:[A-Za-z_][A-Za-z0-9_]*$/.test(ref) ? ref : '(a value that is not an env: reference, not shown)';

/** An account as field path → display text, in the order the fields are declared. */
function accountFields(account: Account): Map<string, string> {
  const out = new Map<string, string>();
  const put = (field: string, v: unknown) => {
    if (v !== undefined && v !== null) out.set(field, String(v));
  };
  for (const [key, value] of Object.entries(account)) {
    if (key === 'managers') put(key, showManagers(account.managers));
    else if (key === 'credentials') put(key, account.credentials && showCredentials(account.credentials));
    else if (value !== null && typeof value === 'object') {
      for (const [sub, v] of Object.entries(value)) put(`${key}.${sub}`, v);
    } else put(key, value);
  }
  return out;
}

function fieldChanges(before: Map<string, string>, after: Map<string, string>) {
  const fields = [...new Set([...after.keys(), ...before.keys()])];
  return fields
    .filter((f) => before.get(f) !== after.get(f))
    .map((field) => ({ field, before: before.get(field), after: after.get(field) }));
}

const summary = (a: Account): string => `${a.platform} ${a.handle}${a.instance ? ` on ${a.instance}` : ''}, ${a.status}`;

/** What changed between two versions of the registry, one line per change, for a person to read. */
export function diffRegistries(before: Registry, after: Registry): RegistryChange[] {
  const changes: RegistryChange[] = [];
  const orgFields = (r: Registry) => new Map(Object.entries(r.organisation).map(([k, v]) => [k, String(v)]));
  for (const c of fieldChanges(orgFields(before), orgFields(after))) {
    changes.push({
      kind: 'organisation-changed',
      ...c,
      text: `organisation ${c.field}: ${show(c.before)} → ${show(c.after)}`,
    });
  }
  const old = new Map(before.accounts.map((a) => [a.id, a]));
  const now = new Set(after.accounts.map((a) => a.id));
  for (const account of after.accounts) {
    const previous = old.get(account.id);
    if (!previous) {
      changes.push({ kind: 'account-added', account: account.id, text: `account ${account.id} added (${summary(account)})` });
      continue;
    }
    for (const c of fieldChanges(accountFields(previous), accountFields(account))) {
      changes.push({
        kind: 'account-changed',
        account: account.id,
        ...c,
        text: `account ${account.id}: ${c.field}: ${show(c.before)} → ${show(c.after)}`,
      });
    }
  }
  for (const account of before.accounts) {
    if (!now.has(account.id)) {
      changes.push({ kind: 'account-removed', account: account.id, text: `account ${account.id} removed (was ${summary(account)})` });
    }
  }
  return changes;
}
