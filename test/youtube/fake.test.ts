import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { FAKE_API_KEY, startFakeYouTube, syntheticDataset } from '../../crawlers/youtube/fake/index.js';
import { startDemo, T0 } from './helpers.js';

// The fake answers as the Data API v3 does where the crawler depends on it: Google's error shape,
// the end of a listing, page tokens bound to their listing, only the parts asked for, the quota.
async function get(base: string, path: string, params: Record<string, string>, key: string | null = FAKE_API_KEY) {
  const q = new URLSearchParams(params);
  if (key !== null) q.set('key', key);
  const res = await fetch(`${base}/youtube/v3/${path}?${q}`);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('fake YouTube Data API', () => {
  it("answers in Google's shapes: keys, unknown handles, parts, comments turned off, the quota and its Pacific reset", async () => {
    let clock = T0.getTime();
    const fake = await startDemo({ dailyQuota: 5, now: () => clock });
    try {
      expect((await get(fake.url, 'channels', { part: 'snippet', forHandle: '@voorbeeldstad' }, null)).body.error).toMatchObject({ code: 403, errors: [{ reason: 'forbidden' }], status: 'PERMISSION_DENIED' });
      const bad = await get(fake.url, 'channels', { part: 'snippet', forHandle: '@voorbeeldstad' }, 'wrong');
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0].reason).toBe('API_KEY_INVALID');
      const none = await get(fake.url, 'channels', { part: 'snippet', forHandle: '@nergenshuizen' });
      expect(none.body).toMatchObject({ kind: 'youtube#channelListResponse', pageInfo: { totalResults: 0 } });
      expect(none.body.items).toBeUndefined();
      const channel = (await get(fake.url, 'channels', { part: 'snippet,contentDetails', forHandle: 'voorbeeldstad' })).body.items[0];
      expect(Object.keys(channel)).toEqual(['kind', 'etag', 'id', 'snippet', 'contentDetails']);
      const off = [...fake.dataset.videos.values()].find((v) => v.commentsDisabled)!;
      const disabled = await get(fake.url, 'commentThreads', { part: 'snippet', videoId: off.id });
      expect(disabled.status).toBe(403);
      expect(disabled.body.error.errors[0]).toMatchObject({ domain: 'youtube.commentThread', reason: 'commentsDisabled' });
      const video = (await get(fake.url, 'videos', { part: 'statistics', id: off.id })).body.items[0];
      expect(video.statistics.commentCount).toBeUndefined();
      // Four units spent (an error answered to a valid key costs one too, a refused key none); one is
      // left, and the call after it is refused until midnight Pacific.
      expect(fake.quotaUsed()).toBe(4);
      expect((await get(fake.url, 'videos', { part: 'snippet', id: off.id })).status).toBe(200);
      const refused = await get(fake.url, 'videos', { part: 'snippet', id: off.id });
      expect(refused.status).toBe(403);
      expect(refused.body.error.errors[0]).toMatchObject({ domain: 'youtube.quota', reason: 'quotaExceeded' });
      expect(fake.stats.exceeded).toBe(1);
      clock = Date.parse('2026-06-02T06:59:00Z'); // 23:59 in Los Angeles: still the same quota day
      expect((await get(fake.url, 'videos', { part: 'snippet', id: off.id })).status).toBe(403);
      clock = Date.parse('2026-06-02T07:00:00Z');
      expect((await get(fake.url, 'videos', { part: 'snippet', id: off.id })).status).toBe(200);
    } finally {
      await fake.close();
    }
  });

  it('pages with tokens bound to their listing, without nextPageToken on the last page, and serves thumbnails at their sizes', async () => {
    const fake = await startFakeYouTube({ dataset: syntheticDataset({ videos: 60, comments: 10, seed: 1, now: T0 }) });
    try {
      const playlistId = (await get(fake.url, 'channels', { part: 'contentDetails', forHandle: '@voorbeeldstad' })).body.items[0].contentDetails.relatedPlaylists.uploads;
      const first = await get(fake.url, 'playlistItems', { part: 'contentDetails', playlistId, maxResults: '50' });
      expect(first.body.items).toHaveLength(50);
      const last = await get(fake.url, 'playlistItems', { part: 'contentDetails', playlistId, maxResults: '50', pageToken: first.body.nextPageToken });
      expect(last.body.items).toHaveLength(10);
      expect('nextPageToken' in last.body).toBe(false);
      const video = first.body.items[0].contentDetails.videoId;
      const wrong = await get(fake.url, 'commentThreads', { part: 'snippet', videoId: video, pageToken: first.body.nextPageToken });
      expect(wrong.body.error.errors[0].reason).toBe('invalidPageToken');
      expect((await get(fake.url, 'playlistItems', { part: 'contentDetails', playlistId, maxResults: '51' })).status).toBe(400);
      const thumbs = (await get(fake.url, 'videos', { part: 'snippet', id: video })).body.items[0].snippet.thumbnails;
      for (const t of Object.values(thumbs) as { url: string; width: number; height: number }[]) {
        const res = await fetch(t.url);
        expect(res.headers.get('content-type')).toBe('image/jpeg');
        const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
        expect([meta.width, meta.height]).toEqual([t.width, t.height]);
      }
    } finally {
      await fake.close();
    }
  });
});
