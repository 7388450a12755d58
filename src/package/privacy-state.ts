// The privacy officer's decisions as the package carries them (SPEC section 5): an item is clear,
// restricted (one MDTO beperkingGebruik per distinct restriction), or unreviewed. Pure.
import type { PrivacyRestriction, PrivacyState } from '../../formats/mdto/social.js';
import type { ItemPrivacy } from '../store/privacy-store.js';

/** True when an item may not be packaged without `--allow-unreviewed`: open findings or versions not scanned. */
export const isUnreviewed = (p: ItemPrivacy | undefined): boolean => p !== undefined && (p.openFindings > 0 || p.unscannedVersions > 0);

/**
 * The restrictions of an item's restrict and redact decisions. Decisions with the same ground, term
 * and reason become one restriction naming all their categories.
 */
export function restrictionsOf(p: ItemPrivacy): PrivacyRestriction[] {
  const byTerm = new Map<string, PrivacyRestriction>();
  for (const r of p.restrictions) {
    const { type, term } = r.restriction;
    const key = JSON.stringify([type, term.duration ?? null, term.until ?? null, term.from, r.reason]);
    const known = byTerm.get(key);
    if (known) {
      if (!known.categories.includes(r.category)) known.categories.push(r.category);
      continue;
    }
    byTerm.set(key, { categories: [r.category], type, looptijd: term.duration, until: term.duration ? undefined : term.until, from: term.from, reason: r.reason });
  }
  return [...byTerm.values()];
}

/** The state an item is packaged with; `p` undefined means nothing was ever found. */
export function privacyState(p: ItemPrivacy | undefined): PrivacyState {
  if (!p) return { status: 'clear' };
  const restrictions = restrictionsOf(p);
  if (isUnreviewed(p)) return { status: 'unreviewed', openFindings: p.openFindings, unscannedVersions: p.unscannedVersions, restrictions };
  return restrictions.length > 0 ? { status: 'restricted', restrictions } : { status: 'clear' };
}
