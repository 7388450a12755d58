// What the Facebook and Instagram export importers share. Meta's exports carry no ids: an exported
// post is the same item as one the API captured when it was published in the same second (or within
// two minutes with the same content); then it takes that item's id and place, and its content key
// (the same key the API route computes) decides whether it adds a version. Anything else becomes an
// item of its own under an id made from its time, which a later import of a newer export finds again.
import { UserError } from '../../src/domain/errors.js';
import { unsafeName, type ExportArchive } from '../../src/capture/export-archive.js';
import type { ImportContext } from '../../src/capture/importer.js';
import type { KnownItem, MediaObservation, StoredFile } from '../../src/domain/types.js';
import { EXPORT_ID_PREFIX } from './account-crawl.js';
import { mediaKindOf } from './content-key.js';
import { repairDeep } from './mojibake.js';

/** Export JSON files are small; anything larger than this is not what Meta writes. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;
const NEAR_SECONDS = 120;

/**
 * Reads an export JSON file: `raw` as it stands (kept as the items' payload) and `repaired` with the
 * mangled text fixed (what the importer reads). A clear refusal when it is not JSON.
 */
export async function readExportJson(archive: ExportArchive, name: string): Promise<{ raw: unknown; repaired: unknown }> {
  const bytes = await archive.read(name, MAX_JSON_BYTES);
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (e) {
    throw new UserError('export.bad-json', `${archive.file}: "${name}" is not valid JSON (${(e as Error).message}); nothing was imported`);
  }
  return { raw, repaired: repairDeep(raw) };
}

/** Entries whose name matches, in numeric order of their part (`posts_1`, `posts_2`, …). */
export function findParts(archive: ExportArchive, pattern: RegExp): { name: string; root: string }[] {
  const out: { name: string; root: string; n: number }[] = [];
  for (const e of archive.entries) {
    const m = pattern.exec(e.name);
    if (m) out.push({ name: e.name, root: m[1] ?? '', n: Number(m[2] ?? 0) });
  }
  return out.sort((a, b) => a.root.localeCompare(b.root) || a.n - b.n).map(({ name, root }) => ({ name, root }));
}

export const isoFromUnix = (seconds: unknown): string | undefined =>
  typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? new Date(Math.floor(seconds) * 1000).toISOString() : undefined;

type Kind = 'post' | 'comment';

const classOf = (k: KnownItem): Kind => (k.kind === 'reply' || k.platformId.startsWith(`${EXPORT_ID_PREFIX}comment-`) ? 'comment' : 'post');

/** Pairs exported posts and comments with the items already stored for the account. */
export class ExportMatcher {
  private readonly free: KnownItem[];
  private readonly used = new Set<string>();

  constructor(stored: KnownItem[]) {
    this.free = [...stored];
    for (const k of stored) this.used.add(k.platformId);
  }

  static async forAccount(ctx: ImportContext): Promise<ExportMatcher> {
    return new ExportMatcher(await ctx.state.listOwnItems(null));
  }

  /** The stored item this exported one is, if any; each stored item is matched once. */
  take(kind: Kind, publishedAt: string, key: string): KnownItem | undefined {
    const t = Date.parse(publishedAt);
    const candidates = this.free.filter((k) => classOf(k) === kind);
    const delta = (k: KnownItem) => Math.abs(Date.parse(k.publishedAt) - t) / 1000;
    const hit =
      candidates.find((k) => delta(k) < 1 && k.versionKeys.includes(key)) ??
      candidates.find((k) => delta(k) < 1) ??
      candidates.filter((k) => delta(k) <= NEAR_SECONDS && k.versionKeys.includes(key)).sort((a, b) => delta(a) - delta(b))[0];
    if (hit) this.free.splice(this.free.indexOf(hit), 1);
    return hit;
  }

  /** An id for an item only the export knows: its kind and time, numbered when the second is taken. */
  newId(kind: Kind, publishedAt: string): string {
    const base = `${EXPORT_ID_PREFIX}${kind}-${Math.floor(Date.parse(publishedAt) / 1000)}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}

/**
 * Stores the files an exported item names. A name is a path inside the export; one that is unsafe
 * or absent is recorded as an error on that media, not followed.
 */
export class ExportMedia {
  private readonly stored = new Map<string, Promise<StoredFile>>();

  constructor(
    private readonly ctx: ImportContext,
    private readonly root: string,
  ) {}

  async files(uris: string[]): Promise<MediaObservation[]> {
    const out: MediaObservation[] = [];
    for (const uri of uris) {
      const type = mediaKindOf(uri) ?? 'unknown';
      const problem = unsafeName(uri);
      const name = `${this.root}${uri}`;
      if (problem) {
        out.push({ type, url: uri, error: `the export names an unsafe path (${problem}); not read` });
      } else if (!this.ctx.archive.has(name)) {
        out.push({ type, url: uri, error: `the export has no file "${name}"` });
      } else {
        let file = this.stored.get(name);
        if (!file) this.stored.set(name, (file = this.ctx.storeEntry(name)));
        out.push({ type, url: uri, file: await file });
      }
    }
    return out;
  }
}
