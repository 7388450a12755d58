// Stable identity of findings. A text finding is the same finding when it is in the same version of
// the same item, in the same field, of the same category, at the same place, with the same text:
// a re-scan by an improved detector that reports it again keeps its id and its decisions. A face is
// the same face when its region overlaps an earlier one of the same image enough (detectors move
// boxes by a few pixels); GPS and other metadata are one finding per image.
import { createHash } from 'node:crypto';
import type { Finding } from '../../domain/types.js';
import type { NewFinding, PrivacyVersion } from '../../store/privacy-store.js';

type Region = NonNullable<Finding['region']>;

const hash = (parts: unknown[]): string => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

const where = (v: Pick<PrivacyVersion, 'accountId' | 'platformId' | 'versionKey'>) => [v.accountId, v.platformId, v.versionKey];

export function textFindingKey(v: Pick<PrivacyVersion, 'accountId' | 'platformId' | 'versionKey'>, field: string, category: string, start: number, end: number, text: string): string {
  return hash(['text', ...where(v), field, category, start, end, text]);
}

export function imageFindingKey(
  v: Pick<PrivacyVersion, 'accountId' | 'platformId' | 'versionKey'>,
  field: string,
  sha256: string,
  category: string,
  region?: Region,
): string {
  const r = region ? [Math.round(region.x), Math.round(region.y), Math.round(region.w), Math.round(region.h)] : null;
  return hash(['image', ...where(v), field, sha256, category, r]);
}

/** Intersection over union of two rectangles. */
export function overlap(a: Region, b: Region): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.w * a.h + b.w * b.h - inter);
}

/** Regions overlapping at least this much are the same face. */
export const SAME_FACE = 0.5;

/**
 * Gives fresh face findings the identity of an earlier face of the same image and field when they
 * overlap enough (best match first, each earlier face used once). Everything else keeps its key.
 */
export function carryFaceIdentity(existing: readonly Finding[], fresh: NewFinding[]): NewFinding[] {
  const earlier = existing.filter((e) => e.category === 'face' && e.region);
  const used = new Set<string>();
  const pairs: { i: number; key: string; score: number }[] = [];
  fresh.forEach((f, i) => {
    if (f.category !== 'face' || !f.region) return;
    for (const e of earlier) {
      if (e.field !== f.field || e.media?.sha256 !== f.media?.sha256) continue;
      const score = overlap(e.region!, f.region);
      if (score >= SAME_FACE) pairs.push({ i, key: e.key, score });
    }
  });
  const out = [...fresh];
  const assigned = new Set<number>();
  for (const p of pairs.sort((a, b) => b.score - a.score)) {
    if (used.has(p.key) || assigned.has(p.i)) continue;
    used.add(p.key);
    assigned.add(p.i);
    out[p.i] = { ...out[p.i]!, key: p.key };
  }
  return out;
}
