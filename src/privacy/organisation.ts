import type { OrganisationContacts } from './types.js';

/** Organisation contact details compiled for fast lookups during a scan. */
export interface KnownContacts {
  isOrganisationHandle(user: string, host: string | undefined): boolean;
  isOrganisationPhone(digits: string): boolean;
  isOrganisationEmail(address: string): boolean;
  isOrganisationAddress(address: string): boolean;
}

/** Phone digits in national form (+31 6… and 0031 6… become 06…), for comparison. */
export function nationalDigits(raw: string): string {
  let d = raw.replace(/\(0\)/g, '').replace(/\D/g, '');
  if (d.startsWith('0031')) d = `0${d.slice(4)}`;
  else if (raw.trim().startsWith('+31')) d = `0${d.slice(2)}`;
  return d;
}

const squash = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

export function compileContacts(c: OrganisationContacts): KnownContacts {
  const exact = new Set<string>();
  const hosts = new Set<string>();
  for (const h of c.handles) {
    const v = h.trim().replace(/^@/, '').toLowerCase();
    if (v.startsWith('*@')) hosts.add(v.slice(2));
    else exact.add(v);
  }
  const phones = new Set(c.phones.map(nationalDigits));
  const emails = new Set(c.emails.map((e) => e.trim().toLowerCase()));
  const generic = new Set(c.genericMailboxes.map((e) => e.trim().toLowerCase()));
  const addresses = new Set(c.addresses.map(squash));
  return {
    isOrganisationHandle(user, host) {
      const u = user.toLowerCase();
      if (host === undefined) return exact.has(u);
      const h = host.toLowerCase();
      return hosts.has(h) || exact.has(`${u}@${h}`);
    },
    isOrganisationPhone: (digits) => phones.has(digits),
    isOrganisationEmail(address) {
      const a = address.toLowerCase();
      const local = a.slice(0, a.lastIndexOf('@'));
      return emails.has(a) || generic.has(local);
    },
    isOrganisationAddress: (address) => addresses.has(squash(address)),
  };
}
