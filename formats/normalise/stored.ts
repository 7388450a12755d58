// What the archive knows about one stored version of a post or reply, as every platform's
// normaliser receives it, and the small helpers they share.
import { UserError } from '../../src/domain/errors.js';
import type { Platform } from '../../src/domain/types.js';
import type { NormalisedItem } from './item.js';
import type { StoredMediaInfo } from './mastodon.js';

export interface StoredVersionInput {
  platform: Platform;
  /** The registered account's id on the platform; every other author is third-party. */
  ownAccountId: string;
  threadRootPlatformId: string | null;
  foundDeletedAt: string | null;
  /** Where the payload came from, as the crawler named it (Mastodon: `status` or `history`). */
  source: string;
  payload: string;
  payloadSha256: string;
  capturedAt: string;
  /** Whether this is the newest stored version of the item (the archive knows this; a payload alone does not). */
  isNewest: boolean;
  /** For a history entry: the item's newest status payload, the entry's position and the number of versions. */
  history?: { status: string; index: number; count: number } | undefined;
  /** Stored media of the version: checksum, size and PUID of each original. */
  media: readonly { platformId: string | null; url: string; sha256: string | null; size: number | null; puid: string | null }[];
}

/** A platform's mapping of a stored version onto the normalised item (docs/normalised-item.schema.json). */
export type PlatformNormaliser = (v: StoredVersionInput) => NormalisedItem;

/** Stored originals by attachment id and by URL, as the platform normalisers look them up. */
export function storedMediaIndex(media: StoredVersionInput['media']): Record<string, StoredMediaInfo> {
  const out: Record<string, StoredMediaInfo> = {};
  for (const m of media) {
    if (!m.sha256 || m.size === null) continue;
    const info = { sha256: m.sha256, size: m.size, puid: m.puid };
    out[m.url] = info;
    if (m.platformId) out[m.platformId] = info;
  }
  return out;
}

export function parsePayload(payload: string, what: string): unknown {
  try {
    return JSON.parse(payload) as unknown;
  } catch (e) {
    throw new UserError('PAYLOAD_NOT_JSON', `the stored ${what} is not JSON (${String((e as Error).message)})`);
  }
}
