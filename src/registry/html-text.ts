// Text and links of a small piece of untrusted HTML (a profile note, a profile field), read by a
// tolerant tokenizer: quoted attributes may hold '>', comments and script/style content are skipped,
// entities are decoded. Nothing is executed or fetched; the input is cut at MAX_HTML_CHARS.

export interface HtmlLink {
  href: string;
  text: string;
}

export interface HtmlText {
  /** Visible text; block elements and <br> become line breaks. */
  text: string;
  links: HtmlLink[];
}

/** Profile texts are a few hundred characters; a remote server may send anything. */
export const MAX_HTML_CHARS = 100_000;

const BLOCK_TAGS = new Set([
  'address', 'article', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'table', 'td', 'th', 'tr', 'ul',
]);
const SKIPPED_CONTENT_TAGS = new Set(['script', 'style', 'template']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '',
  hellip: '…', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  euro: '€', copy: '©', reg: '®', middot: '·', bull: '•', laquo: '«', raquo: '»', szlig: 'ß',
};
// Accented letters (&euml; &eacute; &Iuml; ...) by rule instead of a table.
const ACCENTS: Record<string, string> = { uml: '\u0308', acute: '\u0301', grave: '\u0300', circ: '\u0302', tilde: '\u0303', cedil: '\u0327' };

function decodeEntity(name: string): string | undefined {
  if (name.startsWith('#')) {
    const cp = /^#[xX]/.test(name) ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\uFFFD';
    return String.fromCodePoint(cp);
  }
  const named = NAMED_ENTITIES[name];
  if (named !== undefined) return named;
  const accent = /^([a-zA-Z])(uml|acute|grave|circ|tilde|cedil)$/.exec(name);
  return accent ? (accent[1]! + ACCENTS[accent[2]!]!).normalize('NFC') : undefined;
}

const ENTITY = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/y;

/** Decodes character references in text or an attribute value; unknown ones stay as written. */
export function decodeEntities(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const amp = s.indexOf('&', i);
    if (amp < 0) break;
    out += s.slice(i, amp);
    ENTITY.lastIndex = amp;
    const m = ENTITY.exec(s);
    const decoded = m ? decodeEntity(m[1]!) : undefined;
    if (m && decoded !== undefined) {
      out += decoded;
      i = amp + m[0].length;
    } else {
      out += '&';
      i = amp + 1;
    }
  }
  return out + s.slice(i);
}

interface Tag {
  name: string;
  closing: boolean;
  attrs: Map<string, string>;
  /** Index just after the tag. */
  end: number;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

/** Reads the tag starting at `src[start] === '<'`, or returns undefined when '<' does not open a tag. */
function readTag(src: string, start: number): Tag | undefined {
  let i = start + 1;
  const closing = src[i] === '/';
  if (closing) i++;
  const nameMatch = /[A-Za-z][A-Za-z0-9:-]*/y;
  nameMatch.lastIndex = i;
  const m = nameMatch.exec(src);
  if (!m) return undefined;
  i += m[0].length;
  const attrs = new Map<string, string>();
  while (i < src.length) {
    while (isSpace(src[i]) || src[i] === '/') i++;
    if (i >= src.length || src[i] === '>') break;
    let nameEnd = i;
    while (nameEnd < src.length && !isSpace(src[nameEnd]) && !'/>='.includes(src[nameEnd]!)) nameEnd++;
    if (nameEnd === i) nameEnd++; // a stray '=': skip it
    const attrName = src.slice(i, nameEnd).toLowerCase();
    i = nameEnd;
    while (isSpace(src[i])) i++;
    let value = '';
    if (src[i] === '=') {
      i++;
      while (isSpace(src[i])) i++;
      const q = src[i];
      if (q === '"' || q === "'") {
        const close = src.indexOf(q, i + 1);
        const valueEnd = close < 0 ? src.length : close;
        value = src.slice(i + 1, valueEnd);
        i = valueEnd + 1;
      } else {
        const valueStart = i;
        while (i < src.length && !isSpace(src[i]) && src[i] !== '>') i++;
        value = src.slice(valueStart, i);
      }
    }
    if (!attrs.has(attrName)) attrs.set(attrName, decodeEntities(value));
  }
  return { name: m[0].toLowerCase(), closing, attrs, end: Math.min(i + 1, src.length) };
}

/** Visible text and links of an HTML fragment. */
export function htmlToText(html: string): HtmlText {
  const src = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  const lower = src.toLowerCase();
  let text = '';
  const links: HtmlLink[] = [];
  let openLink: { href: string; start: number } | undefined;
  const closeLink = () => {
    if (openLink) links.push({ href: openLink.href, text: text.slice(openLink.start).trim() });
    openLink = undefined;
  };

  let i = 0;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const chunkEnd = lt < 0 ? src.length : lt;
    text += decodeEntities(src.slice(i, chunkEnd));
    i = chunkEnd;
    if (i >= src.length) break;

    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      i = end < 0 ? src.length : end + 3;
      continue;
    }
    if (src[i + 1] === '!' || src[i + 1] === '?') {
      const end = src.indexOf('>', i);
      i = end < 0 ? src.length : end + 1;
      continue;
    }
    const tag = readTag(src, i);
    if (!tag) {
      text += '<';
      i++;
      continue;
    }
    i = tag.end;
    if (BLOCK_TAGS.has(tag.name)) text += '\n';
    if (tag.name === 'a') {
      closeLink(); // links do not nest
      const href = tag.attrs.get('href');
      if (!tag.closing && href !== undefined) openLink = { href: href.trim(), start: text.length };
    } else if (!tag.closing && SKIPPED_CONTENT_TAGS.has(tag.name)) {
      const end = lower.indexOf(`</${tag.name}`, i);
      i = end < 0 ? src.length : end;
    }
  }
  closeLink();
  return { text, links };
}
