// AT-URIs (`at://<did>/<collection>/<rkey>`), DIDs and the web addresses people use.

export interface AtUri {
  did: string;
  collection: string;
  rkey: string;
}

const DID = /^did:(plc:[a-z2-7]{24}|web:[A-Za-z0-9.%:-]{1,253})$/;
const NSID = /^[a-zA-Z]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)+$/;
const RKEY = /^[A-Za-z0-9._:~-]{1,512}$/;

export const isDid = (s: string): boolean => DID.test(s);

/** A record's AT-URI with a DID authority, or null for anything else (handles, bad syntax). */
export function parseAtUri(uri: string): AtUri | null {
  const m = /^at:\/\/([^/]+)\/([^/]+)\/([^/?#]+)$/.exec(uri);
  if (!m || !isDid(m[1]!) || !NSID.test(m[2]!) || !RKEY.test(m[3]!) || m[3] === '.' || m[3] === '..') return null;
  return { did: m[1]!, collection: m[2]!, rkey: m[3]! };
}

export const POST_COLLECTION = 'app.bsky.feed.post';
export const REPOST_COLLECTION = 'app.bsky.feed.repost';
export const PROFILE_COLLECTION = 'app.bsky.actor.profile';

/** The DID of the repository an AT-URI points into, or null. */
export const didOf = (uri: string): string | null => parseAtUri(uri)?.did ?? null;

/** The profile record of an account; its AT-URI names the profile item. */
export const profileUri = (did: string): string => `at://${did}/${PROFILE_COLLECTION}/self`;

/** Where a person opens a post: `https://bsky.app/profile/<did>/post/<rkey>` (the DID outlives handle changes). */
export function webUrl(uri: string): string | undefined {
  const p = parseAtUri(uri);
  if (!p) return undefined;
  if (p.collection === POST_COLLECTION) return `https://bsky.app/profile/${p.did}/post/${p.rkey}`;
  if (p.collection === PROFILE_COLLECTION) return `https://bsky.app/profile/${p.did}`;
  return undefined;
}
