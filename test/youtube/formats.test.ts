import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FakeYouTubeDataset, ids, startFakeYouTube, takeoutEntries } from '../../crawlers/youtube/fake/index.js';
import { createRenderer } from '../../formats/render/index.js';
import { runImport } from '../../src/capture/import-run.js';
import { processFormats } from '../../src/formats-stage/index.js';
import { DiskFileStore } from '../../src/store/files/disk-file-store.js';
import { buildZip } from '../helpers/zip.js';
import { ACCOUNT, T0, youtubeWorkspace } from './helpers.js';

// The formats stage reaches YouTube items through the normaliser: one video with its comments,
// captured, its original file imported from a Takeout, identified and rendered as a thread.
const run = promisify(execFile);

function oneVideo(): FakeYouTubeDataset {
  const ds = new FakeYouTubeDataset('youtube-one-video', T0.toISOString());
  const town = ds.addChannel({
    id: ids.channel('voorbeeldstad'),
    handle: '@voorbeeldstad',
    title: 'Gemeente Voorbeeldstad',
    description: 'Officieel kanaal van de gemeente Voorbeeldstad.',
    publishedAt: '2012-03-14T09:12:44Z',
    country: 'NL',
    keywords: 'gemeente',
    avatar: { format: 'jpeg', width: 800, height: 800, pattern: 'avatar', seed: 1 },
    banner: { format: 'jpeg', width: 2048, height: 1152, pattern: 'header', seed: 2 },
    subscribers: 10,
  });
  const video = ds.addVideo({
    id: ids.video('zandzakken'),
    channelId: town.id,
    publishedAt: '2026-05-29T07:00:00Z',
    title: 'Zandzakken ophalen bij de gemeentewerf',
    description: 'Waar en wanneer u zandzakken kunt ophalen: https://www.voorbeeldstad.nl/zandzakken',
    tags: ['wateroverlast'],
    categoryId: '25',
    durationSeconds: 61,
    definition: 'hd',
    thumbnailSeed: 77,
    commentsDisabled: false,
    views: 120,
    likes: 4,
  });
  const top = ds.addComment({
    id: ids.comment('vraag'),
    videoId: video.id,
    parentId: null,
    author: { channelId: ids.channel('inwoner'), handle: '@mariekebos' },
    text: 'Kan ik ook zaterdag terecht? Ik woon aan de Lindelaan 14.',
    publishedAt: '2026-05-29T09:30:00Z',
  });
  ds.addComment({ id: ids.reply(top.id, 'antwoord'), videoId: video.id, parentId: top.id, author: { channelId: town.id, handle: '@voorbeeldstad' }, text: 'Ja, zaterdag van 9.00 tot 12.00 uur.', publishedAt: '2026-05-29T10:05:00Z' });
  return ds;
}

describe('YouTube items in the formats stage', () => {
  it('identifies the thumbnail and the original video, and renders the video with its comments as PDF/A-2 and PNG', async () => {
    const fake = await startFakeYouTube({ dataset: oneVideo() });
    const renderer = await createRenderer();
    try {
      const y = await youtubeWorkspace(fake, '', { render: true });
      expect((await y.capture(T0)).status).toBe('completed');
      const zip = join(y.dirs.root, 'takeout.zip');
      writeFileSync(zip, buildZip(await takeoutEntries(fake.dataset, 'voorbeeldstad')));
      expect((await runImport(y.ws, y.registry, ACCOUNT, zip, { now: () => T0 })).status).toBe('completed');

      const summary = await processFormats(y.ws, y.registry, { renderer, now: () => T0 });
      expect(summary).toMatchObject({ renditions: 1, interrupted: false });
      const videoId = ids.video('zandzakken');
      const [version] = await y.ws.store.listVersions(ACCOUNT, videoId);
      // (The export zip itself, kept as evidence, has no preferred format; the media have no problem.)
      const problems = new Set((await y.ws.store.formats.fileProblems()).map((p) => p.sha256));
      for (const m of version!.media) expect(problems.has(m.sha256!)).toBe(false);
      const found = await y.ws.store.formats.identifications(version!.media.map((m) => m.sha256!));
      expect(version!.media.map((m) => found.get(m.sha256!)?.puid)).toEqual([expect.stringMatching(/^(fmt\/4[1-4]|fmt\/645)$/), 'fmt/199']);

      const rendition = (await y.ws.store.formats.latestRendition(ACCOUNT, videoId))!;
      expect(rendition.pdf.puid).toBe('fmt/477');
      expect(rendition.png.puid).toMatch(/^fmt\/1[1-3]$/);
      const pdf = new DiskFileStore(join(y.dirs.data, 'files')).pathOf(rendition.pdf.sha256);
      const text = (await run('pdftotext', ['-enc', 'UTF-8', pdf, '-'])).stdout.replace(/\s+/g, ' ');
      for (const s of ['Zandzakken ophalen bij de gemeentewerf', 'Kan ik ook zaterdag terecht?', 'Ja, zaterdag van 9.00 tot 12.00 uur.', 'mariekebos']) expect(text).toContain(s);
      await y.ws.close();
    } finally {
      await renderer.close();
      await fake.close();
    }
  });
});
