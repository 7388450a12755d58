// X sends plain text with `&`, `<` and `>` escaped as HTML entities (the API and the archive alike),
// links shortened to t.co, and a t.co link to the post's media at the end. These helpers give the
// text a person reads: entities decoded, links written out, media links left out.

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,5});/g, (all, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isInteger(cp) && cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : all;
    }
    return NAMED[e] ?? all;
  });
}

export interface ShortLink {
  /** The t.co address in the text. */
  url: string;
  /** Where it leads; undefined leaves the short link as it is. */
  expanded?: string | undefined;
  /** A link to the post's own media: left out of the text (the media are listed on their own). */
  media?: boolean;
}

/** Plain text: short links written out, media links left out, entities decoded, trailing space trimmed. */
export function plainText(text: string, links: readonly ShortLink[]): string {
  let out = text;
  // Longest first, so a short link that is a prefix of another cannot break it.
  for (const l of [...links].sort((a, b) => b.url.length - a.url.length)) {
    if (!l.url) continue;
    out = out.split(l.url).join(l.media ? '' : (l.expanded ?? l.url));
  }
  return decodeEntities(out).replace(/[ \t]+$/gm, '').replace(/\s+$/, '');
}

/** The application of a post, from the archive's `source` anchor (`<a href="…" rel="nofollow">Name</a>`). */
export function sourceApplication(source: unknown): { name: string; website: string | null } | null {
  if (typeof source !== 'string' || source.trim() === '') return null;
  const m = /^<a\s+href="([^"]*)"[^>]*>([^<]*)<\/a>$/i.exec(source.trim());
  if (!m) return { name: decodeEntities(source.trim()).slice(0, 200), website: null };
  return { name: decodeEntities(m[2]!), website: /^https?:\/\//i.test(m[1]!) ? m[1]! : null };
}
