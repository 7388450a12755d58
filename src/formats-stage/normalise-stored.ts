// A stored version of a post or reply → its normalised JSON (docs/normalised-item.schema.json).
// Pure: the payload and what the archive knows about it go in, the item comes out. Computed on
// demand, so the normalised form always follows the current mapping and the stored identifications.
import type { NormalisedItem } from '../../formats/normalise/item.js';
import type { StoredVersionInput } from '../../formats/normalise/stored.js';
import { normaliserFor } from '../../crawlers/index.js';
import { UserError } from '../domain/errors.js';

export type { StoredVersionInput };

/** Throws a UserError when the platform has no normaliser or the payload cannot be mapped. */
export function normaliseStoredVersion(v: StoredVersionInput): NormalisedItem {
  const normalise = normaliserFor(v.platform);
  if (!normalise) throw new UserError('NORMALISE_NO_PLATFORM', `no normaliser for ${v.platform} items yet`);
  const item = normalise(v);
  // A payload always calls itself current; once a newer version is stored, the older one is not.
  return { ...item, version: { ...item.version, isCurrent: v.isNewest } };
}
