import { createHash } from 'node:crypto';
import type { ImageSpec } from '../../mastodon/fake/images.js';

/** A decimal id of `digits` digits derived from `key`: the same key gives the same id in every run. */
export function numericId(key: string, digits: number): string {
  const hex = createHash('sha256').update(key).digest('hex');
  let out = '';
  for (let i = 0; out.length < digits; i += 2) out += (parseInt(hex.slice(i % 64, (i % 64) + 2), 16) % 10).toString();
  return (out[0] === '0' ? '1' : '') + out.slice(out[0] === '0' ? 1 : 0, digits);
}

export function seedOf(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0);
}

/** Graph times: `2026-05-20T08:30:00+0000`. */
export const graphTimeOf = (iso: string): string => `${new Date(iso).toISOString().slice(0, 19)}+0000`;

export const unix = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** An image on the fake CDN. */
export interface CdnFile {
  path: string;
  spec: ImageSpec;
}
