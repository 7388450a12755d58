// A small HTML tokenizer for platform post markup, and the two things built on it: plain text for
// people and search, and the allow-list sanitiser used before post HTML reaches a rendering page.
// Post HTML is hostile: nothing here executes or resolves anything, it only reads characters.

export type HtmlToken =
  | { type: 'text'; text: string }
  | { type: 'start'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { type: 'end'; name: string };

/** Elements whose content is raw text up to the matching end tag, as browsers parse them. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', mdash: '—', ndash: '–',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', euro: '€', pound: '£', copy: '©',
  reg: '®', trade: '™', deg: '°', middot: '·', bull: '•', times: '×', shy: '\u00ad', zwj: '\u200d', zwnj: '\u200c',
  eacute: 'é', egrave: 'è', euml: 'ë', iuml: 'ï', ouml: 'ö', uuml: 'ü', auml: 'ä', ccedil: 'ç', aacute: 'á', oacute: 'ó',
};

// Accented letters (&euml; &eacute; &Iuml; ...) by rule instead of a table.
const ACCENTS: Record<string, string> = { uml: '\u0308', acute: '\u0301', grave: '\u0300', circ: '\u0302', tilde: '\u0303', cedil: '\u0327', ring: '\u030a' };

function accented(name: string): string | undefined {
  const m = /^([a-zA-Z])(uml|acute|grave|circ|tilde|cedil|ring)$/.exec(name);
  return m ? (m[1]! + ACCENTS[m[2]!]!).normalize('NFC') : undefined;
}

/** Decodes character references; unknown named references stay as written, as browsers do. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});?/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      // As browsers do: every digit belongs to the reference, however many there are.
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[ref] ?? accented(ref);
    return named !== undefined && whole.endsWith(';') ? named : named ?? whole;
  });
}

const ATTR = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

function parseAttrs(src: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of src.matchAll(ATTR)) {
    const name = m[1]!.toLowerCase();
    if (!(name in attrs)) attrs[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

export function tokenizeHtml(html: string): HtmlToken[] {
  const out: HtmlToken[] = [];
  let i = 0;
  const text = (t: string) => {
    if (t) out.push({ type: 'text', text: decodeEntities(t) });
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text(html.slice(i));
      break;
    }
    text(html.slice(i, lt));
    const rest = html.slice(lt);
    let m: RegExpExecArray | null;
    if (rest.startsWith('<!--')) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
    } else if ((m = /^<\/([A-Za-z][\w:-]*)[^>]*>/.exec(rest))) {
      out.push({ type: 'end', name: m[1]!.toLowerCase() });
      i = lt + m[0].length;
    } else if ((m = /^<([A-Za-z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/.exec(rest))) {
      const name = m[1]!.toLowerCase();
      const attrSrc = m[2] ?? '';
      const selfClosing = /\/\s*$/.test(attrSrc);
      out.push({ type: 'start', name, attrs: parseAttrs(attrSrc.replace(/\/\s*$/, '')), selfClosing });
      i = lt + m[0].length;
      if (RAW_TEXT.has(name) && !selfClosing) {
        const close = html.toLowerCase().indexOf(`</${name}`, i);
        const body = html.slice(i, close < 0 ? html.length : close);
        if (body) out.push({ type: 'text', text: name === 'textarea' || name === 'title' ? decodeEntities(body) : body });
        if (close < 0) i = html.length;
        else {
          const gt = html.indexOf('>', close);
          out.push({ type: 'end', name });
          i = gt < 0 ? html.length : gt + 1;
        }
      }
    } else if (/^<[!?]/.test(rest)) {
      const gt = html.indexOf('>', lt);
      i = gt < 0 ? html.length : gt + 1;
    } else {
      text('<');
      i = lt + 1;
    }
  }
  return out;
}

const BLOCK = new Set([
  'p', 'div', 'blockquote', 'pre', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article',
  'header', 'footer', 'table', 'tr', 'figure', 'figcaption', 'hr', 'dl', 'dt', 'dd',
]);
const PARAGRAPH = new Set(['p', 'blockquote', 'pre', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'figure', 'hr']);
/** Never shown by a browser; their content is not text of the post. */
const HIDDEN = new Set(['script', 'style', 'template', 'head', 'title']);

/**
 * Plain text of post HTML: paragraphs separated by a blank line, `<br>` as a newline, entities
 * decoded, whitespace collapsed as a browser does. Mastodon's `invisible` link spans are kept, so a
 * shortened link reads as its full URL (the `ellipsis` span is only a display cut).
 */
export function htmlToPlainText(html: string): string {
  let out = '';
  let pre = 0;
  let hidden = 0;
  const ensureBreak = (n: number) => {
    if (!out) return;
    out = out.replace(/[ \t]+$/, '');
    const have = /\n*$/.exec(out)![0].length;
    if (have < n) out += '\n'.repeat(n - have);
  };
  for (const t of tokenizeHtml(html)) {
    if (t.type === 'text') {
      if (hidden) continue;
      let s = pre ? t.text : t.text.replace(/[ \t\n\r\f]+/g, ' ');
      if (!pre && (out === '' || out.endsWith('\n') || out.endsWith(' '))) s = s.replace(/^ /, '');
      out += s.replace(/\u00a0/g, ' ');
    } else if (t.type === 'start') {
      if (HIDDEN.has(t.name)) hidden++;
      else if (t.name === 'br') out = out.replace(/[ \t]+$/, '') + '\n';
      else if (t.name === 'pre') {
        ensureBreak(2);
        pre++;
      } else if (BLOCK.has(t.name)) ensureBreak(PARAGRAPH.has(t.name) ? 2 : 1);
      if (t.selfClosing && HIDDEN.has(t.name)) hidden--;
    } else {
      if (HIDDEN.has(t.name)) hidden = Math.max(0, hidden - 1);
      else if (t.name === 'pre') pre = Math.max(0, pre - 1);
      if (BLOCK.has(t.name)) ensureBreak(PARAGRAPH.has(t.name) ? 2 : 1);
    }
  }
  return out.replace(/[ \t]+\n/g, '\n').trim();
}

export interface HtmlLink {
  href: string;
  text: string;
}

/** The links of post or profile HTML with their visible text (links do not nest). */
export function htmlLinks(html: string): HtmlLink[] {
  const links: HtmlLink[] = [];
  let open: { href: string; text: string } | undefined;
  let hidden = 0;
  const close = () => {
    if (open) links.push({ href: open.href, text: open.text.replace(/\s+/g, ' ').trim() });
    open = undefined;
  };
  for (const t of tokenizeHtml(html)) {
    if (t.type === 'start' && HIDDEN.has(t.name) && !t.selfClosing) hidden++;
    else if (t.type === 'end' && HIDDEN.has(t.name)) hidden = Math.max(0, hidden - 1);
    else if (t.type === 'start' && t.name === 'a') {
      close();
      if (t.attrs.href !== undefined) open = { href: t.attrs.href.trim(), text: '' };
    } else if (t.type === 'end' && t.name === 'a') close();
    else if (t.type === 'text' && open && !hidden) open.text += t.text;
  }
  close();
  return links;
}

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** An href that may stay a live link: absolute http(s), no whitespace or control characters. */
export function safeHref(href: string): string | undefined {
  const h = href.trim();
  return /^https?:\/\/[^\s\u0000-\u001f\u007f<>"']+$/i.test(h) ? h : undefined;
}

const SPAN_CLASSES = new Set(['invisible', 'ellipsis']);

/**
 * Reduces post HTML to an allow-list: `p`, `br`, `span` (class `invisible`/`ellipsis` only) and
 * `a` with an absolute http(s) href. Every other element is dropped and its text kept as text;
 * script and style content is dropped. All attributes other than those are removed, so no event
 * handler, style or URL survives. The output is safe to place in a page with JavaScript disabled.
 */
export function sanitisePostHtml(html: string): string {
  let out = '';
  const open: string[] = [];
  let hidden = 0;
  for (const t of tokenizeHtml(html)) {
    if (t.type === 'text') {
      if (!hidden) out += escapeHtml(t.text);
    } else if (t.type === 'start') {
      if (HIDDEN.has(t.name)) {
        if (!t.selfClosing) hidden++;
      } else if (hidden) continue;
      else if (t.name === 'br') out += '<br>';
      else if (t.name === 'p' || t.name === 'span') {
        const cls = t.name === 'span' ? (t.attrs.class ?? '').split(/\s+/).filter((c) => SPAN_CLASSES.has(c)) : [];
        out += cls.length ? `<span class="${cls.join(' ')}">` : `<${t.name}>`;
        open.push(t.name);
      } else if (t.name === 'a') {
        const href = safeHref(t.attrs.href ?? '');
        if (href) {
          out += `<a href="${escapeHtml(href)}">`;
          open.push('a');
        } else open.push('a-inert');
      } else if (BLOCK.has(t.name)) out += open.includes('p') ? '<br>' : '';
    } else {
      if (HIDDEN.has(t.name)) {
        hidden = Math.max(0, hidden - 1);
        continue;
      }
      if (hidden) continue;
      const want = t.name === 'a' ? ['a', 'a-inert'] : [t.name];
      const at = open.findLastIndex((n) => want.includes(n));
      if (at < 0) continue;
      // Close everything opened inside the element too, so the output is always well nested.
      for (const n of open.splice(at).reverse()) if (n !== 'a-inert') out += `</${n}>`;
    }
  }
  for (const n of open.reverse()) if (n !== 'a-inert') out += `</${n}>`;
  return out;
}
