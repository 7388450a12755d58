import { UserError } from '../../src/domain/errors.js';
import type { NormalisedItem } from './item.js';
import { normaliseMastodonStatus, normaliseMastodonStatusEdit } from './mastodon.js';
import { parsePayload, storedMediaIndex, type PlatformNormaliser } from './stored.js';

/** A stored Mastodon version: a Status as served, or a StatusEdit from its `/history`. */
export const normaliseMastodonVersion: PlatformNormaliser = (v) => {
  const ctx = {
    capturedAt: v.capturedAt,
    ownAccountId: v.ownAccountId,
    threadRootPlatformId: v.threadRootPlatformId,
    foundDeletedAt: v.foundDeletedAt,
    rawSha256: v.payloadSha256,
    media: storedMediaIndex(v.media),
  };
  if (v.source === 'status') return normaliseMastodonStatus(parsePayload(v.payload, 'status'), ctx);
  if (v.source !== 'history') throw new UserError('NORMALISE_NO_SOURCE', `no normaliser for mastodon payloads of kind "${v.source}"`);
  if (!v.history) throw new UserError('NORMALISE_NO_STATUS', 'a history entry cannot be normalised without the status it belongs to');
  const item: NormalisedItem = normaliseMastodonStatusEdit(parsePayload(v.payload, 'history entry'), {
    ...ctx,
    status: parsePayload(v.history.status, 'status'),
    index: v.history.index,
    count: v.history.count,
  });
  return item;
};
