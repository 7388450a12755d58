import { demoDataset, diffCaptures, expectedCapture, startFakeYouTube, type ExpectedCapture } from '../../crawlers/youtube/fake/index.js';
import { crawlerContract } from '../helpers/crawler-contract.js';

// YouTube's adapter of the crawler contract. YouTube announces no rate limit in headers: its signal
// is the daily quota (every call here costs one unit) and 403 quotaExceeded once it is spent. "On",
// the fake leaves the key exactly the units a complete first capture needs today, so one call more
// than the minimum is refused and counted; the contract then demands a complete run and no refusal.
// The quota stop and the next day's continuation are tested in quota.test.ts.
const KEY = 'contract-youtube-key-5f1c2e9a';

crawlerContract({
  platform: 'youtube',
  account: { platform: 'youtube', handle: 'voorbeeldstad', tokenEnv: 'YOUTUBE_CONTRACT_KEY' },
  env: { YOUTUBE_CONTRACT_KEY: KEY },
  // Request numbers: channel, avatar and banner, uploads, videos, thumbnails, comment threads.
  killAt: [2, 8, 19, 25],
  async start() {
    const fake = await startFakeYouTube({ keys: [KEY], dataset: demoDataset({ now: new Date() }) });
    const expected = () => expectedCapture(fake.dataset, 'voorbeeldstad');
    let before: ExpectedCapture | undefined;
    const versions = (e: ExpectedCapture) => Object.fromEntries(Object.entries(e.versions).filter(([, n]) => n > 1));
    return {
      url: fake.url,
      expected: () => {
        const e = expected();
        return { itemIds: e.itemIds, versions: versions(e) };
      },
      nextDay() {
        before = expected();
        fake.nextDay();
      },
      deletedByNextDay: () => diffCaptures(before!, expected()).removed,
      limit: (on) => fake.setDailyQuota(on ? fake.quotaUsed(KEY) + expected().firstCaptureUnits : null),
      exceeded: () => fake.stats.exceeded,
      onRequest: (cb) => fake.onRequest(() => cb()),
      close: () => fake.close(),
    };
  },
});
