// The one way the console writes HTML: a tagged template that escapes every interpolated value,
// unless it is already HTML made by this same template. Nothing else builds markup from data.

const SAFE = Symbol('safe-html');

export interface Html {
  readonly [SAFE]: true;
  readonly value: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export const escapeHtml = (s: string): string => s.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);

const isHtml = (v: unknown): v is Html => typeof v === 'object' && v !== null && SAFE in v;

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (Array.isArray(v)) return (v as readonly Value[]).map(render).join('');
  if (isHtml(v)) return v.value;
  return escapeHtml(String(v));
}

const make = (value: string): Html => ({ [SAFE]: true, value });

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return make(out);
}

/** Only for markup that contains no data (constant strings). */
export const trusted = (constant: string): Html => make(constant);

/** A URL for an href: only our own paths and http(s), anything else (javascript:, data:) becomes inert. */
export function safeHref(url: string | null | undefined): string {
  if (!url) return '#';
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '#';
  } catch {
    return '#';
  }
}
