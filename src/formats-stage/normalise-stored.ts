// A stored version of a post or reply → its normalised JSON (docs/normalised-item.schema.json).
// Pure: the payload and what the archive knows about it go in, the item comes out. Computed on
// demand, so the normalised form always follows the current mapping and the stored identifications.
import { normaliseMastodonStatus, normaliseMastodonStatusEdit, type StoredMediaInfo } from '../../formats/normalise/index.js';
import type { NormalisedItem } from '../../formats/normalise/item.js';
import { UserError } from '../domain/errors.js';
import type { Platform } from '../domain/types.js';

export interface StoredVersionInput {
  platform: Platform;
  /** The registered account's id on the platform; every other author is third-party. */
  ownAccountId: string;
  threadRootPlatformId: string | null;
  foundDeletedAt: string | null;
  /** `status` (the item as served) or `history` (an entry of its edit history). */
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

function parsePayload(payload: string, what: string): unknown {
  try {
    return JSON.parse(payload) as unknown;
  } catch (e) {
    throw new UserError('PAYLOAD_NOT_JSON', `the stored ${what} is not JSON (${String((e as Error).message)})`);
  }
}

/** Throws a UserError when the platform has no normaliser or the payload cannot be mapped. */
export function normaliseStoredVersion(v: StoredVersionInput): NormalisedItem {
  if (v.platform !== 'mastodon') throw new UserError('NORMALISE_NO_PLATFORM', `no normaliser for ${v.platform} items yet`);
  const ctx = {
    capturedAt: v.capturedAt,
    ownAccountId: v.ownAccountId,
    threadRootPlatformId: v.threadRootPlatformId,
    foundDeletedAt: v.foundDeletedAt,
    rawSha256: v.payloadSha256,
    media: storedMediaIndex(v.media),
  };
  let item: NormalisedItem;
  if (v.source === 'status') item = normaliseMastodonStatus(parsePayload(v.payload, 'status'), ctx);
  else if (v.source === 'history') {
    if (!v.history) throw new UserError('NORMALISE_NO_STATUS', 'a history entry cannot be normalised without the status it belongs to');
    item = normaliseMastodonStatusEdit(parsePayload(v.payload, 'history entry'), {
      ...ctx,
      status: parsePayload(v.history.status, 'status'),
      index: v.history.index,
      count: v.history.count,
    });
  } else throw new UserError('NORMALISE_NO_SOURCE', `no normaliser for ${v.platform} payloads of kind "${v.source}"`);
  // A status payload always calls itself current; once an edit is stored, the older one is not.
  return { ...item, version: { ...item.version, isCurrent: v.isNewest } };
}
