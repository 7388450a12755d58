import type { PlatformSupport } from '../index.js';
import { YouTubeCrawler } from './crawler.js';
import { normaliseYouTubeVersion } from './normalise.js';
import { YouTubeTakeoutImporter } from './takeout.js';

/** YouTube: Data API v3 capture with an API key, its normaliser, and the owner's Takeout for the video files. */
export const youtubeSupport: PlatformSupport = { crawler: new YouTubeCrawler(), normalise: normaliseYouTubeVersion, importer: new YouTubeTakeoutImporter() };
