// What a thread rendition shows, and a fingerprint of it: a thread is rendered again only when
// what it would show changed (a new reply, a new version, a deletion, other media).
import { createHash } from 'node:crypto';
import type { RenderedItem, ThreadMember } from '../store/formats-store.js';

/**
 * Bump when the template changes what a rendition shows; existing renditions stay as they are
 * (they document the thread at their time) and every thread is rendered once more.
 */
export const RENDITION_LAYOUT = 'thread-layout-1';

export function renderedItems(members: readonly ThreadMember[]): RenderedItem[] {
  return members.map((m) => ({
    platformId: m.platformId,
    versionKey: m.versionKey,
    payloadSha256: m.payloadSha256,
    foundDeletedAt: m.foundDeletedAt,
    media: m.media.map((x) => x.sha256),
  }));
}

/** Same items, versions, deletions, media, layout and language → same fingerprint. */
export function renditionFingerprint(shows: readonly RenderedItem[], lang: string): string {
  const canonical = [...shows]
    .sort((a, b) => (a.platformId < b.platformId ? -1 : a.platformId > b.platformId ? 1 : 0))
    .map((i) => [i.platformId, i.versionKey, i.payloadSha256, i.foundDeletedAt, i.media]);
  return createHash('sha256').update(JSON.stringify([RENDITION_LAYOUT, lang, canonical])).digest('hex');
}
