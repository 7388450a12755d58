import { blueskyDemoDataset, DEMO_HANDLE, diffCaptures, expectedCapture, startFakeBluesky, type ExpectedCapture } from '../../crawlers/bluesky/fake/index.js';
import { crawlerContract } from '../helpers/crawler-contract.js';

// The crawler contract against the fake Bluesky network: the AppView, the PLC directory and the PDS
// answer on one loopback origin, which the crawler takes as its PLC directory (README in crawlers/bluesky).
crawlerContract({
  platform: 'bluesky',
  account: { handle: DEMO_HANDLE, platform: 'bluesky' },
  killAt: [2, 7, 15],
  async start() {
    const fake = await startFakeBluesky({ dataset: blueskyDemoDataset({ now: new Date() }), rateLimit: null, pdsRateLimit: null });
    const expected = () => expectedCapture(fake.dataset, DEMO_HANDLE);
    let before: ExpectedCapture | undefined;
    return {
      url: fake.url,
      expected: () => {
        const e = expected();
        return { itemIds: e.itemIds, versions: e.versions };
      },
      nextDay() {
        before = expected();
        fake.nextDay();
      },
      deletedByNextDay: () => diffCaptures(before!, expected(), fake.dataset).removed,
      limit: (on) => fake.setRateLimit(on ? { limit: 6, windowSeconds: 1 } : null),
      exceeded: () => fake.stats.exceeded,
      onRequest: (cb) => fake.onRequest(() => cb()),
      close: () => fake.close(),
    };
  },
});
