import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { expectedCapture } from '../../crawlers/youtube/fake/index.js';
import { YOUTUBE_COMMENT_FIELDS, YOUTUBE_VIDEO_FIELDS, durationSeconds } from '../../crawlers/youtube/normalise.js';
import { nextQuotaReset, quotaDay } from '../../crawlers/youtube/quota-day.js';
import { unmappedPaths } from '../../formats/normalise/mastodon-fields.js';
import type { NormalisedItem } from '../../formats/normalise/item.js';
import { formatsReader } from '../../src/formats-stage/index.js';
import { scanPending } from '../../src/privacy/pipeline/index.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { ACCOUNT, DAY, startDemo, T0, youtubeWorkspace } from './helpers.js';

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'docs', 'normalised-item.schema.json'), 'utf8')) as object);

describe('YouTube normaliser', () => {
  it('maps every stored video and comment, every version, onto the documented schema', async () => {
    const fake = await startDemo();
    try {
      const y = await youtubeWorkspace(fake);
      expect((await y.capture(T0)).status).toBe('completed');
      fake.nextDay();
      expect((await y.capture(new Date(T0.getTime() + DAY))).status).toBe('completed');
      const want = expectedCapture(fake.dataset, 'voorbeeldstad');
      const reader = formatsReader(y.ws.store, y.registry);
      const byId = new Map<string, NormalisedItem[]>();
      for (const item of await y.ws.store.listItems(ACCOUNT)) {
        if (item.kind === 'profile') continue;
        const views = await reader.versions(item);
        for (const v of views) {
          expect(v.problem, item.platformId).toBeUndefined();
          expect(validate(v.normalised), `${item.platformId}: ${JSON.stringify(validate.errors)}`).toBe(true);
          expect(v.normalised!.version.key).toBe(v.record.versionKey);
          const fields = v.record.source === 'comment' ? YOUTUBE_COMMENT_FIELDS : YOUTUBE_VIDEO_FIELDS;
          // Every field the API sends has a decision: mapped, or kept only in the raw payload.
          expect(unmappedPaths(fields, JSON.parse(v.record.payload))).toEqual([]);
        }
        byId.set(item.platformId, views.map((v) => v.normalised!));
      }

      const storm = [...fake.dataset.videos.values()].find((v) => v.title.startsWith('Storm'))!;
      const [video] = byId.get(storm.id)!;
      expect(video).toMatchObject({
        platform: 'youtube',
        kind: 'post',
        uri: `https://www.youtube.com/watch?v=${storm.id}`,
        author: { id: want.channelId, displayName: 'Gemeente Voorbeeldstad', thirdParty: false },
        times: { published: storm.publishedAt, edited: null },
        language: 'nl',
        visibility: 'public',
        threadRoot: { platformId: storm.id },
        links: [{ url: 'https://www.voorbeeldstad.nl/wateroverlast', source: 'text' }],
        tags: [{ name: 'storm', url: null }, { name: 'wateroverlast', url: null }, { name: 'zandzakken', url: null }],
      });
      expect(video!.text.plain).toBe(`${storm.title}\n\n${storm.description}`);
      expect(video!.media).toMatchObject([{ platformId: 'thumbnail:maxres', type: 'image', width: 1280, height: 720 }]);
      expect(video!.counts.replies).toBe(Number((JSON.parse((await y.ws.store.listVersions(ACCOUNT, storm.id))[0]!.payload) as { statistics: { commentCount: string } }).statistics.commentCount));

      // A reply answers its top-level comment; a top-level comment answers the video.
      const top = fake.dataset.threads(storm.id).find((c) => fake.dataset.replies(c.id).length > 0)!;
      const answer = fake.dataset.replies(top.id)[0]!;
      const [t] = byId.get(top.id)!;
      const [a] = byId.get(answer.id)!;
      expect(t!.replyTo).toEqual({ platformId: storm.id, uri: `https://www.youtube.com/watch?v=${storm.id}`, authorId: want.channelId });
      expect(a!.replyTo).toMatchObject({ platformId: top.id });
      expect(t!.author).toMatchObject({ handle: top.author.handle.slice(1), displayName: top.author.handle, thirdParty: true });
      expect(a!.author.thirdParty).toBe(answer.author.channelId !== want.channelId);
      expect(t!.text.plain).toBe(top.text);

      // An edited comment: two versions, keyed and dated by updatedAt, the older no longer current.
      const edited = [...fake.dataset.comments.values()].find((c) => c.text.includes('Industrieweg'))!;
      const versions = byId.get(edited.id)!;
      expect(versions.map((v) => [v.version.isCurrent, v.times.edited, v.version.key])).toEqual([
        [false, null, edited.publishedAt],
        [true, edited.updatedAt, edited.updatedAt],
      ]);

      // An edited video: the new version is dated when the archive noticed it.
      const koningsdag = [...fake.dataset.videos.values()].find((v) => v.versions === 2)!;
      const kd = byId.get(koningsdag.id)!;
      expect(kd.map((v) => v.times.edited)).toEqual([null, kd[1]!.times.captured]);
      expect(kd[1]!.text.plain.startsWith(koningsdag.title)).toBe(true);

      // The privacy scan reads comments through the normaliser: what residents wrote is flagged.
      const scan = await scanPending(y.ws, y.registry, { faces: false, now: () => T0 });
      expect(scan.problems).toBe(0);
      const { rows } = await y.ws.store.privacy.listFindings({ accountIds: [ACCOUNT] }, { limit: 1000, offset: 0 });
      for (const c of [...fake.dataset.comments.values()].filter((x) => x.pii.some((p) => ['bsn', 'iban', 'phone', 'email', 'licence_plate'].includes(p)))) {
        const found = new Set(rows.filter((f) => f.itemPlatformId === c.id).map((f) => f.category));
        for (const p of c.pii.filter((x) => ['bsn', 'iban', 'phone', 'email', 'licence_plate'].includes(x))) expect(found.has(p), `${c.id} ${p}`).toBe(true);
      }
      await y.ws.close();
    } finally {
      await fake.close();
    }
  });

  it('reads ISO 8601 durations and names quota days in Pacific time, daylight saving included', () => {
    expect(durationSeconds('PT4M13S')).toBe(253);
    expect(durationSeconds('PT1H')).toBe(3600);
    expect(durationSeconds('P1DT2S')).toBe(86402);
    expect(durationSeconds('PT')).toBeNull();
    expect(durationSeconds('4:13')).toBeNull();
    // Summer (UTC−7) and winter (UTC−8).
    expect(quotaDay(new Date('2026-06-01T06:59:59Z'))).toBe('2026-05-31');
    expect(quotaDay(new Date('2026-06-01T07:00:00Z'))).toBe('2026-06-01');
    expect(nextQuotaReset(new Date('2026-06-01T12:00:00Z')).toISOString()).toBe('2026-06-02T07:00:00.000Z');
    expect(nextQuotaReset(new Date('2026-12-01T12:00:00Z')).toISOString()).toBe('2026-12-02T08:00:00.000Z');
    // The night the clocks go back (1 November 2026): that day's midnight is still at UTC−7.
    expect(nextQuotaReset(new Date('2026-10-31T12:00:00Z')).toISOString()).toBe('2026-11-01T07:00:00.000Z');
    expect(nextQuotaReset(new Date('2026-11-01T12:00:00Z')).toISOString()).toBe('2026-11-02T08:00:00.000Z');
  });
});
