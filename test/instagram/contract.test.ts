import { instagramDemoDataset } from '../../crawlers/instagram/fake/index.js';
import { startFakeGraph } from '../../crawlers/meta-graph/fake/server.js';
import { crawlerContract } from '../helpers/crawler-contract.js';

const TOKEN = 'ig-contract-token-9c8d7e6f';
const userId = instagramDemoDataset().account.id;

crawlerContract({
  platform: 'instagram',
  account: { handle: `"${userId}"`, platform: 'instagram', tokenEnv: 'IG_CONTRACT_TOKEN' },
  env: { IG_CONTRACT_TOKEN: TOKEN },
  // Day 1 is 14 requests: the account, its picture, the media with their comments, the pictures, more replies.
  killAt: [2, 4, 8],
  async start() {
    const ds = instagramDemoDataset({ now: new Date() });
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
