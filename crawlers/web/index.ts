import type { PlatformSupport } from '../index.js';
import type { BrowserCapturePlatform } from '../../src/registry/browser-capture.js';
import { BrowserCaptureCrawler } from './crawler.js';
import { normaliseBrowserCapture } from './normalise.js';

/** Browser capture serves three platforms: any website (`web`), LinkedIn and TikTok post URLs. */
export const browserCapture: Record<BrowserCapturePlatform, PlatformSupport> = {
  web: { crawler: new BrowserCaptureCrawler('web'), normalise: normaliseBrowserCapture },
  linkedin: { crawler: new BrowserCaptureCrawler('linkedin'), normalise: normaliseBrowserCapture },
  tiktok: { crawler: new BrowserCaptureCrawler('tiktok'), normalise: normaliseBrowserCapture },
};
