import { startFakeWebsite, type FakeWebsite } from '../../crawlers/web/fake/server.js';
import { CHANGED_NEXT_DAY, GONE_NEXT_DAY, LINKEDIN_HANDLE, LINKEDIN_PATHS } from '../../crawlers/web/fake/site.js';
import { crawlerContract } from '../helpers/crawler-contract.js';

// Browser capture against the crawler contract, as a LinkedIn account listing four post URLs: three
// of the municipality and one of the safety region it answered under (the third-party item). The
// next day one post gains a comment (a new version) and one is gone (404, confirmed, deleted).
//
// Rate limit: a website announces no budget, so the first refusal cannot be avoided. The fake
// answers 429 with Retry-After once its window is full; `exceeded` counts only requests that came
// while that Retry-After was running (beyond a grace for requests already on their way), which is
// what "respecting the signal" means for such a site. It must stay 0.
let site: FakeWebsite | undefined;
const urlsYaml = () => `    urls:\n${LINKEDIN_PATHS.map((p) => `      - ${site!.at(p)}\n`).join('')}`;

crawlerContract({
  platform: 'linkedin',
  account: {
    handle: LINKEDIN_HANDLE,
    platform: 'linkedin',
    get extra() {
      return urlsYaml();
    },
  },
  // In the first page's load, and in the third page's.
  killAt: [3, 11],
  async start() {
    site = await startFakeWebsite();
    const s = site;
    const present = () => LINKEDIN_PATHS.filter((p) => s.day === 1 || !GONE_NEXT_DAY.includes(p));
    return {
      url: s.url,
      expected: () => ({
        itemIds: present().map((p) => s.at(p)),
        versions: s.day === 1 ? {} : Object.fromEntries(CHANGED_NEXT_DAY.filter((p) => LINKEDIN_PATHS.includes(p)).map((p) => [s.at(p), 2])),
      }),
      nextDay: () => s.nextDay(),
      deletedByNextDay: () => GONE_NEXT_DAY.filter((p) => LINKEDIN_PATHS.includes(p)).map((p) => s.at(p)),
      limit: (on) => s.setRateLimit(on ? { limit: 5, periodSeconds: 1, retryAfterSeconds: 1 } : null),
      exceeded: () => s.stats.exceeded,
      onRequest: (cb) => s.onRequest(() => cb()),
      close: () => s.close(),
    };
  },
});
