// Every fake platform as the reliability suite needs it: a small account just over one page of its
// listing (so a repeated cursor can bite), the fault layer in front of its API, the listing's path,
// and the platform's own way of saying when a 429 ends.
import type { FaultLayer } from '../../crawlers/fake-faults.js';
import { blueskySyntheticDataset, startFakeBluesky } from '../../crawlers/bluesky/fake/index.js';
import { syntheticFacebookDataset } from '../../crawlers/facebook/fake/index.js';
import { syntheticInstagramDataset } from '../../crawlers/instagram/fake/index.js';
import { startFakeMastodon, syntheticDataset as mastodonSynthetic } from '../../crawlers/mastodon/fake/index.js';
import { startFakeGraph } from '../../crawlers/meta-graph/fake/server.js';
import { startFakeWebsite } from '../../crawlers/web/fake/server.js';
import { LINKEDIN_HANDLE, LINKEDIN_PATHS } from '../../crawlers/web/fake/site.js';
import { startFakeX, syntheticDataset as xSynthetic } from '../../crawlers/x/fake/index.js';
import { startFakeYouTube, syntheticDataset as youtubeSynthetic } from '../../crawlers/youtube/fake/index.js';
import type { TestAccount } from '../helpers/workspace.js';

export interface FaultyPlatform {
  url: string;
  /** The layer in front of the platform's API (where its JSON comes from). */
  faults: FaultLayer;
  account: Omit<TestAccount, 'id'>;
  close(): Promise<void>;
}

export interface PlatformTarget {
  platform: string;
  /** Tokens the crawler reads from the environment. */
  env: Record<string, string>;
  /** The listing that pages: the account's posts. */
  listing: RegExp;
  /** Headers of a 429 that says when to come back (the platform's own, else Retry-After). */
  resetHeaders(seconds: number): Record<string, string>;
  start(): Promise<FaultyPlatform>;
}

const retryAfter = (s: number) => ({ 'Retry-After': String(s) });
const NOW = new Date();

export const PLATFORMS: PlatformTarget[] = [
  {
    platform: 'mastodon',
    env: { REL_MASTODON_TOKEN: 'rel-mastodon-token-31a4b5c6d7' },
    listing: /\/api\/v1\/accounts\/[^/]+\/statuses/,
    resetHeaders: (s) => ({ 'X-RateLimit-Limit': '300', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': new Date(Date.now() + s * 1000).toISOString() }),
    async start() {
      const fake = await startFakeMastodon({ tokens: ['rel-mastodon-token-31a4b5c6d7'], dataset: mastodonSynthetic({ statuses: 45, replies: 12, seed: 3, mediaEvery: 20 }), rateLimit: null });
      return { url: fake.url, faults: fake.faults, account: { handle: 'voorbeeldstad', tokenEnv: 'REL_MASTODON_TOKEN' }, close: () => fake.close() };
    },
  },
  {
    platform: 'bluesky',
    env: {},
    listing: /getAuthorFeed/,
    resetHeaders: (s) => ({ 'RateLimit-Limit': '3000', 'RateLimit-Remaining': '0', 'RateLimit-Reset': String(Math.ceil(Date.now() / 1000 + s)), 'RateLimit-Policy': '3000;w=300' }),
    async start() {
      const fake = await startFakeBluesky({ dataset: blueskySyntheticDataset({ posts: 105, replies: 12, seed: 3, mediaEvery: 50 }), rateLimit: null, pdsRateLimit: null });
      return { url: fake.url, faults: fake.faults, account: { platform: 'bluesky', handle: 'voorbeeldstad.nl' }, close: () => fake.close() };
    },
  },
  {
    platform: 'x',
    env: { REL_X_TOKEN: 'rel-x-bearer-8e9f0a1b2c' },
    listing: /\/2\/users\/[^/]+\/tweets/,
    resetHeaders: (s) => ({ 'x-rate-limit-limit': '900', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000 + s)) }),
    async start() {
      const fake = await startFakeX({ tokens: ['rel-x-bearer-8e9f0a1b2c'], dataset: xSynthetic({ posts: 105, replies: 12, seed: 3, spanDays: 5, mediaEvery: 50, now: NOW }), rateLimits: null });
      return { url: fake.url, faults: fake.faults, account: { platform: 'x', handle: 'voorbeeldstad', tokenEnv: 'REL_X_TOKEN' }, close: () => fake.close() };
    },
  },
  {
    platform: 'youtube',
    env: { REL_YOUTUBE_KEY: 'rel-youtube-key-4d5e6f7a8b' },
    listing: /\/youtube\/v3\/playlistItems/,
    resetHeaders: retryAfter,
    async start() {
      const fake = await startFakeYouTube({ keys: ['rel-youtube-key-4d5e6f7a8b'], dataset: youtubeSynthetic({ videos: 55, comments: 12, seed: 3, now: NOW }) });
      return { url: fake.url, faults: fake.faults, account: { platform: 'youtube', handle: 'voorbeeldstad', tokenEnv: 'REL_YOUTUBE_KEY' }, close: () => fake.close() };
    },
  },
  {
    platform: 'facebook',
    env: { REL_FB_TOKEN: 'rel-fb-page-token-9a8b7c6d5e' },
    listing: /\/(published_posts|posts|feed)\b/,
    resetHeaders: retryAfter,
    async start() {
      const ds = syntheticFacebookDataset({ posts: 55, comments: 12, seed: 3, photoEvery: 50, now: NOW.toISOString() });
      const fake = await startFakeGraph({ datasets: [ds], tokens: ['rel-fb-page-token-9a8b7c6d5e'] });
      return { url: fake.url, faults: fake.faults, account: { platform: 'facebook', handle: `"${ds.page.id}"`, tokenEnv: 'REL_FB_TOKEN' }, close: () => fake.close() };
    },
  },
  {
    platform: 'instagram',
    env: { REL_IG_TOKEN: 'rel-ig-token-1f2e3d4c5b' },
    listing: /\/media\b/,
    resetHeaders: retryAfter,
    async start() {
      const ds = syntheticInstagramDataset({ media: 55, comments: 12, seed: 3, now: NOW.toISOString() });
      const fake = await startFakeGraph({ datasets: [ds], tokens: ['rel-ig-token-1f2e3d4c5b'] });
      return { url: fake.url, faults: fake.faults, account: { platform: 'instagram', handle: `"${ds.account.id}"`, tokenEnv: 'REL_IG_TOKEN' }, close: () => fake.close() };
    },
  },
  {
    platform: 'linkedin',
    env: {},
    // No listing on a website: the registered post URLs are the pages.
    listing: /^\/posts\//,
    resetHeaders: retryAfter,
    async start() {
      const site = await startFakeWebsite();
      // Two of the posts: every run starts Chromium, so fewer pages keep the suite fast.
      const urls = `    urls:\n${LINKEDIN_PATHS.slice(0, 2).map((p) => `      - ${site.at(p)}\n`).join('')}`;
      return { url: site.url, faults: site.faults, account: { platform: 'linkedin', handle: LINKEDIN_HANDLE, extra: urls }, close: () => site.close() };
    },
  },
];
