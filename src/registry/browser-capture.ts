// Browser capture of listed page URLs (platform `web`, and LinkedIn or TikTok post URLs): which
// domain an account is registered for, and whether a URL lies under it. The registry refuses URLs
// off the domain; the crawler uses the same rule for every request a page makes.
import type { Platform } from '../domain/types.js';

/** Platforms captured by loading listed page URLs in a browser. */
export const BROWSER_CAPTURE_PLATFORMS = ['web', 'linkedin', 'tiktok'] as const satisfies readonly Platform[];
export type BrowserCapturePlatform = (typeof BROWSER_CAPTURE_PLATFORMS)[number];

export const isBrowserCapturePlatform = (p: unknown): p is BrowserCapturePlatform =>
  (BROWSER_CAPTURE_PLATFORMS as readonly unknown[]).includes(p);

/** The domain of a platform with one fixed site, used when the registry names neither `domain` nor `instance`. */
export const PLATFORM_DOMAINS: Partial<Record<BrowserCapturePlatform, string>> = {
  linkedin: 'linkedin.com',
  tiktok: 'tiktok.com',
};

/** A registry lists the pages of an account, not a crawl frontier. */
export const MAX_PAGE_URLS = 10_000;

/** What a browser-capture account adds to a registry entry. */
export interface BrowserCaptureFields {
  /** The registered domain: the host (and its subdomains) whose pages may be captured. */
  domain?: string | undefined;
  /** The page URLs to capture; each is one archived item. */
  urls?: string[] | undefined;
}

const isLoopback = (hostname: string): boolean =>
  hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);

/** Why a `domain:` value is refused, or undefined when it is a plain host name (with a port only for loopback). */
export function domainProblem(value: string): string | undefined {
  const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 79)}…` : value);
  if (/[/@?#\s]/.test(value)) return `not a domain name: ${shown} (write only the host, e.g. voorbeeldstad.nl, without https:// or a path)`;
  let url: URL;
  try {
    url = new URL(`http://${value}`);
  } catch {
    return `not a domain name: ${shown} (expected e.g. voorbeeldstad.nl)`;
  }
  if (url.host !== value) return `write the domain as ${JSON.stringify(url.host)} (lower case; punycode for international names)`;
  if (url.port && !isLoopback(url.hostname)) return 'a port is only allowed for a loopback host (localhost, 127.0.0.0/8, ::1)';
  if (!isLoopback(url.hostname) && !url.hostname.includes('.')) {
    return `${shown} is a top-level domain on its own; name the organisation's domain (e.g. voorbeeldstad.nl)`;
  }
  return undefined;
}

/**
 * The domain an account's pages must lie under: `domain:`, else the host of `instance:`, else the
 * platform's own site. Undefined when none applies (a `web` account with neither field).
 */
export function registeredDomain(account: { platform: string; instance?: string | undefined } & BrowserCaptureFields): string | undefined {
  if (account.domain) return account.domain;
  if (account.instance) {
    try {
      return new URL(account.instance).host;
    } catch {
      return undefined;
    }
  }
  return isBrowserCapturePlatform(account.platform) ? PLATFORM_DOMAINS[account.platform] : undefined;
}

/** True when the URL's host is the domain or a subdomain of it, on the domain's port. */
export function isUnderDomain(url: URL, domain: string): boolean {
  let d: URL;
  try {
    d = new URL(`${url.protocol}//${domain}`);
  } catch {
    return false;
  }
  if (url.port !== d.port) return false;
  return url.hostname === d.hostname || url.hostname.endsWith(`.${d.hostname}`);
}

/** Why a page URL is refused for capture under `domain`, or undefined when it may be captured. */
export function pageUrlProblem(value: string, domain: string | undefined): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `not an absolute URL: ${JSON.stringify(value.slice(0, 80))} (expected e.g. https://www.voorbeeldstad.nl/nieuws/...)`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `unsupported scheme ${url.protocol}// (expected https://)`;
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) return `http:// is only allowed for a loopback host; use https://${url.host}${url.pathname}`;
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.hash) return 'must not contain a fragment (#...): the page is captured whole';
  if (domain !== undefined && !isUnderDomain(url, domain)) return `${url.host} is not under the account's domain ${domain}; only pages of that domain are captured`;
  return undefined;
}

/** The form a page URL is stored and compared in (the item's platform id and uri). */
export const canonicalPageUrl = (value: string): string => new URL(value).href;
