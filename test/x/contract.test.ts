import { diffCaptures, expectedCapture, type ExpectedXCapture } from '../../crawlers/x/fake/expectations.js';
import { demoDataset } from '../../crawlers/x/fake/demo-dataset.js';
import { startFakeX } from '../../crawlers/x/fake/server.js';
import { crawlerContract } from '../helpers/crawler-contract.js';

// The crawler contract against the fake X, with recent search (the default): replies older than
// seven days are out of reach, so the expectation follows the same window.
const TOKEN = 'x-contract-bearer-7c1d2e3f4a5b';

crawlerContract({
  platform: 'x',
  account: { platform: 'x', handle: 'voorbeeldstad', tokenEnv: 'X_CONTRACT_TOKEN' },
  env: { X_CONTRACT_TOKEN: TOKEN },
  killAt: [2, 6, 14, 22],
  async start() {
    const fake = await startFakeX({ tokens: [TOKEN], dataset: demoDataset({ now: new Date() }), rateLimits: null });
    const expected = () => expectedCapture(fake.dataset, { search: 'recent' });
    let before: ExpectedXCapture | undefined;
    const versions = (e: ExpectedXCapture) => Object.fromEntries(Object.entries(e.versions).filter(([, n]) => n > 1));
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
      limit: (on) => fake.setRateLimits(on ? { limit: 5, periodSeconds: 1 } : null),
      exceeded: () => fake.stats.exceeded,
      onRequest: (cb) => fake.onRequest(() => cb()),
      close: () => fake.close(),
    };
  },
});
