import { isIPv4, isIPv6 } from 'node:net';
import { before, wordsRegex } from '../text.js';
import type { Candidate } from '../types.js';
import type { Recognizer } from './recognizer.js';

// E-mail addresses, handles and IP addresses.

const EMAIL = /(?<![\p{L}\p{N}._%+@-])[\p{L}\p{N}](?:[\p{L}\p{N}._%+-]{0,62}[\p{L}\p{N}_%+-])?@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,24}(?![\p{L}\p{N}_-])/gu;

function email(text: string, ctx: Parameters<Recognizer>[1]): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(EMAIL)) {
    if (ctx.contacts.isOrganisationEmail(m[0])) continue;
    out.push({ category: 'email', start: m.index, end: m.index + m[0].length, confidence: 0.98, rule: 'email.pattern' });
  }
  return out;
}

/** `@name` (X, Instagram, TikTok) or `@name@host` (fediverse); not the host part of an e-mail address. */
const HANDLE = /(?<![\p{L}\p{N}_.@])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?:@((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}))?(?![A-Za-z0-9_@]|\.[A-Za-z0-9_])/giu;
/** Profile links name a person as surely as a mention does. */
const PROFILE_URL = /\b(?:https?:\/\/)?(?:www\.)?(?:x|twitter|instagram|tiktok|facebook|threads)\.(?:com|net)\/@?([A-Za-z0-9_.]{2,30})(?![A-Za-z0-9_])/giu;
const NOT_PROFILES = new Set(['home', 'search', 'explore', 'share', 'intent', 'hashtag', 'i', 'p', 'reel', 'watch', 'events', 'groups', 'pages', 'photo', 'photos', 'login', 'status']);

function handles(text: string, ctx: Parameters<Recognizer>[1]): Candidate[] {
  const out: Candidate[] = [];
  if (text.includes('@')) {
    for (const m of text.matchAll(HANDLE)) {
      if (ctx.contacts.isOrganisationHandle(m[1]!, m[2])) continue;
      out.push({ category: 'handle', start: m.index, end: m.index + m[0].length, confidence: 0.92, rule: m[2] ? 'handle.fediverse' : 'handle.mention' });
    }
  }
  if (/\.(?:com|net)\//i.test(text)) {
    for (const m of text.matchAll(PROFILE_URL)) {
      const user = m[1]!.replace(/\.+$/, '');
      if (NOT_PROFILES.has(user.toLowerCase()) || ctx.contacts.isOrganisationHandle(user, undefined)) continue;
      const start = m.index + m[0].length - m[1]!.length;
      out.push({ category: 'handle', start, end: start + user.length, confidence: 0.85, rule: 'handle.profile_url' });
    }
  }
  return out;
}

const IPV4 = /(?<![\p{L}\p{N}.])(?:\d{1,3}\.){3}\d{1,3}(?![\p{N}]|\.\d)/gu;
const IPV6 = /(?<![\p{L}\p{N}:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\p{L}\p{N}:])/gu;
const IP_CONTEXT = wordsRegex(['ip', 'ip-adres', 'ipadres', 'ip adres', 'ip-address', 'ip address', 'ipv4', 'ipv6', 'adres', 'address', 'server', 'router', 'modem', 'verbinding']);
/** Version numbers look like IPv4 addresses; the writer usually says so. */
const VERSION_CONTEXT = wordsRegex(['versie', 'version', 'v', 'build', 'update', 'release', 'app-versie']);

/** Private, loopback and link-local addresses identify a device on a home network, not a person online. */
function isPrivateIPv4(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number) as [number, number];
  return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

function ipAddresses(text: string): Candidate[] {
  const out: Candidate[] = [];
  if (/\d\.\d+\.\d/.test(text)) {
    for (const m of text.matchAll(IPV4)) {
      if (!isIPv4(m[0]) || isPrivateIPv4(m[0])) continue;
      const ctx = before(text, m.index, 30);
      if (VERSION_CONTEXT.test(ctx) && !IP_CONTEXT.test(ctx)) continue;
      const named = IP_CONTEXT.test(ctx);
      out.push({ category: 'ip_address', start: m.index, end: m.index + m[0].length, confidence: named ? 0.97 : 0.85, rule: named ? 'ip_address.ipv4+context' : 'ip_address.ipv4' });
    }
  }
  if (/[0-9a-f]:[0-9a-f:]/i.test(text)) {
    for (const m of text.matchAll(IPV6)) {
      // Times (12:30:45) are not addresses: require hex letters or a "::" and a valid parse.
      if (!isIPv6(m[0]) || m[0] === '::' || (!/[a-f]/i.test(m[0]) && !m[0].includes('::'))) continue;
      out.push({ category: 'ip_address', start: m.index, end: m.index + m[0].length, confidence: 0.95, rule: 'ip_address.ipv6' });
    }
  }
  return out;
}

export const online: Recognizer = (text, ctx) => [
  ...(text.includes('@') ? email(text, ctx) : []),
  ...handles(text, ctx),
  ...ipAddresses(text),
];
