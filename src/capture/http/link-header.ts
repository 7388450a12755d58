/**
 * Parses an RFC 8288 `Link` header into rel → URL. Tolerant of spacing and quoting; ignores
 * anything it cannot read rather than guessing.
 */
export function parseLinkHeader(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  const re = /<([^>]*)>\s*((?:;\s*[^;,]+)*)/g;
  for (let m = re.exec(header); m; m = re.exec(header)) {
    const url = m[1]!;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(m[2] ?? '');
    const names = (rel?.[1] ?? rel?.[2] ?? '').split(/\s+/).filter(Boolean);
    for (const name of names) if (!(name in out)) out[name.toLowerCase()] = url;
  }
  return out;
}
