// Who published a listed page. LinkedIn and TikTok name the author in a post's address; an owner
// may list a post of someone else (a partner's post the organisation answered under), and that post
// must not be archived as the account's own. A website's pages are the organisation's.
import type { BrowserCapturePlatform } from '../../src/registry/browser-capture.js';

/** The author handle a post address names, when the platform puts one there. */
export function authorInUrl(platform: BrowserCapturePlatform, url: string): string | undefined {
  const path = new URL(url).pathname;
  if (platform === 'linkedin') return /^\/posts\/([A-Za-z0-9-]{2,100})_/.exec(path)?.[1];
  if (platform === 'tiktok') return /^\/@([A-Za-z0-9._]{1,100})\/(video|photo)\//.exec(path)?.[1];
  return undefined;
}

const same = (a: string, b: string) => a.replace(/^@/, '').toLowerCase() === b.replace(/^@/, '').toLowerCase();

export function pageAuthorship(platform: BrowserCapturePlatform, url: string, accountHandle: string): { handle: string; thirdParty: boolean } {
  const named = authorInUrl(platform, url);
  if (!named || same(named, accountHandle)) return { handle: accountHandle, thirdParty: false };
  return { handle: named, thirdParty: true };
}
