// What a reviewer sees around a finding: the item version read as normalised text (or why it could
// not be), and the post it replies to. Shared by `review show` and the console's review queue.
import type { Lang } from '../../i18n.js';
import type { PrivacyStore, PrivacyVersion } from '../../store/privacy-store.js';
import { normalisedItem } from '../pipeline/normalised.js';
import type { ShowInput } from './show.js';

export function normalisedOrError(v: PrivacyVersion, lang: Lang): ShowInput['item'] {
  if (v.kind === 'profile') return { error: lang === 'en' ? 'a profile snapshot; only its images are scanned' : 'een momentopname van het profiel; alleen de afbeeldingen worden gescand' };
  try {
    return normalisedItem(v);
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** The newest version of the item `v` replies to; `missing` when that was never captured; null for a post. */
export async function replyContext(store: PrivacyStore, v: PrivacyVersion, lang: Lang): Promise<ShowInput['parent']> {
  if (!v.parentPlatformId) return null;
  const [p] = await store.resolveItems({ accountId: v.accountId, platformId: v.parentPlatformId });
  const pv = p ? (await store.itemVersions(p.itemId)).at(-1) : undefined;
  return pv ? { version: pv, item: normalisedOrError(pv, lang) } : 'missing';
}
