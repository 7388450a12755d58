// The owner's Google Takeout of a fake channel, as the list of zip entries Google puts in it:
// `Takeout/YouTube and YouTube Music/videos/<title>.mp4` (the uploaded originals, named by title)
// and `video metadata/videos.csv` (which video id has which title). Video files are real MPEG-4
// made by ffmpeg (a second of one colour, bit-exact, so the same seed gives the same bytes).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FakeYouTubeDataset, FakeVideo } from './store.js';

const run = promisify(execFile);

export const TAKEOUT_ROOT = 'Takeout/YouTube and YouTube Music/';

export const VIDEOS_CSV_COLUMNS = [
  'Video ID',
  'Approx Duration (ms)',
  'Video Audio Language',
  'Video Category',
  'Video Description (Original)',
  'Channel ID',
  'Video Title (Original)',
  'Privacy',
  'Video State',
  'Video Create Timestamp',
  'Video Publish Timestamp',
];

const cache = new Map<number, Promise<Buffer>>();

/** A one-second MP4 (MPEG-4 Part 2 video) in a colour picked by `seed`; made once per process. */
export function videoBytes(seed: number): Promise<Buffer> {
  let p = cache.get(seed);
  if (!p) cache.set(seed, (p = encode(seed)));
  return p;
}

async function encode(seed: number): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-takeout-'));
  try {
    const out = join(dir, 'v.mp4');
    const colour = ((seed * 2654435761) >>> 8).toString(16).padStart(6, '0').slice(0, 6);
    await run('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `color=c=0x${colour}:s=96x54:d=1:r=10`, '-c:v', 'mpeg4', '-q:v', '5', '-pix_fmt', 'yuv420p', '-map_metadata', '-1', '-fflags', '+bitexact', '-flags', '+bitexact', '-f', 'mp4', out]);
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Google writes titles into file names with the characters a file system refuses replaced by `_`. */
export const takeoutFileName = (title: string): string => `${title.replace(/[\\/:*?"<>|]/g, '_')}.mp4`;

const csvCell = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
export const csvLine = (cells: string[]): string => `${cells.map(csvCell).join(',')}\n`;

const takeoutTime = (iso: string): string => iso.replace(/Z$/, '+00:00');

export function videosCsv(videos: FakeVideo[]): string {
  return (
    csvLine(VIDEOS_CSV_COLUMNS) +
    videos
      .map((v) =>
        csvLine([v.id, String(v.durationSeconds * 1000), 'nl', 'News & Politics', v.description, v.channelId, v.title, 'Public', 'Processed', takeoutTime(v.publishedAt), takeoutTime(v.publishedAt)]),
      )
      .join('')
  );
}

export interface TakeoutOptions {
  /** Videos whose original file is in the export; default every public video of the channel. */
  withFiles?: string[];
}

/** The entries of the channel's Takeout zip: metadata for every public video, files for `withFiles`. */
export async function takeoutEntries(ds: FakeYouTubeDataset, handle: string, opts: TakeoutOptions = {}): Promise<{ name: string; data: Buffer }[]> {
  const channel = ds.channelByHandle(handle.startsWith('@') ? handle : `@${handle}`);
  if (!channel) throw new Error(`no channel ${handle}`);
  const videos = ds.uploads(channel.id);
  const withFiles = new Set(opts.withFiles ?? videos.map((v) => v.id));
  const entries: { name: string; data: Buffer }[] = [
    { name: `${TAKEOUT_ROOT}channels/channel.csv`, data: Buffer.from(csvLine(['Channel ID', 'Channel Title (Original)', 'Channel Visibility']) + csvLine([channel.id, channel.title, 'Public'])) },
    { name: `${TAKEOUT_ROOT}video metadata/videos.csv`, data: Buffer.from(videosCsv(videos)) },
  ];
  const files = videos.filter((x) => withFiles.has(x.id));
  const bytes = await Promise.all(files.map((v) => videoBytes(v.thumbnailSeed)));
  files.forEach((v, i) => entries.push({ name: `${TAKEOUT_ROOT}videos/${takeoutFileName(v.title)}`, data: bytes[i]! }));
  return entries;
}
