import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../crawlers/youtube/csv.js';
import { syntheticDataset, takeoutEntries, takeoutFileName, TAKEOUT_ROOT, videoBytes, videosCsv, type FakeYouTube } from '../../crawlers/youtube/fake/index.js';
import { planTakeout, titleIndex } from '../../crawlers/youtube/takeout.js';
import { runImport } from '../../src/capture/import-run.js';
import { buildZip } from '../helpers/zip.js';
import { ACCOUNT, DAY, startDemo, T0, youtubeWorkspace, type YouTubeWorkspace } from './helpers.js';

// The owner's Google Takeout brings the uploaded video files, which the Data API never serves. The
// import attaches each one to the video the API captured: the same item and version, one media
// file more. A later version of the video keeps the file; a video captured after the import gets it.

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const TITLES = ['Uitleg: zo werkt de nieuwe afvalinzameling', 'Koningsdag 2026 in Voorbeeldstad', 'Storm: wat te doen bij wateroverlast'];

async function takeoutZip(fake: FakeYouTube, y: YouTubeWorkspace, withFiles: string[], handle = 'voorbeeldstad'): Promise<string> {
  const file = join(y.dirs.root, 'takeout-20260601T120000Z-001.zip');
  writeFileSync(file, buildZip((await takeoutEntries(fake.dataset, handle, { withFiles })).map((e) => ({ ...e, deflate: e.name.endsWith('.csv') }))));
  return file;
}

const idsOf = (fake: FakeYouTube) => TITLES.map((t) => [...fake.dataset.videos.values()].find((v) => v.title === t)!.id);

describe('YouTube Takeout import', () => {
  it('attaches the original files to the captured videos without a new version, once, and later versions keep them', async () => {
    const fake = await startDemo();
    try {
      const y = await youtubeWorkspace(fake);
      expect((await y.capture(T0)).status).toBe('completed');
      const videos = idsOf(fake);
      const zip = await takeoutZip(fake, y, videos);
      const before = await y.dump();

      const run = await runImport(y.ws, y.registry, ACCOUNT, zip, { now: () => T0 });
      expect(run.status).toBe('completed');
      expect(run.accounts[0]!.stats).toMatchObject({ newItems: 0, newVersions: 0, media: 3 });
      const after = await y.dump();
      expect(after.map((i) => ({ ...i, versions: i.versions.length }))).toEqual(before.map((i) => ({ ...i, versions: i.versions.length })));
      for (const id of videos) {
        const [version, ...more] = await y.ws.store.listVersions(ACCOUNT, id);
        expect(more).toEqual([]);
        const video = fake.dataset.videos.get(id)!;
        expect(version!.media.map((m) => [m.type, m.platformId])).toEqual([
          ['image', 'thumbnail:maxres'],
          ['video', 'original'],
        ]);
        const original = version!.media[1]!;
        expect(original.sha256).toBe(sha256(await videoBytes(video.thumbnailSeed)));
        expect(original.url).toBe(`takeout:${encodeURI(`${TAKEOUT_ROOT}videos/${takeoutFileName(video.title)}`)}`);
        expect(original.remoteUrl).toBe(`https://www.youtube.com/watch?v=${id}`);
      }
      expect((await y.ws.store.listImportFiles(ACCOUNT)).map((f) => f.format)).toEqual(['Google Takeout export of a YouTube channel']);

      // The same export again adds nothing.
      const again = await runImport(y.ws, y.registry, ACCOUNT, zip, { now: () => T0 });
      expect(again.accounts[0]!.stats.media).toBe(0);
      expect((await y.ws.store.listVersions(ACCOUNT, videos[0]!))[0]!.media).toHaveLength(2);

      // The next day the Koningsdag video gets a new title: its new version keeps the original file.
      fake.nextDay();
      expect((await y.capture(new Date(T0.getTime() + DAY))).status).toBe('completed');
      const edited = await y.ws.store.listVersions(ACCOUNT, videos[1]!);
      expect(edited).toHaveLength(2);
      expect(edited[1]!.media.map((m) => m.sha256)).toEqual(edited[0]!.media.map((m) => m.sha256));
      await y.ws.close();
    } finally {
      await fake.close();
    }
  });

  it('imported before the first capture, the files come with the videos when the capture finds them', async () => {
    const fake = await startDemo();
    try {
      const y = await youtubeWorkspace(fake);
      const videos = idsOf(fake);
      const run = await runImport(y.ws, y.registry, ACCOUNT, await takeoutZip(fake, y, videos), { now: () => T0 });
      expect(run.accounts[0]!.stats).toMatchObject({ newItems: 0, media: 0 });
      expect((await y.capture(T0)).status).toBe('completed');
      for (const id of videos) expect((await y.ws.store.listVersions(ACCOUNT, id))[0]!.media.map((m) => m.type)).toEqual(['image', 'video']);
      await y.ws.close();
    } finally {
      await fake.close();
    }
  });

  it("refuses another channel's export and leaves the archive as it was", async () => {
    const fake = await startDemo();
    const other = await startDemo({ dataset: syntheticDataset({ videos: 3, comments: 2, seed: 5, now: T0 }) });
    try {
      const y = await youtubeWorkspace(fake);
      expect((await y.capture(T0)).status).toBe('completed');
      const before = await y.dump();
      const zip = await takeoutZip(other, y, [...other.dataset.videos.keys()]);
      await expect(runImport(y.ws, y.registry, ACCOUNT, zip, { now: () => T0 })).rejects.toThrow(/is it the export of another channel\? Nothing was imported/);
      expect(await y.dump()).toEqual(before);
      expect(await y.ws.store.listImportFiles(ACCOUNT)).toEqual([]);
      await y.ws.close();
    } finally {
      await fake.close();
      await other.close();
    }
  });

  it('takes a Takeout split over several zips: the part with videos.csv first, then the parts with only video files', async () => {
    const fake = await startDemo();
    try {
      const y = await youtubeWorkspace(fake);
      expect((await y.capture(T0)).status).toBe('completed');
      const videos = idsOf(fake);
      const entries = await takeoutEntries(fake.dataset, 'voorbeeldstad', { withFiles: videos });
      const files = entries.filter((e) => e.name.includes('/videos/'));
      const part = (n: number, list: typeof entries) => {
        const file = join(y.dirs.root, `takeout-20260601T120000Z-00${n}.zip`);
        writeFileSync(file, buildZip(list));
        return file;
      };
      const first = part(1, [...entries.filter((e) => !e.name.includes('/videos/')), files[0]!]);
      const second = part(2, files.slice(1));
      const before = await y.dump();
      await expect(runImport(y.ws, y.registry, ACCOUNT, second, { now: () => T0 })).rejects.toThrow(/no video metadata\/videos\.csv: import the part of the Takeout that holds it first/);
      expect(await y.dump()).toEqual(before);
      expect((await runImport(y.ws, y.registry, ACCOUNT, first, { now: () => T0 })).accounts[0]!.stats.media).toBe(1);
      expect((await runImport(y.ws, y.registry, ACCOUNT, second, { now: () => T0 })).accounts[0]!.stats.media).toBe(2);
      for (const id of videos) expect((await y.ws.store.listVersions(ACCOUNT, id))[0]!.media.map((m) => m.type)).toEqual(['image', 'video']);
      await y.ws.close();
    } finally {
      await fake.close();
    }
  });

  it('pairs files and rows by title as Google writes them, and leaves titles it cannot tell apart', () => {
    const root = TAKEOUT_ROOT;
    const row = (id: string, title: string) => ({ 'Video ID': id, 'Video Title (Original)': title, 'Channel ID': 'UCx' });
    const plan = planTakeout(
      titleIndex([row('aaaaaaaaaaa', 'Uitleg: afval / gft?'), row('bbbbbbbbbbb', 'Raadsvergadering'), row('ccccccccccc', 'Raadsvergadering'), row('ddddddddddd', 'Zonder bestand')]),
      [`${root}videos/Uitleg_ afval _ gft_.mp4`, `${root}videos/Raadsvergadering.mp4`, `${root}videos/Onbekend.mov`, `${root}videos/notes.txt`, `${root}video metadata/videos.csv`],
    );
    expect(plan.matches).toEqual([{ videoId: 'aaaaaaaaaaa', entry: `${root}videos/Uitleg_ afval _ gft_.mp4` }]);
    expect(plan.ambiguous).toEqual(['Raadsvergadering.mp4']);
    expect(plan.unmatchedFiles).toEqual([`${root}videos/Onbekend.mov`]);
  });

  it('reads CSV as Takeout writes it: byte-order mark, quotes, commas and line breaks in cells', () => {
    const text = `\ufeff${videosCsv([]).trim()}\r\nabc,1000,nl,News,"Regel 1\nRegel ""2"", met komma",UC1,"Titel, met komma",Public,Processed,x,y\r\n`;
    const rows = parseCsv(text);
    expect(rows[0]![0]).toBe('Video ID');
    expect(rows[1]![4]).toBe('Regel 1\nRegel "2", met komma');
    expect(rows[1]![6]).toBe('Titel, met komma');
    expect(rows).toHaveLength(2);
  });
});
