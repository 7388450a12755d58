import type { Crawler } from '../src/capture/crawler.js';
import type { Platform } from '../src/domain/types.js';
import { MastodonCrawler } from './mastodon/crawler.js';

/** One crawler per platform; a new platform is a new folder and one line here. */
const crawlers: Partial<Record<Platform, Crawler>> = {
  mastodon: new MastodonCrawler(),
};

export const crawlerFor = (platform: Platform): Crawler | undefined => crawlers[platform];
