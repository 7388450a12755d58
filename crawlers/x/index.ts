import type { PlatformSupport } from '../index.js';
import { XArchiveImporter } from './archive/importer.js';
import { XCrawler } from './crawler.js';
import { normaliseXVersion } from './normalise.js';

/** X: API v2 with the owner's token, and the owner's account archive, mapped onto the same items. */
export const xSupport: PlatformSupport = { crawler: new XCrawler(), normalise: normaliseXVersion, importer: new XArchiveImporter() };
