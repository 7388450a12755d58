import { posix } from 'node:path';
import type { ExportArchive } from '../../src/capture/export-archive.js';
import type { ExportImporter, ImportContext } from '../../src/capture/importer.js';
import { UserError } from '../../src/domain/errors.js';
import type { CaptureBatch } from '../../src/domain/types.js';
import { csvRecords } from './csv.js';
import { originalCursor, originalMedia, profilePlatformId, type OriginalFile } from './observe.js';

// The owner's Google Takeout of a YouTube channel brings what the Data API never serves: the
// uploaded video files. `YouTube and YouTube Music/videos/<title>.<ext>` holds them, named by title;
// `video metadata/videos.csv` says which video id has which title. The importer attaches each file
// to the video the API captured: the same item, its newest version, one media file more, no new
// version (`CaptureBatch.mediaAdded`). It also remembers the file per video (cursor
// `original.<videoId>`), so a later version of the video keeps it, and a video the API has not
// captured yet gets it with its first version. Google splits a large export over several zips;
// the titles of videos.csv are kept (cursors `takeout.title.<key>`) for the parts without it.

const CSV = /^((?:Takeout\/)?YouTube and YouTube Music\/)video metadata\/videos\.csv$/;
const VIDEO_FILE = /^((?:Takeout\/)?YouTube and YouTube Music\/)videos\/[^/]+$/;
const VIDEO_EXTENSIONS = new Set(['.mp4', '.m4v', '.mov', '.webm', '.mkv', '.avi', '.wmv', '.flv', '.3gp', '.mpg', '.mpeg', '.ts', '.mts']);
const MAX_CSV_BYTES = 64 * 1024 * 1024;

/** Cursor that remembers which video ids a title stands for, for the parts of a split export. */
const titleCursor = (key: string): string => `takeout.title.${key}`;

/** Google replaces characters in file names (`:` → `_`, ...): compare titles by letters and digits only. */
export const titleKey = (title: string): string => title.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

function parseIds(value: string | null): string[] {
  try {
    const v: unknown = JSON.parse(value ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

const isVideoFile = (name: string): boolean => VIDEO_FILE.test(name) && VIDEO_EXTENSIONS.has(posix.extname(name).toLowerCase());
const fileKey = (name: string): string => titleKey(posix.basename(name, posix.extname(name)));

/** Video ids by title key, from the rows of videos.csv. */
export function titleIndex(records: Record<string, string>[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const r of records) {
    const id = r['Video ID']?.trim();
    if (!id) continue;
    const key = titleKey(r['Video Title (Original)'] ?? '');
    index.set(key, [...new Set([...(index.get(key) ?? []), id])]);
  }
  return index;
}

export interface TakeoutMatch {
  videoId: string;
  entry: string;
}

export interface TakeoutPlan {
  matches: TakeoutMatch[];
  /** Titles shared by several videos or files: not attached, since the names cannot tell them apart. */
  ambiguous: string[];
  /** Video files no known title names. */
  unmatchedFiles: string[];
}

/** Pairs the video files with video ids by title. Pure. */
export function planTakeout(index: ReadonlyMap<string, string[]>, entries: string[]): TakeoutPlan {
  const filesByKey = new Map<string, string[]>();
  for (const name of entries.filter(isVideoFile)) filesByKey.set(fileKey(name), [...(filesByKey.get(fileKey(name)) ?? []), name]);
  const plan: TakeoutPlan = { matches: [], ambiguous: [], unmatchedFiles: [] };
  for (const [key, files] of filesByKey) {
    const ids = index.get(key) ?? [];
    if (ids.length === 0) plan.unmatchedFiles.push(...files);
    else if (ids.length > 1 || files.length > 1) plan.ambiguous.push(posix.basename(files[0]!));
    else plan.matches.push({ videoId: ids[0]!, entry: files[0]! });
  }
  return plan;
}

export class YouTubeTakeoutImporter implements ExportImporter {
  readonly platform = 'youtube' as const;
  readonly name = 'Google Takeout export of a YouTube channel';

  /** Either part of a split export: the one with video metadata/videos.csv, or one with only video files. */
  recognises(archive: ExportArchive): boolean {
    return archive.entries.some((e) => CSV.test(e.name) || isVideoFile(e.name));
  }

  async read(ctx: ImportContext): Promise<CaptureBatch> {
    const file = posix.basename(ctx.archive.file);
    const batch: Required<Pick<CaptureBatch, 'mediaAdded' | 'cursors'>> = { mediaAdded: [], cursors: {} };
    const names = ctx.archive.entries.map((e) => e.name);
    const csvName = names.find((n) => CSV.test(n));
    let index: Map<string, string[]>;
    let channels: string[] = [];
    if (csvName) {
      const { columns, records } = csvRecords((await ctx.archive.read(csvName, MAX_CSV_BYTES)).toString('utf8'));
      const missing = ['Video ID', 'Video Title (Original)'].filter((c) => !columns.includes(c));
      if (missing.length) throw new UserError('import.youtube.columns', `${file}: ${csvName} has no column ${missing.map((m) => `"${m}"`).join(', ')}; nothing was imported`);
      index = titleIndex(records);
      channels = [...new Set(records.map((r) => r['Channel ID']?.trim() ?? '').filter(Boolean))];
      // Google splits a large export over several zips; the other parts find their titles here.
      for (const [key, ids] of index) batch.cursors[titleCursor(key)] = JSON.stringify(ids);
    } else {
      index = new Map();
      for (const key of new Set(names.filter(isVideoFile).map(fileKey))) {
        const ids = parseIds(await ctx.state.getCursor(titleCursor(key)));
        if (ids.length) index.set(key, ids);
      }
      if (index.size === 0) {
        throw new UserError('import.youtube.no-metadata', `${file} has video files but no video metadata/videos.csv: import the part of the Takeout that holds it first; nothing was imported`);
      }
    }
    const plan = planTakeout(index, names);
    if (plan.matches.length === 0 && !csvName) {
      throw new UserError('import.youtube.no-videos', `${file}: none of its video files has a title that videos.csv names; nothing was imported`);
    }

    const known = await ctx.state.getItems(plan.matches.map((m) => m.videoId));
    if (csvName && known.size === 0) {
      const ownChannel = channels.length > 0 && (await ctx.state.getItems(channels.map(profilePlatformId))).size > 0;
      const captured = (await ctx.state.listOwnItems(null)).some((k) => k.kind === 'post');
      const anyKnown = (await ctx.state.getItems([...index.values()].flat())).size > 0;
      if (!ownChannel && captured && !anyKnown) {
        throw new UserError(
          'import.youtube.other-channel',
          `none of the ${[...index.values()].flat().length} videos in ${file} was captured for account ${ctx.account.id}, and its channel (${channels.join(', ') || 'unknown'}) is not the one captured: is it the export of another channel? Nothing was imported`,
        );
      }
    }

    for (const [i, m] of plan.matches.entries()) {
      ctx.signal.throwIfAborted();
      ctx.progress('takeout', `${i + 1}/${plan.matches.length} ${m.entry}`);
      const stored = await ctx.storeEntry(m.entry);
      const original: OriginalFile = { ...stored, name: m.entry };
      batch.cursors[originalCursor(m.videoId)] = JSON.stringify(original);
      const newest = known.get(m.videoId)?.versionKeys.at(-1);
      if (newest) batch.mediaAdded.push({ platformId: m.videoId, versionKey: newest, media: [originalMedia(m.videoId, original)] });
    }
    ctx.log.info(
      { attached: batch.mediaAdded.length, waiting: plan.matches.length - batch.mediaAdded.length, ambiguous: plan.ambiguous, unmatchedFiles: plan.unmatchedFiles },
      'Takeout video files: attached to captured videos; the rest are kept for when the capture finds their videos',
    );
    if (plan.ambiguous.length) ctx.log.warn({ files: plan.ambiguous }, 'several videos or files share these titles; their files were not attached');
    return batch;
  }
}
