// Mastodon's HTML for plain text (app/lib/text_formatter.rb, 4.x): paragraphs, <br />, links with
// invisible/ellipsis spans, h-card mentions, hashtags. URLs of the fake's own host are written with
// BASE as a placeholder and filled in per server, so a dataset does not depend on a port.

export const BASE = '@@BASE@@';

/** Replace the base placeholder with the server's origin. */
export function withBase(html: string, base: string): string {
  return html.includes(BASE) ? html.split(BASE).join(base) : html;
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A link as Mastodon renders it: scheme and `www.` invisible, display cut at 30 characters. */
export function linkHtml(url: string, rel = 'nofollow noopener'): string {
  const m = /^(https?:\/\/(?:www\.)?)(.*)$/.exec(url);
  const prefix = m?.[1] ?? '';
  const rest = m?.[2] ?? url;
  const shown = rest.slice(0, 30);
  const hidden = rest.slice(30);
  const cls = hidden ? 'ellipsis' : '';
  return (
    `<a href="${escapeHtml(url)}" target="_blank" rel="${rel}" translate="no">` +
    `<span class="invisible">${escapeHtml(prefix)}</span><span class="${cls}">${escapeHtml(shown)}</span>` +
    `<span class="invisible">${escapeHtml(hidden)}</span></a>`
  );
}

export function mentionHtml(profileUrl: string, username: string): string {
  return `<span class="h-card" translate="no"><a href="${profileUrl}" class="u-url mention">@<span>${escapeHtml(username)}</span></a></span>`;
}

export function hashtagHtml(tag: string): string {
  return `<a href="${BASE}/tags/${encodeURIComponent(tag.toLowerCase())}" class="mention hashtag" rel="tag">#<span>${escapeHtml(tag)}</span></a>`;
}

/** Something the text may mention: `@username` or `@username@domain`. */
export interface Mentionable {
  /** As written in text, without the leading @ (e.g. `voorbeeldstad`, `jan@mastodon.social`). */
  handle: string;
  username: string;
  profileUrl: string;
}

export interface Formatted {
  html: string;
  tags: string[];
  /** Handles of the mentioned accounts, in order of appearance, without duplicates. */
  mentions: string[];
}

// As Mastodon: a hashtag needs a letter, and neither a tag nor a mention may follow a word
// character (so `piet@example.nl` stays an e-mail address and `nr#12` stays text).
const TOKEN =
  /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)])|(?<![\p{L}\p{N}_/)])(#[\p{N}_]*\p{L}[\p{L}\p{N}_]*)|(?<![\p{L}\p{N}_/.])(@[a-z0-9_]+(?:@[a-z0-9.-]+\.[a-z]{2,})?)/giu;

/** Plain text to Mastodon HTML. Blank lines separate paragraphs; a single newline is a <br />. */
export function formatText(text: string, mentionables: ReadonlyMap<string, Mentionable>): Formatted {
  const tags: string[] = [];
  const mentions: string[] = [];
  const paragraphs = text.trim().split(/\n{2,}/);
  const html = paragraphs
    .map((para) => {
      const lines = para.split('\n').map((line) => formatLine(line, mentionables, tags, mentions));
      return `<p>${lines.join('<br />')}</p>`;
    })
    .join('');
  return { html, tags, mentions };
}

function formatLine(line: string, mentionables: ReadonlyMap<string, Mentionable>, tags: string[], mentions: string[]): string {
  let out = '';
  let last = 0;
  for (const m of line.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    out += escapeHtml(line.slice(last, at));
    const [whole, url, tag, mention] = m;
    if (url) {
      out += linkHtml(url);
    } else if (tag) {
      const name = tag.slice(1);
      if (!tags.includes(name.toLowerCase())) tags.push(name.toLowerCase());
      out += hashtagHtml(name);
    } else if (mention) {
      const target = mentionables.get(mention.slice(1).toLowerCase());
      if (target) {
        if (!mentions.includes(target.handle)) mentions.push(target.handle);
        out += mentionHtml(target.profileUrl, target.username);
      } else {
        out += escapeHtml(whole);
      }
    }
    last = at + whole.length;
  }
  return out + escapeHtml(line.slice(last));
}
