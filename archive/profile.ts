// The receiving-archive profile (`config/archive-profile.yaml`): what the e-Depot accepts, as agreed
// in its connection terms. Validated on load; a profile with any problem is not used at all.
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { offsetOf } from '../src/config/yaml-path.js';
import { UserError } from '../src/domain/errors.js';

const UNITS: Record<string, number> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KIB: 1024,
  MIB: 1024 ** 2,
  GIB: 1024 ** 3,
  TIB: 1024 ** 4,
};

/** `4 GB`, `500 MiB`, `1000000` → bytes (decimal units are powers of 1000, binary ones of 1024). */
export function parseSize(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([KMGT]i?B|B)?\s*$/i.exec(value);
  if (!m) return undefined;
  const bytes = Math.floor(Number(m[1]) * (UNITS[(m[2] ?? 'B').toUpperCase()] ?? NaN));
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

const size = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const bytes = parseSize(v);
  if (bytes === undefined) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(v)} is not a size; write bytes or e.g. "4 GB", "500 MiB"` });
    return z.NEVER;
  }
  return bytes;
});

const text = (max: number) => z.string().trim().min(1).max(max);

export const archiveProfileSchema = z
  .object({
    receiver: z.object({ name: text(200) }).strict(),
    target: z
      .object({
        /** Identifier of the collection (archive) in the target system that the delivery belongs in. */
        collection: text(500),
        /** Name of that collection. */
        name: text(500),
        /** Who issued the collection identifier (identificatieBron). */
        source: text(200),
      })
      .strict(),
    container: z.enum(['zip', 'tar']).default('zip'),
    volume: z
      .object({
        maxBytes: size,
        maxFiles: z.number().int().min(4).max(10_000_000),
      })
      .strict(),
    bagit: z.boolean().default(false),
    contact: z.object({ name: text(200), email: z.email().max(254) }).strict(),
  })
  .strict();

export type ArchiveProfile = z.output<typeof archiveProfileSchema>;
export type ArchiveProfileInput = z.input<typeof archiveProfileSchema>;

const MAX_PROFILE_BYTES = 64 * 1024;

/** Validates profile data (already parsed); throws a UserError listing every problem. */
export function parseArchiveProfile(data: unknown, where = 'archive profile', locate?: (path: readonly PropertyKey[]) => number): ArchiveProfile {
  const result = archiveProfileSchema.safeParse(data);
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    const line = locate ? `:${locate(i.path)}` : '';
    return `${where}${line}: ${path ? `${path}: ` : ''}${i.message}`;
  });
  throw new UserError('ARCHIVE_PROFILE', `${where}: the receiving-archive profile has ${details.length} problem(s); it was not used`, details);
}

/** Reads and validates `config/archive-profile.yaml` (or another path). */
export async function loadArchiveProfile(file: string): Promise<ArchiveProfile> {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (e) {
    throw new UserError('ARCHIVE_PROFILE', `${file}: cannot read the receiving-archive profile (${(e as Error).message})`);
  }
  if (raw.length > MAX_PROFILE_BYTES) throw new UserError('ARCHIVE_PROFILE', `${file}: larger than ${MAX_PROFILE_BYTES} bytes; not a profile`);
  const lines = new LineCounter();
  const doc = parseDocument(raw.toString('utf8'), { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const details = doc.errors.map((e) => `${file}:${lines.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`);
    throw new UserError('ARCHIVE_PROFILE', `${file}: not valid YAML`, details);
  }
  return parseArchiveProfile(doc.toJS({ maxAliasCount: 10 }), file, (path) => lines.linePos(offsetOf(doc, path)).line);
}
