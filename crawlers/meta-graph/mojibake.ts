// Meta's "Download your information" JSON writes text as UTF-8 bytes escaped one by one as Latin-1
// code points: "é" (C3 A9) arrives as "\u00c3\u00a9", an emoji as four such escapes. The repair is
// exactly the inverse: a string whose characters are all below U+0100 and whose bytes, read that way,
// are valid UTF-8 with at least one multi-byte sequence, is decoded; every other string is left as it
// is (plain ASCII, text that was never mangled, and Latin-1 text that is not valid UTF-8 as bytes).

const strict = new TextDecoder('utf-8', { fatal: true });

export function repairMetaText(s: string): string {
  let multiByte = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return s;
    if (c >= 0x80) multiByte = true;
  }
  if (!multiByte) return s;
  try {
    return strict.decode(Buffer.from(s, 'latin1'));
  } catch {
    return s;
  }
}

/** Repairs every string (values and keys) of a parsed export document. */
export function repairDeep<T>(value: T): T {
  if (typeof value === 'string') return repairMetaText(value) as T;
  if (Array.isArray(value)) return value.map((v) => repairDeep(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[repairMetaText(k)] = repairDeep(v);
    return out as T;
  }
  return value;
}

/** The mangling itself, for fakes and tests: UTF-8 bytes as Latin-1 characters, written as `\u00XX` escapes like Meta's files. */
export function mangleMetaJson(value: unknown, indent = 2): string {
  const mangled = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return mangled(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [mangled(k), walk(x)]));
    return v;
  };
  return JSON.stringify(walk(value), null, indent).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
