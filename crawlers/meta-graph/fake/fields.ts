// The Graph API's field selection, for the fake: `fields=a,b{c,d},e.limit(0).summary(true){f}`
// parsed, and a node projected onto it: only the asked fields (plus `id`), edges paged with their
// modifiers, sub-fields applied to nested objects and to the items of `{data:[…]}` lists.

export interface FieldSpec {
  name: string;
  /** Modifiers such as `limit(0)`, `summary(true)`, `filter(stream)`, `type(large)`. */
  mods: Record<string, string>;
  sub?: FieldSpec[] | undefined;
}

export class FieldSyntaxError extends Error {}

export function parseFields(spec: string): FieldSpec[] {
  let i = 0;
  const s = spec.replace(/\s+/g, '');
  const name = (): string => {
    const m = /^[A-Za-z0-9_]+/.exec(s.slice(i));
    if (!m) throw new FieldSyntaxError(`Syntax error "Expected field name" at character ${i}: ${s}`);
    i += m[0].length;
    return m[0];
  };
  const list = (): FieldSpec[] => {
    const out: FieldSpec[] = [];
    for (;;) {
      const f: FieldSpec = { name: name(), mods: {} };
      while (s[i] === '.') {
        i++;
        const mod = name();
        if (s[i] !== '(') throw new FieldSyntaxError(`Syntax error "Expected "(" instead of "${s[i] ?? 'end of string'}"" at character ${i}: ${s}`);
        const close = s.indexOf(')', i);
        if (close < 0) throw new FieldSyntaxError(`Syntax error "Expected ")"" at character ${i}: ${s}`);
        f.mods[mod] = s.slice(i + 1, close);
        i = close + 1;
      }
      if (s[i] === '{') {
        i++;
        f.sub = list();
        if (s[i] !== '}') throw new FieldSyntaxError(`Syntax error "Expected "}" instead of "${s[i] ?? 'end of string'}"" at character ${i}: ${s}`);
        i++;
      }
      out.push(f);
      if (s[i] !== ',') return out;
      i++;
    }
  };
  const out = list();
  if (i !== s.length) throw new FieldSyntaxError(`Syntax error "Expected end of string instead of "${s[i]}"." at character ${i}: ${s}`);
  return out;
}

export function serialiseFields(specs: FieldSpec[]): string {
  return specs
    .map((f) => `${f.name}${Object.entries(f.mods).map(([k, v]) => `.${k}(${v})`).join('')}${f.sub ? `{${serialiseFields(f.sub)}}` : ''}`)
    .join(',');
}
