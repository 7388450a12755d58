// Identifiers of the fake network: DIDs, record keys (TIDs), CIDs, all derived from names and
// times so that the same dataset has the same identifiers on every run.
import { createHash } from 'node:crypto';
import { hash32 } from '../../mastodon/fake/ids.js';
import { CODEC, cidV1 } from '../cid.js';

export { hash32, rng, type Rng } from '../../mastodon/fake/ids.js';

const B32 = 'abcdefghijklmnopqrstuvwxyz234567';
const SORTABLE = '234567abcdefghijklmnopqrstuvwxyz';

/** `did:plc:` + 24 base32 characters, as the PLC directory issues them (from a hash, here). */
export function plcDid(seed: string): string {
  const h = createHash('sha256').update(`did:${seed}`).digest();
  let out = '';
  for (let i = 0; i < 24; i++) out += B32[h[i]! & 31];
  return `did:plc:${out}`;
}

/**
 * A TID record key: 64 bits (53 of microseconds since the epoch, 10 of clock id) in 13 characters
 * of base32-sortable, so keys sort by time.
 */
export function tid(ms: number, key: string): string {
  let n = (BigInt(ms) * 1000n + BigInt(hash32(`us:${key}`) % 1000)) << 10n;
  n |= BigInt(hash32(`clock:${key}`) & 0x3ff);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = SORTABLE[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}

/** JSON with sorted keys: the same record always hashes the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** A record's CID (dag-cbor codec). The real one hashes the DAG-CBOR bytes; this hashes canonical JSON: same shape, stable. */
export const recordCid = (record: unknown): string => cidV1(CODEC.dagCbor, createHash('sha256').update(canonical(record)).digest());

/** A blob's CID: raw codec over the SHA-256 of the bytes, exactly as a PDS computes it. */
export const blobCid = (bytes: Uint8Array): string => cidV1(CODEC.raw, createHash('sha256').update(bytes).digest());
