import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { diffCaptures, expectedCapture, startFakeYouTube, syntheticDataset } from '../../crawlers/youtube/fake/index.js';
import { DiskFileStore } from '../../src/store/files/disk-file-store.js';
import { ACCOUNT, DAY, startDemo, T0, youtubeWorkspace } from './helpers.js';

// What is particular to YouTube, beyond the crawler contract: the API key in the query string,
// thumbnails, comments turned off, replies beyond those a thread carries, paging of every list,
// the incremental re-check, and Google's errors.

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('YouTube crawler', () => {
  it('sends the API key in the query, and no file the run writes contains it (WARC, database, logs)', async () => {
    const key = 'AIzaSy-test+key/with=odd_chars-0123456789';
    process.env.YOUTUBE_ODD_KEY = key;
    const fake = await startDemo({ keys: [key] });
    try {
      const y = await youtubeWorkspace(fake, '', { tokenEnv: 'YOUTUBE_ODD_KEY' });
      expect((await y.capture()).status).toBe('completed');
      const warcs = await y.ws.store.listWarcs();
      await y.ws.close();
      const files = filesUnder(y.dirs.data);
      expect(files.some((f) => f.endsWith('.sqlite'))).toBe(true);
      for (const f of files) {
        const bytes = readFileSync(f);
        expect(bytes.includes(key), f).toBe(false);
        expect(bytes.includes(encodeURIComponent(key)), f).toBe(false);
      }
      const warc = readFileSync(new DiskFileStore(join(y.dirs.data, 'files')).pathOf(warcs[0]!.file.sha256), 'latin1');
      expect(warc).toMatch(/WARC-Target-URI: http:\/\/127\.0\.0\.1:\d+\/youtube\/v3\/channels\?part=[^\r\n]*&key=\[REDACTED\]\r\n/);
      expect(warc).toContain('GET /youtube/v3/videos?part=');
    } finally {
      await fake.close();
    }
  });

  it('keeps the largest thumbnail, records comments turned off, fetches every reply, and tells third parties from the channel', async () => {
    const fake = await startDemo();
    try {
      const y = await youtubeWorkspace(fake);
      const run = await y.capture();
      expect(run.status).toBe('completed');
      const want = expectedCapture(fake.dataset, 'voorbeeldstad');
      const files = new DiskFileStore(join(y.dirs.data, 'files'));
      const items = await y.dump();
      for (const id of want.videoIds) {
        const [version] = await y.ws.store.listVersions(ACCOUNT, id);
        const thumb = version!.media[0]!;
        expect(thumb.url).toBe(want.thumbnails[id]);
        const { width, height } = await sharp(files.pathOf(thumb.sha256!)).metadata();
        expect([width, height]).toEqual(fake.dataset.videos.get(id)!.definition === 'hd' ? [1280, 720] : [480, 360]);
      }
      // Comments turned off: recorded on the video, not an error.
      const [off] = want.commentsDisabled;
      expect(items.find((i) => i.id === off)!.cut).toMatch(/comments are disabled on this video \(YouTube answered 403 commentsDisabled\)/);
      // A thread with 8 replies carries 5; the rest came from comments.list?parentId=.
      const long = [...fake.dataset.comments.values()].find((c) => c.parentId === null && fake.dataset.replies(c.id).length > 5)!;
      const replies = fake.dataset.replies(long.id).map((r) => r.id);
      expect(items.filter((i) => i.parent === long.id).map((i) => i.id).sort()).toEqual([...replies].sort());
      expect(fake.stats.calls.comments).toBe(1);
      // The municipality's own answers are not third-party; residents' comments are.
      for (const i of items.filter((x) => x.kind === 'reply')) expect(i.thirdParty, i.id).toBe(fake.dataset.comments.get(i.id)!.author.channelId !== want.channelId);
      expect(items.filter((i) => i.kind === 'reply' && !i.thirdParty).length).toBeGreaterThan(3);
      const profile = items.find((i) => i.kind === 'profile')!;
      expect(profile.versions[0]!.media).toHaveLength(2);
      expect(fake.stats.apiRequests).toBe(want.firstCaptureUnits);
      await y.ws.close();
    } finally {
      await fake.close();
    }
  });

  it('between full sweeps re-checks recent videos and changed threads; the weekly sweep finds what happened to old videos', async () => {
    const fake = await startDemo();
    try {
      const y = await youtubeWorkspace(fake);
      expect((await y.capture(T0)).status).toBe('completed');
      const before = expectedCapture(fake.dataset, 'voorbeeldstad');
      const callsDay1 = fake.stats.apiRequests;
      fake.nextDay();
      const after = expectedCapture(fake.dataset, 'voorbeeldstad');
      const diff = diffCaptures(before, after);
      const oldVideo = [...fake.dataset.videos.values()].find((v) => v.deleted)!;

      expect((await y.capture(new Date(T0.getTime() + DAY))).status).toBe('completed');
      expect(fake.stats.apiRequests - callsDay1).toBeLessThan(callsDay1);
      let items = await y.dump();
      const deleted = () => items.filter((i) => i.deleted).map((i) => i.id).sort();
      // Everything but the deletion of a 100-day-old video (and its comment), which only a sweep sees.
      const gone = (id: string) => id === oldVideo.id || fake.dataset.comments.get(id)?.videoId === oldVideo.id;
      expect(deleted()).toEqual(diff.removed.filter((id) => !gone(id)).sort());
      for (const id of diff.added) expect(items.some((i) => i.id === id), id).toBe(true);
      for (const id of diff.edited) expect(items.find((i) => i.id === id)!.versions, id).toHaveLength(2);

      expect((await y.capture(new Date(T0.getTime() + 8 * DAY))).status).toBe('completed');
      items = await y.dump();
      expect(deleted()).toEqual([...diff.removed].sort());
      expect(items.find((i) => i.id === oldVideo.id)!.versions).toHaveLength(1);
      await y.ws.close();
    } finally {
      await fake.close();
    }
  });

  it('follows nextPageToken through uploads, comment threads and replies to the end, with the fewest calls', async () => {
    const dataset = syntheticDataset({ videos: 101, comments: 600, seed: 3, hotThreads: 230, hotReplies: 130, now: T0 });
    const fake = await startFakeYouTube({ dataset });
    try {
      const y = await youtubeWorkspace(fake);
      expect((await y.capture()).status).toBe('completed');
      const want = expectedCapture(fake.dataset, 'voorbeeldstad');
      expect(want.videoIds.length).toBe(101);
      const items = (await y.dump()).filter((i) => i.kind !== 'profile');
      expect(items.map((i) => i.id).sort()).toEqual([...want.itemIds].sort());
      expect(fake.stats.calls.playlistItems).toBe(3);
      expect(fake.stats.apiRequests).toBe(want.firstCaptureUnits);
      await y.ws.close();
    } finally {
      await fake.close();
    }
  });

  it("waits and tries again when Google says rateLimitExceeded, and stops with a clear reason on a bad key or an unknown handle", async () => {
    const fake = await startDemo();
    try {
      fake.inject({ kind: 'google', status: 403, reason: 'rateLimitExceeded', match: /commentThreads/ });
      const y = await youtubeWorkspace(fake);
      expect((await y.capture()).status).toBe('completed');
      expect(fake.stats.responses[403]).toBe(2); // the injected one and the video with comments turned off
      await y.ws.close();

      process.env.YOUTUBE_WRONG_KEY = 'not-the-key-1234';
      const bad = await youtubeWorkspace(fake, '', { tokenEnv: 'YOUTUBE_WRONG_KEY' });
      const refused = await bad.capture();
      expect(refused.status).toBe('stopped');
      expect(refused.accounts[0]!.stop!.reason).toMatch(/Google refused the API key/);
      await bad.ws.close();

      const unknown = await youtubeWorkspace(fake, '', { handle: 'gemeente-nergenshuizen' });
      const none = await unknown.capture();
      expect(none.accounts[0]!.stop!.reason).toBe('YouTube knows no channel "gemeente-nergenshuizen" (channels.list returned no items)');
      await unknown.ws.close();
    } finally {
      await fake.close();
    }
  });
});
