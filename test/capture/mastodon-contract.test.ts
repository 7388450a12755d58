import { demoDataset, diffCaptures, expectedCapture, type ExpectedCapture } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { crawlerContract } from '../helpers/crawler-contract.js';

// The reference adapter of the crawler contract; other platforms follow the same shape.
const TOKEN = 'contract-token-0a1b2c3d4e5f';

crawlerContract({
  platform: 'mastodon',
  account: { handle: 'voorbeeldstad', tokenEnv: 'MASTODON_CONTRACT_TOKEN' },
  env: { MASTODON_CONTRACT_TOKEN: TOKEN },
  killAt: [2, 11, 30],
  async start() {
    const fake = await startFakeMastodon({ tokens: [TOKEN], dataset: demoDataset({ now: new Date() }), rateLimit: null });
    const expected = () => expectedCapture(fake.dataset, 'voorbeeldstad', { token: true });
    let before: ExpectedCapture | undefined;
    const versions = (e: ExpectedCapture) => Object.fromEntries(Object.entries(e.versions).filter(([id, n]) => n > 1 && e.statusIds.includes(id)));
    return {
      url: fake.url,
      expected: () => {
        const e = expected();
        return { itemIds: e.statusIds, versions: versions(e) };
      },
      nextDay() {
        before = expected();
        fake.nextDay();
      },
      deletedByNextDay: () => diffCaptures(before!, expected()).removed,
      limit: (on) => fake.setRateLimit(on ? { limit: 6, periodSeconds: 1 } : null),
      exceeded: () => fake.stats.exceeded,
      onRequest: (cb) => fake.onRequest(() => cb()),
      close: () => fake.close(),
    };
  },
});
