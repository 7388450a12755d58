// File and folder names inside a package. The MDTO SIP rules: at most 255 characters, none of
// < > : " / \ | ? * # & or a space, unique in the delivery. We add what keeps a package usable on every
// system an archive might unpack it on: no control characters, no leading dot or dash, no trailing
// dot, no reserved Windows device names, uniqueness regardless of letter case. Generated names are
// plain ASCII; titles keep their full text in the metadata.

export const MAX_NAME = 255;
export const OBJECT_SIDECAR_SUFFIX = '.MDTO.xml';
export const FILE_SIDECAR_SUFFIX = '.bestand.MDTO.xml';

const FORBIDDEN = /[<>:"/\\|?*#& ]/u;
// C0 and C1 controls and DEL.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Every way `name` breaks the naming rules, as messages; empty when it is fine. */
export function nameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length === 0) problems.push('empty name');
  if ([...name].length > MAX_NAME) problems.push(`longer than ${MAX_NAME} characters`);
  else if (Buffer.byteLength(name, 'utf8') > MAX_NAME) problems.push(`longer than ${MAX_NAME} bytes in UTF-8`);
  const bad = name.match(FORBIDDEN);
  if (bad) problems.push(`contains a forbidden character ${JSON.stringify(bad[0])}`);
  if (CONTROL.test(name)) problems.push('contains a control character');
  if (/^[.-]/.test(name)) problems.push('starts with a dot or dash');
  if (/\.$/.test(name)) problems.push('ends with a dot');
  if (RESERVED.test(name.split('.')[0] ?? '')) problems.push('is a reserved Windows device name');
  return problems;
}

/** True when a name ends like an MDTO sidecar (`.mdto.xml`, any case). */
export const isSidecarName = (name: string): boolean => name.toLowerCase().endsWith('.mdto.xml');

/** Splits `photo.final.jpg` into `photo.final` and `.jpg`; only short alphanumeric extensions count. */
function splitExtension(name: string): [string, string] {
  const m = /^(.+?)(\.[A-Za-z0-9]{1,10})$/.exec(name);
  return m ? [m[1]!, m[2]!] : [name, ''];
}

/**
 * A safe ASCII name for `raw`, at most `max` characters: accents dropped, anything else outside
 * `[A-Za-z0-9._-]` becomes `_`, no leading dot/dash, no trailing dot, no reserved device name.
 * Pure and deterministic; uniqueness is NameRegistry's job.
 */
export function safeName(raw: string, max = MAX_NAME, fallback = 'naamloos'): string {
  let s = raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '')
    .replace(/\.+$/, '');
  if (s === '' || s === '_') s = fallback;
  if (RESERVED.test(s.split('.')[0] ?? '')) s = `${s.split('.')[0]}_${s.slice(s.split('.')[0]!.length)}`;
  if (isSidecarName(s)) s = `${s.slice(0, -'.mdto.xml'.length)}_mdto.xml`;
  return truncate(s, max);
}

/** Cuts `name` to `max` characters, keeping its extension, without leaving a trailing dot or dash. */
function truncate(name: string, max: number): string {
  if (name.length <= max) return name;
  const [base, ext] = splitExtension(name);
  const keep = Math.max(1, max - ext.length);
  return `${base.slice(0, keep).replace(/[.]+$/, '')}${ext}`.slice(0, max);
}

/**
 * Hands out names that are unique in the whole package (case-insensitively), including the sidecar
 * names they imply. A clash gets `-2`, `-3`, ... before the extension, cut so the result still fits.
 * The same sequence of requests always yields the same names.
 */
export class NameRegistry {
  private readonly taken = new Set<string>();

  private free(names: string[]): boolean {
    return names.every((n) => !this.taken.has(n.toLowerCase()));
  }

  private claim(raw: string, sidecarSuffix: string): string {
    const max = MAX_NAME - sidecarSuffix.length;
    const first = safeName(raw, max);
    const [base, ext] = splitExtension(first);
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : `-${n}`;
      const candidate = n === 1 ? first : `${base.slice(0, Math.max(1, max - ext.length - suffix.length))}${suffix}${ext}`;
      const names = [candidate, `${candidate}${sidecarSuffix}`];
      if (this.free(names)) {
        for (const x of names) this.taken.add(x.toLowerCase());
        return candidate;
      }
    }
  }

  /** A folder name for an informatieobject; its sidecar is `<name>.MDTO.xml`. */
  object(raw: string): string {
    return this.claim(raw, OBJECT_SIDECAR_SUFFIX);
  }

  /** A file name; its sidecar is `<name>.bestand.MDTO.xml`. */
  file(raw: string): string {
    return this.claim(raw, FILE_SIDECAR_SUFFIX);
  }

  /** Reserves a name the package needs for itself (e.g. BagIt tag files), so nothing else gets it. */
  reserve(name: string): void {
    this.taken.add(name.toLowerCase());
  }
}
