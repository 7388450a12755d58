import { createHash } from 'node:crypto';

/**
 * What a post or comment says, independent of how it reached us: the text, the kinds of its media
 * in order, and the link it shares. Counters, times and the signed media URLs (new on every fetch)
 * are left out, so only an edit makes a new version, and the API and the owner's export give the
 * same key for the same content.
 */
export interface ContentFields {
  text: string;
  media: ('image' | 'video')[];
  link: string | null;
}

/** The version key of a Graph item: `sha256:` over the canonical JSON of its content fields. */
export function contentKey(c: ContentFields): string {
  const canonical = JSON.stringify([c.text, c.media, c.link]);
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}

/** Media kind from a file name, for exports that only give a path. */
export function mediaKindOf(path: string): 'image' | 'video' | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (!ext) return undefined;
  if (['jpg', 'jpeg', 'png', 'gif', 'webp', 'heic', 'heif', 'avif', 'bmp'].includes(ext)) return 'image';
  if (['mp4', 'mov', 'm4v', 'webm', '3gp'].includes(ext)) return 'video';
  return undefined;
}
