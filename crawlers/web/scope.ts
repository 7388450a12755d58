// Which requests of a page may go out. Only the registered domain is archived: every other host is
// refused before any connection (and listed as blocked with the capture), the page is never
// navigated off the domain, and nothing but GET leaves the archive (a capture sends no data).
import { isUnderDomain } from '../../src/registry/browser-capture.js';

export interface Scope {
  /** The registered domain (host, subdomains included). */
  domain: string;
  /** The platform's asset hosts: images, styles and scripts may come from there, pages never. */
  assetDomains: readonly string[];
}

export interface RequestFacts {
  url: string;
  method: string;
  /** A document request of the page's main frame (a navigation). */
  mainFrameNavigation: boolean;
  /** A document request of an iframe. */
  subframeNavigation: boolean;
}

export type Verdict = { allow: true } | { allow: false; reason: BlockReason };

export type BlockReason = 'other host' | 'navigation off the domain' | 'not http' | `method ${string}`;

const under = (url: URL, domains: readonly string[]) => domains.some((d) => isUnderDomain(url, d));

export function judgeRequest(r: RequestFacts, scope: Scope): Verdict {
  let url: URL;
  try {
    url = new URL(r.url);
  } catch {
    return { allow: false, reason: 'not http' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { allow: false, reason: 'not http' };
  const own = isUnderDomain(url, scope.domain);
  if (r.mainFrameNavigation && !own) return { allow: false, reason: 'navigation off the domain' };
  if (!own && (r.subframeNavigation || !under(url, scope.assetDomains))) return { allow: false, reason: 'other host' };
  if (r.method !== 'GET') return { allow: false, reason: `method ${r.method.slice(0, 16)}` };
  return { allow: true };
}
