// A stored version → its normalised item (docs/normalised-item.schema.json). The one place the
// privacy pipeline depends on the formats stage: scanning and public copies see the item exactly as
// the archive documents it, and a change of normaliser is one line here.
import type { NormalisedItem } from '../../../formats/normalise/item.js';
import { normaliseStoredVersion } from '../../formats-stage/normalise-stored.js';
import type { Platform } from '../../domain/types.js';
import type { PrivacyVersion } from '../../store/privacy-store.js';

/** Throws a UserError when the payload cannot be normalised. */
export function normalisedItem(v: PrivacyVersion): NormalisedItem {
  return normaliseStoredVersion({
    platform: v.platform as Platform,
    ownAccountId: v.ownAuthorId ?? '',
    threadRootPlatformId: v.threadRootPlatformId,
    foundDeletedAt: v.foundDeletedAt,
    source: v.source,
    payload: v.payload,
    payloadSha256: v.payloadSha256,
    capturedAt: v.capturedAt,
    isNewest: v.versionIndex === v.versionCount - 1,
    history: v.source === 'status' ? undefined : { status: v.statusPayload ?? '', index: v.versionIndex, count: v.versionCount },
    media: v.media.map((m) => ({ platformId: m.platformId, url: m.url, sha256: m.sha256, size: m.size, puid: null })),
  });
}
