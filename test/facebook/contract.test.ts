import { facebookDemoDataset } from '../../crawlers/facebook/fake/index.js';
import { startFakeGraph } from '../../crawlers/meta-graph/fake/server.js';
import { crawlerContract } from '../helpers/crawler-contract.js';

const TOKEN = 'fb-contract-page-token-5e6f7a8b';
const pageId = facebookDemoDataset().page.id;

crawlerContract({
  platform: 'facebook',
  account: { handle: `"${pageId}"`, platform: 'facebook', tokenEnv: 'FB_CONTRACT_TOKEN' },
  env: { FB_CONTRACT_TOKEN: TOKEN },
  // Day 1 is 12 requests: the Page, its picture and cover, the posts with their comments, the photos.
  killAt: [2, 4, 7],
  async start() {
    const ds = facebookDemoDataset({ now: new Date() });
    const fake = await startFakeGraph({ datasets: [ds], tokens: [TOKEN] });
    let before: string[] = [];
    return {
      url: fake.url,
      expected: () => ({ itemIds: ds.expected().itemIds, versions: ds.expected().versions }),
      nextDay() {
        before = ds.expected().itemIds;
        fake.nextDay();
      },
      deletedByNextDay: () => {
        const now = new Set(ds.expected().itemIds);
        return before.filter((id) => !now.has(id));
      },
      // 2 calls in a rolling 1.5 s: after one call the next would pass 75 %, so the run has to pause.
      limit: (on) => fake.setRateLimit(on ? { calls: 2, windowSeconds: 1.5, budget: 'buc' } : null),
      exceeded: () => fake.stats.exceeded,
      onRequest: (cb) => fake.onRequest(() => cb()),
      close: () => fake.close(),
    };
  },
});
