// Post text with facets, as a client writes it: mentions, links and tags marked with UTF-8 byte
// offsets, long links shortened in the visible text (the facet keeps the whole address).
import type { FakeActor, FakeFacet } from './store.js';

export type Segment = string | { mention: FakeActor } | { link: string; shown?: string } | { tag: string };

/** The Bluesky app's short form of a link: no scheme, the path cut after 15 characters. */
export function shortLink(url: string): string {
  const u = new URL(url);
  const path = `${u.pathname === '/' ? '' : u.pathname}${u.search}`;
  return `${u.host}${path.length > 15 ? `${path.slice(0, 13)}...` : path}`;
}

export function richText(segments: readonly Segment[]): { text: string; facets: FakeFacet[] } {
  let text = '';
  const facets: FakeFacet[] = [];
  const mark = (shown: string, feature: FakeFacet['features'][number]) => {
    const byteStart = Buffer.byteLength(text, 'utf8');
    text += shown;
    facets.push({ index: { byteStart, byteEnd: Buffer.byteLength(text, 'utf8') }, features: [feature] });
  };
  for (const s of segments) {
    if (typeof s === 'string') text += s;
    else if ('mention' in s) mark(`@${s.mention.handle}`, { $type: 'app.bsky.richtext.facet#mention', did: s.mention.did });
    else if ('link' in s) mark(s.shown ?? shortLink(s.link), { $type: 'app.bsky.richtext.facet#link', uri: s.link });
    else mark(`#${s.tag}`, { $type: 'app.bsky.richtext.facet#tag', tag: s.tag });
  }
  return { text, facets };
}
