import { normaliseMastodonVersion } from '../formats/normalise/mastodon-stored.js';
import type { PlatformNormaliser } from '../formats/normalise/stored.js';
import type { Crawler } from '../src/capture/crawler.js';
import type { ExportImporter } from '../src/capture/importer.js';
import type { Platform } from '../src/domain/types.js';
import { BlueskyCrawler } from './bluesky/crawler.js';
import { normaliseBlueskyVersion } from './bluesky/normalise.js';
import { FacebookCrawler } from './facebook/crawler.js';
import { facebookImporter } from './facebook/importer.js';
import { normaliseFacebookVersion } from './facebook/normalise.js';
import { InstagramCrawler } from './instagram/crawler.js';
import { instagramImporter } from './instagram/importer.js';
import { normaliseInstagramVersion } from './instagram/normalise.js';
import { MastodonCrawler } from './mastodon/crawler.js';
import { browserCapture } from './web/index.js';
import { xSupport } from './x/index.js';
import { youtubeSupport } from './youtube/index.js';

/** What the archive needs of a platform: how to capture it and how to read what it captured. */
export interface PlatformSupport {
  crawler: Crawler;
  normalise: PlatformNormaliser;
  /** Reads the owner's export of the platform, where the platform has one. */
  importer?: ExportImporter;
}

/** One entry per platform; a new platform is a new folder and one line here. */
const platforms: Partial<Record<Platform, PlatformSupport>> = {
  mastodon: { crawler: new MastodonCrawler(), normalise: normaliseMastodonVersion },
  bluesky: { crawler: new BlueskyCrawler(), normalise: normaliseBlueskyVersion },
  ...browserCapture,
  youtube: youtubeSupport,
  facebook: { crawler: new FacebookCrawler(), normalise: normaliseFacebookVersion, importer: facebookImporter },
  instagram: { crawler: new InstagramCrawler(), normalise: normaliseInstagramVersion, importer: instagramImporter },
  x: xSupport,
};

export const crawlerFor = (platform: Platform): Crawler | undefined => platforms[platform]?.crawler;
export const importerFor = (platform: Platform): ExportImporter | undefined => platforms[platform]?.importer;
export const normaliserFor = (platform: Platform): PlatformNormaliser | undefined => platforms[platform]?.normalise;
